// Deployments: a model version serving in an environment during
// [valid_from, valid_to). At most one deployment per environment is open
// (valid_to NULL); deploying closes it at the new deployment's start.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::store {

struct DeployOutcome {
  Deployment current;                // the deployment serving from `at`
  std::optional<Deployment> closed;  // the one it replaced
  bool unchanged = false;            // the model version was already serving: nothing written
};

// `at`: canonical ISO 8601 UTC. InvalidArgument when `at` precedes the start
// of the environment's latest deployment (history stays ordered).
Result<DeployOutcome> Deploy(Database& db, int64_t model_version_id, const std::string& environment,
                             const std::string& at, const std::string& deployed_by);

// The deployment serving in `environment` at time `at`, if any.
Result<std::optional<Deployment>> DeploymentAt(Database& db, const std::string& environment,
                                               const std::string& at);

}  // namespace airm::store
