#include "key_value_flags.h"

#include "store_cli.h"

namespace airm::cli {

Result<std::vector<std::pair<std::string, std::string>>> KeyValuesOf(
    const std::vector<std::string>& items, const std::string& flag) {
  std::vector<std::pair<std::string, std::string>> pairs;
  for (const std::string& text : items) {
    std::string key, value;
    AIRM_RETURN_IF_ERROR(ParseKeyValue(text, flag, &key, &value));
    pairs.emplace_back(std::move(key), std::move(value));
  }
  return pairs;
}

Result<std::map<std::string, std::string>> KeyValueMapOf(const std::vector<std::string>& items,
                                                         const std::string& flag) {
  AIRM_ASSIGN_OR_RETURN(auto pairs, KeyValuesOf(items, flag));
  std::map<std::string, std::string> map;
  for (auto& [key, value] : pairs) map[key] = std::move(value);
  return map;
}

}  // namespace airm::cli
