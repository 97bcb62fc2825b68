// Models and their versions: the artifact's digest, the run and data that
// trained it, its metrics (overall and per segment) and its card.
//
// A (name, version) pair is immutable: registering it again with the same
// artifact digest returns the existing version; with another digest it is an
// InvalidArgument naming both digests.
#pragma once

#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"
#include "airm/store/reference.h"

namespace airm::store {

struct RegisteredModel {
  ModelVersion version;
  bool created = false;
};

Result<RegisteredModel> RegisterModelVersion(Database& db, const NewModelVersion& model);

// VERSION: the version string, a unique artifact-digest prefix (>= 4 hex) or
// `latest` (the most recently registered). NotFound names the versions that
// exist; InvalidArgument lists an ambiguous prefix's candidates.
Result<ModelVersion> ResolveModelVersion(Database& db, const Reference& ref);

// Every version of `name` ("" = of every model), by name then registration.
Result<std::vector<ModelVersion>> ListModelVersions(Database& db, const std::string& name);
Result<ModelVersion> GetModelVersion(Database& db, int64_t model_version_id);
Result<std::vector<ModelData>> ModelDataOf(Database& db, int64_t model_version_id);
Result<std::vector<ModelMetric>> ModelMetricsOf(Database& db, int64_t model_version_id);

}  // namespace airm::store
