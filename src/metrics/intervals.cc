// Closed-form confidence intervals: Wilson (proportions) and DeLong (ROC AUC).
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "airm/metrics.h"
#include "airm/stats/normal_critical.h"

namespace airm {
namespace {

// Two-sided standard-normal critical value; NaN (so a NaN interval) when the
// confidence is outside (0, 1), which metrics.cc reports before calling.
double CriticalZ(double confidence) {
  return stats::TwoSidedNormalCritical(confidence).value_or(std::nan(""));
}

// The mid-rank (1-based) of a tie group at sorted positions [begin, end).
double MidRank(size_t begin, size_t end) {
  return (static_cast<double>(begin + 1) + static_cast<double>(end)) / 2;
}

// Mid-ranks (1-based; ties share the average of their ranks) of values[idx]
// for the given indices, written to ranks[k] for idx[k].
void MidRanks(std::span<const double> values, const std::vector<uint32_t>& idx,
              std::vector<double>* ranks) {
  std::vector<uint32_t> order(idx.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return values[idx[a]] < values[idx[b]]; });
  ranks->resize(idx.size());
  size_t begin = 0;
  while (begin < order.size()) {
    size_t end = begin + 1;
    while (end < order.size() && values[idx[order[end]]] == values[idx[order[begin]]]) ++end;
    const double mid = MidRank(begin, end);
    for (size_t k = begin; k < end; ++k) (*ranks)[order[k]] = mid;
    begin = end;
  }
}

// Calls visit10(V10_i) for every positive and visit01(V01_j) for every
// negative, each class in row order. Scores already ascending (every metric
// view) take one walk over the tie groups, where all positives of a group
// share one V10 and all negatives one V01; the arithmetic is the general
// path's, so both give the same bits.
template <typename Visit10, typename Visit01>
void VisitComponents(std::span<const double> scores, std::span<const uint8_t> labels, double dm,
                     double dn, Visit10 visit10, Visit01 visit01) {
  const size_t size = scores.size();
  if (std::is_sorted(scores.begin(), scores.end())) {
    size_t begin = 0, pos_before = 0, neg_before = 0;
    while (begin < size) {
      size_t end = begin + 1;
      while (end < size && scores[end] == scores[begin]) ++end;
      size_t pos_in = 0;
      for (size_t k = begin; k < end; ++k) pos_in += labels[k] ? 1 : 0;
      const size_t neg_in = end - begin - pos_in;
      const double tz = MidRank(begin, end);
      const double v10 = (tz - MidRank(pos_before, pos_before + pos_in)) / dn;
      const double v01 = 1 - (tz - MidRank(neg_before, neg_before + neg_in)) / dm;
      for (size_t k = 0; k < pos_in; ++k) visit10(v10);
      for (size_t k = 0; k < neg_in; ++k) visit01(v01);
      pos_before += pos_in;
      neg_before += neg_in;
      begin = end;
    }
    return;
  }
  std::vector<uint32_t> all(size), pos, neg;
  std::iota(all.begin(), all.end(), 0u);
  for (uint32_t i = 0; i < size; ++i) (labels[i] ? pos : neg).push_back(i);
  std::vector<double> tz, tx, ty;
  MidRanks(scores, all, &tz);
  MidRanks(scores, pos, &tx);
  MidRanks(scores, neg, &ty);
  for (size_t i = 0; i < pos.size(); ++i) visit10((tz[pos[i]] - tx[i]) / dn);
  for (size_t j = 0; j < neg.size(); ++j) visit01(1 - (tz[neg[j]] - ty[j]) / dm);
}

}  // namespace

Interval WilsonInterval(uint64_t successes, uint64_t n, double confidence) {
  // Wilson (1927): (p + z^2/2n ± z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
  const double z = CriticalZ(confidence);
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn)) / denom;
  return {std::max(0.0, center - half), std::min(1.0, center + half)};
}

std::optional<Interval> DeLongInterval(std::span<const double> scores,
                                       std::span<const uint8_t> labels, double confidence,
                                       double* auc, double* variance) {
  // Sun & Xu (2014), "Fast implementation of DeLong's algorithm": with Tz the
  // mid-ranks in the pooled sample and Tx, Ty the mid-ranks within the
  // positives (m) and negatives (n), the structural components are
  // V10_i = (Tz_i - Tx_i) / n and V01_j = 1 - (Tz_j - Ty_j) / m; AUC is their
  // mean and Var(AUC) = S10 / m + S01 / n with S the sample variances.
  if (scores.size() != labels.size()) return std::nullopt;
  size_t m = 0;
  for (uint8_t label : labels) m += label ? 1 : 0;
  const size_t n = labels.size() - m;
  if (m == 0 || n == 0) return std::nullopt;
  const double dm = static_cast<double>(m), dn = static_cast<double>(n);
  double sum10 = 0;
  VisitComponents(
      scores, labels, dm, dn, [&](double v) { sum10 += v; }, [](double) {});
  const double theta = sum10 / dm;
  if (auc != nullptr) *auc = theta;
  if (m < 2 || n < 2) return std::nullopt;
  double s10 = 0, s01 = 0;
  VisitComponents(
      scores, labels, dm, dn, [&](double v) { s10 += (v - theta) * (v - theta); },
      [&](double v) { s01 += (v - theta) * (v - theta); });
  s10 /= dm - 1;
  s01 /= dn - 1;
  const double var = s10 / dm + s01 / dn;
  if (variance != nullptr) *variance = var;
  const double half = CriticalZ(confidence) * std::sqrt(var);
  return Interval{std::max(0.0, theta - half), std::min(1.0, theta + half)};
}

}  // namespace airm
