// Names and schema URLs of the OpenLineage facets airm writes (standard ones
// at the versions of the research note, governance.md §b) and airm's own
// custom facets, whose schemas are committed in docs/schemas/openlineage/.
#pragma once

#include <string>
#include <string_view>

#include "airm/report/json_util.h"

namespace airm::lineage::internal {

using report::Json;

// Where airm lives; the producer of every event and the home of its custom
// facet schemas.
inline constexpr const char* kAirmHome = "https://github.com/airm/airm";

// "https://github.com/airm/airm/tree/v0.1.0"
std::string ProducerUrl(std::string_view airm_version);

// "https://openlineage.io/spec/facets/<version>/<Class>.json#/$defs/<Class>"
std::string StandardFacetSchema(std::string_view version, std::string_view facet_class);

// kAirmHome + "/blob/main/docs/schemas/openlineage/1-0-0/<Class>.json#/$defs/<Class>"
std::string AirmFacetSchema(std::string_view facet_class);

// A facet object carrying `_producer` and `_schemaURL` first, then `fields`.
Json Facet(const std::string& producer, const std::string& schema_url, Json fields);

// Custom facet keys: `{prefix}_{name}` as the spec asks.
inline constexpr const char* kContentDigestFacet = "airm_contentDigest";  // Dataset
inline constexpr const char* kInputRoleFacet = "airm_inputRole";          // InputDataset
inline constexpr const char* kRunFacet = "airm_run";                      // Run
// The job tag that carries airm's job kind (preprocessing, training, …).
inline constexpr const char* kJobKindTag = "airm.kind";
// Namespace of model versions written as MODEL datasets.
inline constexpr const char* kModelNamespace = "airm.models";

}  // namespace airm::lineage::internal
