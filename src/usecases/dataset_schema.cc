#include "airm/usecases/dataset_schema.h"

#include <nlohmann/json.hpp>

namespace airm::usecases {

std::optional<std::vector<SchemaColumn>> RegisteredSchema(const store::DatasetVersion& version) {
  if (!version.schema_json) return std::nullopt;
  const nlohmann::json parsed =
      nlohmann::json::parse(*version.schema_json, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return std::nullopt;
  std::vector<SchemaColumn> columns;
  for (const nlohmann::json& column : parsed) {
    if (!column.is_object()) continue;
    SchemaColumn c;
    if (auto it = column.find("name"); it != column.end() && it->is_string()) c.name = *it;
    if (auto it = column.find("type"); it != column.end() && it->is_string()) c.type = *it;
    columns.push_back(std::move(c));
  }
  return columns;
}

}  // namespace airm::usecases
