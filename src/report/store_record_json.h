// Store records (airm/store/records.h) as JSON objects, shared by the store
// documents' renderers.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/report/json_util.h"
#include "airm/store/records.h"

namespace airm::report {

template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}

// The header of every store document: kind, schema_version "1.0",
// airm_version, generated_at, command.
Json StoreDocumentHeader(const char* kind, const ReportMeta& meta);

// The "findings" array every store document carries.
Json FindingsJson(const std::vector<Finding>& findings);

// A JSON text column of the store as JSON (null when absent or unparsable).
Json ParsedOrNull(const std::optional<std::string>& text);

Json DatasetVersionJson(const store::DatasetVersion& v, bool with_profile);
Json RunJson(const store::Run& run);
Json ModelVersionJson(const store::ModelVersion& v);
Json DeploymentJson(const store::Deployment& d);

}  // namespace airm::report
