// Deploy (`airm deploy NAME@VERSION --env E [--at TIME]`): the model version
// serves in E from TIME (default now); the deployment serving there before is
// closed at the same instant. Deploying the version already serving changes
// nothing. One transaction.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/deployments.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct DeployOptions {
  store::LocateOptions store = {};
  std::string model = "";        // NAME@VERSION, required
  std::string environment = "";  // required, e.g. "production"
  std::string at = "";           // ISO 8601 with a zone; "" = now
  // InvalidArgument naming --at when it is not a time, or a missing field.
  Status Validate() const;
};

struct Deployed {
  store::ModelVersion model;
  std::string at;                               // canonical UTC
  store::DeployOutcome outcome;                 // current, closed, unchanged
  std::optional<store::ModelVersion> replaced;  // the version outcome.closed served
  // info "deploy.unchanged" when the version was already serving there.
  std::vector<Finding> findings;
};

Result<Deployed> Deploy(const DeployOptions& options);

}  // namespace airm::usecases
