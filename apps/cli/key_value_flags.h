// Repeated KEY=VALUE flags (--tag, --param), each item split by
// ParseKeyValue (store_cli.h).
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "airm/status.h"

namespace airm::cli {

// The pairs in the order given; InvalidArgument naming `flag` for an item
// without KEY=.
Result<std::vector<std::pair<std::string, std::string>>> KeyValuesOf(
    const std::vector<std::string>& items, const std::string& flag);

// The same as a map; a key given twice keeps its last value.
Result<std::map<std::string, std::string>> KeyValueMapOf(const std::vector<std::string>& items,
                                                         const std::string& flag);

}  // namespace airm::cli
