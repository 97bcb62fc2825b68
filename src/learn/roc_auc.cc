// ROC AUC by mid-ranks (the Mann-Whitney U statistic normalised).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "airm/domain_classifier.h"

namespace airm {

std::optional<double> RocAuc(std::span<const double> scores, std::span<const uint8_t> labels) {
  if (scores.size() != labels.size()) return std::nullopt;
  uint64_t n_pos = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > 1 || std::isnan(scores[i])) return std::nullopt;
    n_pos += labels[i];
  }
  const uint64_t n_neg = labels.size() - n_pos;
  if (n_pos == 0 || n_neg == 0) return std::nullopt;

  std::vector<size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return scores[a] < scores[b]; });

  // Ranks are 1-based; a group of equal scores occupying ranks [first, last]
  // all get the mid-rank (first + last) / 2, which is what makes a tie
  // between a positive and a negative count one half.
  double rank_sum_pos = 0;
  size_t group_begin = 0;
  while (group_begin < order.size()) {
    size_t group_end = group_begin + 1;
    while (group_end < order.size() && scores[order[group_end]] == scores[order[group_begin]]) {
      ++group_end;
    }
    const double mid_rank =
        (static_cast<double>(group_begin + 1) + static_cast<double>(group_end)) / 2;
    uint64_t pos_in_group = 0;
    for (size_t k = group_begin; k < group_end; ++k) pos_in_group += labels[order[k]];
    rank_sum_pos += mid_rank * static_cast<double>(pos_in_group);
    group_begin = group_end;
  }
  const double np = static_cast<double>(n_pos);
  const double nn = static_cast<double>(n_neg);
  const double u = rank_sum_pos - np * (np + 1) / 2;
  return u / (np * nn);
}

}  // namespace airm
