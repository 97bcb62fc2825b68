// What the governance reports share: the --today flag and the systems a
// --system flag selects.
#pragma once

#include <string>
#include <vector>

#include "airm/governance/inventory.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::usecases::internal {

// InvalidArgument naming --today unless it is "" or a date YYYY-MM-DD.
Status ValidateToday(const std::string& today);
// `today`, or today's UTC date when "".
std::string TodayOr(const std::string& today);

// Every system of the inventory for "", else the one named (NotFound).
Result<std::vector<governance::AiSystem>> SelectSystems(store::Database& db,
                                                        const std::string& name);

}  // namespace airm::usecases::internal
