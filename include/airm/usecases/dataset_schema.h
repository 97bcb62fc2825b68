// The schema a dataset version was registered with, as typed columns: read
// once here from the store's JSON column so no face or renderer parses it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/store/records.h"

namespace airm::usecases {

struct SchemaColumn {
  std::string name = {};
  std::string type = {};
};

// The registered columns in file order; nullopt when the version was not
// read as a table (or its schema text is not a JSON array).
std::optional<std::vector<SchemaColumn>> RegisteredSchema(const store::DatasetVersion& version);

}  // namespace airm::usecases
