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

std::string FileUri(const std::string& abs_path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "file://";
  for (unsigned char c : abs_path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

Json Facet(const std::string& producer, const std::string& schema_url, Json fields) {
  Json facet = {{"_producer", producer}, {"_schemaURL", schema_url}};
  for (auto& [key, value] : fields.items()) facet[key] = value;
  return facet;
}

}  // namespace airm::lineage::internal
