// ROC AUC as the normalised Mann-Whitney U statistic (stats/mann_whitney.h).
#include "airm/stats/roc_auc.h"

#include <cmath>
#include <vector>

#include "airm/stats/mann_whitney.h"

namespace airm::stats {

std::optional<double> RocAuc(std::span<const double> scores, std::span<const uint8_t> labels) {
  if (scores.size() != labels.size()) return std::nullopt;
  std::vector<double> negatives, positives;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > 1) return std::nullopt;
    (labels[i] == 1 ? positives : negatives).push_back(scores[i]);
  }
  const std::optional<double> u = MannWhitneyU(negatives, positives);
  if (!u) return std::nullopt;
  return *u / (static_cast<double>(positives.size()) * static_cast<double>(negatives.size()));
}

}  // namespace airm::stats
