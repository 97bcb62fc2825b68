#include "airm/model_usage.h"

#include <map>
#include <optional>

namespace airm {
namespace {

// The input column a model feature belongs to: its own name, else the text
// before an '=' (the shortest such prefix that names a column, so a column
// whose name holds '=' still matches its dummies).
std::optional<std::string> ColumnOf(const std::string& feature,
                                    const std::map<std::string, ModelColumnUse>& columns) {
  if (columns.count(feature) != 0) return feature;
  for (size_t eq = feature.find('='); eq != std::string::npos; eq = feature.find('=', eq + 1)) {
    std::string prefix = feature.substr(0, eq);
    if (columns.count(prefix) != 0) return prefix;
  }
  return std::nullopt;
}

void SetUse(const std::map<std::string, ModelColumnUse>& uses, std::vector<ColumnDrift>* columns) {
  for (ColumnDrift& c : *columns) {
    auto it = uses.find(c.name);
    if (it != uses.end()) c.model_use = it->second;
  }
}

}  // namespace

void AttachModelUsage(std::string source, std::span<const ModelFeatureScore> features,
                      DriftResult* result) {
  std::map<std::string, ModelColumnUse> uses;
  for (const ColumnDrift& c : result->input_columns) uses[c.name] = ModelColumnUse{};
  ModelUsage usage;
  usage.source = std::move(source);
  usage.features = features.size();
  double total = 0;
  for (const ModelFeatureScore& f : features) {
    total += f.total_gain;
    std::optional<std::string> column = ColumnOf(f.feature, uses);
    if (!column) {
      usage.unmatched_features.push_back(f.feature);
      continue;
    }
    ModelColumnUse& use = uses[*column];
    use.total_gain += f.total_gain;
    use.splits += f.splits;
  }
  for (auto& [name, use] : uses) use.gain_share = total > 0 ? use.total_gain / total : 0.0;
  SetUse(uses, &result->input_columns);
  for (SegmentDrift& s : result->segments) SetUse(uses, &s.columns);
  for (Finding& f : result->findings) {
    auto it = uses.find(f.subject);
    if (it != uses.end()) f.evidence["model_gain_share"] = it->second.gain_share;
  }
  result->model = std::move(usage);
}

}  // namespace airm
