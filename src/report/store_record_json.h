// Store records (airm/store/records.h) as JSON objects, shared by the store
// documents' renderers.
#pragma once

#include <optional>
#include <string>

#include "airm/store/records.h"
#include "json_util.h"

namespace airm::report {

// A JSON text column of the store as JSON (null when absent or unparsable).
Json ParsedOrNull(const std::optional<std::string>& text);

Json DatasetVersionJson(const store::DatasetVersion& v, bool with_profile);
Json RunJson(const store::Run& run);
Json ModelVersionJson(const store::ModelVersion& v);
Json DeploymentJson(const store::Deployment& d);

}  // namespace airm::report
