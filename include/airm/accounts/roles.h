// The roles of `airm serve`, in increasing order of what they may do:
//   viewer       reads everything
//   contributor  a data scientist: writes risks, links models and handles
//                alerts of the AI systems it owns
//   reviewer     signs off model versions for the board function it holds
//   admin        everything, including accounts and boards
// A higher role includes every lower one; ownership of a system is checked
// beside the role (airm/server/routes.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace airm::accounts {

enum class Role { kViewer = 0, kContributor = 1, kReviewer = 2, kAdmin = 3 };

inline constexpr const char* kRoleNames[] = {"viewer", "contributor", "reviewer", "admin"};

const char* RoleName(Role role);
std::optional<Role> ParseRole(std::string_view name);
inline bool AtLeast(Role held, Role required) {
  return static_cast<int>(held) >= static_cast<int>(required);
}

}  // namespace airm::accounts
