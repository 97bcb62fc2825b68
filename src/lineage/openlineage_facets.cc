#include "openlineage_facets.h"

#include <cctype>

#include "airm/report/format.h"

namespace airm::lineage::internal {

using report::Cat;

std::string ProducerUrl(std::string_view airm_version) {
  return Cat({kAirmHome, "/tree/v", airm_version});
}

std::string StandardFacetSchema(std::string_view version, std::string_view facet_class) {
  return Cat({"https://openlineage.io/spec/facets/", version, "/", facet_class, ".json#/$defs/",
              facet_class});
}

std::string AirmFacetSchema(std::string_view facet_class) {
  return Cat({kAirmHome, "/blob/main/docs/schemas/openlineage/1-0-0/", facet_class, ".json#/$defs/",
              facet_class});
}

Json Facet(const std::string& producer, const std::string& schema_url, Json fields) {
  Json facet = {{"_producer", producer}, {"_schemaURL", schema_url}};
  for (auto& [key, value] : fields.items()) facet[key] = value;
  return facet;
}

}  // namespace airm::lineage::internal
