// How much an XGBoost model uses each of its features, read from the model
// file itself (issue 16: drift beside importance). The file is untrusted and
// goes through the same checks as the xgboost: chaos adapter
// (docs/chaos-adapters.md, "Model files are untrusted") before libxgboost
// sees it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/status.h"

namespace airm::chaos {

// One model feature: XGBoost's "total_gain" (the loss reduction summed over
// every split on the feature) and "weight" (the number of those splits).
// Features never split on are listed with 0.
struct XgboostFeatureImportance {
  std::string feature;  // the model's feature name, e.g. "Age" or "Home=rent"
  double total_gain = 0;
  uint64_t splits = 0;
};

// Every feature of the model at `path`, in the model's order. Errors: the
// checks' ParseError / InvalidArgument (naming the file); InvalidArgument
// "PATH: the model stores no feature names ..." when the features cannot be
// matched to data columns by name.
Result<std::vector<XgboostFeatureImportance>> ReadXgboostFeatureImportance(
    const std::string& path, const ModelFileLimits& limits);

}  // namespace airm::chaos
