// ROC AUC, the library's one implementation (learn's domain classifier, eval's
// metrics and their bootstrap, and chaos's paired bootstrap all call it).
//
// AUC is the probability that a random positive scores above a random
// negative, ties counting one half: the Mann-Whitney U of the positives
// against the negatives divided by n_pos n_neg (Hanley & McNeil 1982). Equal
// to sklearn.metrics.roc_auc_score (tests/fixtures/learn/roc_auc_cases.json,
// scripts/fixtures/make_domain_fixtures.py). Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace airm::stats {

// ROC AUC of `scores` for binary `labels` (1 = positive), through
// MannWhitneyU's mid-ranks:
//   AUC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg),
// R_pos the sum of the positives' (mid-)ranks; O(n log n).
// Undefined (nullopt) when the spans differ in length, a label is not 0 or 1,
// a score is NaN, or either class is empty.
std::optional<double> RocAuc(std::span<const double> scores, std::span<const uint8_t> labels);

// Weighted ROC AUC over positions 0..n-1 that are already in ascending score
// order, for callers that keep a sorted view (eval's metric views) or sort
// once and reweight many times (bootstrap replicates):
//   group_end(begin)  the end of the tie group that starts at `begin`
//                     (first position with a different score),
//   positive_at(i)    whether position i is a positive,
//   weight_at(i)      its weight (a bootstrap multiplicity; >= 0).
// Walking the tie groups upwards, each group's positive weight gains the
// negative weight below it plus half of the negative weight tied with it
// (mid-ranks), so with unit weights this is RocAuc exactly: every partial sum
// is a multiple of 1/2 and exact in double up to 2^52 pairs. O(n). Undefined
// (nullopt) when either class has no weight.
template <typename GroupEnd, typename PositiveAt, typename WeightAt>
std::optional<double> RocAucOfAscending(size_t n, GroupEnd group_end, PositiveAt positive_at,
                                        WeightAt weight_at) {
  double pos_total = 0, neg_total = 0, numerator = 0;
  size_t begin = 0;
  while (begin < n) {
    const size_t end = group_end(begin);
    double pos = 0, neg = 0;
    for (size_t i = begin; i < end; ++i) {
      (positive_at(i) ? pos : neg) += weight_at(i);
    }
    numerator += pos * (neg_total + neg / 2);
    pos_total += pos;
    neg_total += neg;
    begin = end;
  }
  if (pos_total <= 0 || neg_total <= 0) return std::nullopt;
  return numerator / (pos_total * neg_total);
}

// The group_end of RocAucOfAscending for scores readable by position:
// scans forward while score_at equals score_at(begin).
template <typename ScoreAt>
auto TieGroupEnd(size_t n, ScoreAt score_at) {
  return [n, score_at](size_t begin) {
    const double s = score_at(begin);
    size_t end = begin + 1;
    while (end < n && score_at(end) == s) ++end;
    return end;
  };
}

}  // namespace airm::stats
