// RegisterModel (`airm model register`): a model version with its artifact's
// digest, what trained it and its metrics, in one transaction.
//
// trained_by takes the training data from the run's inputs by role (train,
// validation, test; inputs with role "input" count as training data when the
// run has no "train" input). Metrics from `airm evaluate --json` are linked to
// the evaluated data when that file is a registered dataset version (role
// "evaluation"). Same name and version with the same artifact digest: nothing
// changes (finding "model.unchanged"); with another digest: InvalidArgument.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct RegisterModelOptions {
  store::LocateOptions store = {};
  std::string name = "";                               // --name, required
  std::string version = "";                            // --version, required
  std::string artifact = "";                           // --artifact FILE, required (hashed)
  std::string trained_by = "";                         // --trained-by RUN (id or unique prefix)
  std::vector<std::string> training_data = {};         // --training-data NAME@VERSION
  std::vector<std::string> validation_data = {};       // --validation-data NAME@VERSION
  std::vector<std::string> test_data = {};             // --test-data NAME@VERSION
  std::string card = "";                               // --card FILE.yaml, "" = none
  std::string metrics = "";                            // --metrics FILE.json, "" = none
  std::map<std::string, std::string> parameters = {};  // --param KEY=VALUE
  // InvalidArgument naming the flag: a required one missing, or neither
  // --trained-by nor --training-data.
  Status Validate() const;
};

struct RegisteredModelVersion {
  store::ModelVersion version = {};
  bool created = false;                     // false: already registered, nothing changed
  std::vector<store::ModelData> data = {};  // the version's dataset links
  size_t metrics_recorded = 0;
  bool has_card = false;
  // info "model.unchanged" when this name, version and artifact were already there.
  std::vector<Finding> findings = {};
};

Result<RegisteredModelVersion> RegisterModel(const RegisterModelOptions& options);

}  // namespace airm::usecases
