#include "airm/chaos/xgboost_importance.h"

#include <cmath>
#include <map>

#include "xgboost_model_validator.h"

namespace airm::chaos {

Result<std::vector<XgboostFeatureImportance>> ReadXgboostFeatureImportance(
    const std::string& path, const ModelFileLimits& limits) {
  AIRM_ASSIGN_OR_RETURN(learn::XgbBooster booster, LoadCheckedXgboostBooster(path, limits));
  const std::vector<std::string> names = booster.FeatureNames();
  if (names.empty()) {
    return Status::InvalidArgument(
        path +
        ": the model stores no feature names, so its features cannot be matched to data "
        "columns (save it with feature names)");
  }
  AIRM_ASSIGN_OR_RETURN(auto gain, booster.NamedFeatureScores("total_gain"));
  AIRM_ASSIGN_OR_RETURN(auto weight, booster.NamedFeatureScores("weight"));
  std::map<std::string, size_t> position;
  std::vector<XgboostFeatureImportance> out;
  out.reserve(names.size());
  for (const std::string& name : names) {
    position.emplace(name, out.size());
    out.push_back({name, 0, 0});
  }
  const auto find = [&](const std::string& name) -> Result<size_t> {
    auto it = position.find(name);
    if (it == position.end()) {
      return Status::Internal("xgboost scored feature '" + name + "' the model does not name");
    }
    return it->second;
  };
  for (const auto& [name, score] : gain) {
    AIRM_ASSIGN_OR_RETURN(size_t i, find(name));
    out[i].total_gain = score;
  }
  for (const auto& [name, count] : weight) {
    AIRM_ASSIGN_OR_RETURN(size_t i, find(name));
    out[i].splits = static_cast<uint64_t>(std::llround(count));
  }
  return out;
}

}  // namespace airm::chaos
