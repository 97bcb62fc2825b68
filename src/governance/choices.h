// Small helpers the governance files share: closed lists of allowed values
// (checked and listed in messages) and yaml-cpp errors as ParseError.
#pragma once

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <span>
#include <string>

#include "airm/status.h"

namespace airm::governance::internal {

inline bool OneOf(const std::string& value, std::span<const char* const> allowed) {
  return std::any_of(allowed.begin(), allowed.end(), [&](const char* a) { return value == a; });
}

// "a, b, c"
inline std::string ListOf(std::span<const char* const> allowed) {
  std::string out;
  for (const char* a : allowed) out += (out.empty() ? "" : ", ") + std::string(a);
  return out;
}

// "path:line: what" at `node`'s position (1-based line).
inline Status YamlNodeError(const std::string& path, const YAML::Node& node,
                            const std::string& what) {
  return Status::ParseError(path + ":" + std::to_string(std::max(node.Mark().line, 0) + 1) + ": " +
                            what);
}

// "path:line:column: message" of a yaml-cpp exception.
inline Status YamlExceptionError(const std::string& path, const YAML::Exception& e) {
  return Status::ParseError(path + ":" + std::to_string(std::max(e.mark.line, 0) + 1) + ":" +
                            std::to_string(std::max(e.mark.column, 0) + 1) + ": " + e.msg);
}

}  // namespace airm::governance::internal
