// Multivariate drift by a domain classifier, and the ROC AUC it is scored by.
//
// The question asked: can gradient-boosted trees tell a reference row from a
// current row better than chance? Rows of both tables are labelled (0 =
// reference, 1 = current), a stratified k-fold cross-validation produces an
// out-of-fold probability for every row, and the ROC AUC of those predictions
// is the drift score (0.5 = indistinguishable, 1 = perfectly separable). The
// threshold is not a fixed cut-off: the same cross-validation is repeated with
// shuffled labels and the AUC must beat that permutation null distribution.
// docs/multivariate.md describes the method, encoding, defaults and cost.
//
// Thread-safety: the functions are re-entrant; XGBoost threads are bounded by
// DomainClassifierOptions::nthread.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/drift_result.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

struct DomainClassifierOptions {
  // Stratified cross-validation folds. >= 2.
  int folds = 5;
  // Label permutations for the null distribution. Each costs `folds`
  // trainings, so the whole run trains folds * (1 + permutations) models.
  // 19 is the smallest count for which a permutation p-value can reach 0.05
  // (1 / (1 + 19)); Validate() rejects counts too small for `alpha`.
  int permutations = 19;
  // Level of the permutation test. In (0, 1).
  double alpha = 0.05;
  // Each side beyond this many rows is subsampled (seeded, without
  // replacement) to bound the cost. >= 2 * folds.
  uint64_t max_rows_per_side = 20000;
  // Drives the subsample, the fold assignment and the label permutations.
  uint64_t seed = 42;
  // XGBoost: boosting rounds, tree depth, learning rate.
  int num_rounds = 50;
  int max_depth = 4;
  double eta = 0.1;
  // XGBoost histogram bins per feature. 64 rather than XGBoost's 256 cuts
  // training CPU by 20-50 % at these sizes with no visible loss of power.
  int max_bin = 64;
  // XGBoost threads per model; 0 = all cores. Results do not depend on it.
  // 1 by default: the models are small (thousands of rows), and on a shared
  // 2-core machine OpenMP's spinning threads made the credit fixture run 12x
  // slower with 2 threads and 24x slower with 0 (docs/multivariate.md).
  int nthread = 1;

  Status Validate() const;
};

// Runs the domain classifier on `columns` (empty = every column present in
// both tables). Columns present in only one table, or numeric in one and text
// in the other, are skipped and named in the result's note. Encoding:
//   numbers (float64, int64, bool, timestamp in seconds): the value minus the
//     pooled minimum, as float; null and NaN are missing; +-Inf become
//     +-FLT_MAX (trees only need the order);
//   text (categorical, string): XGBoost native categorical features, codes
//     over the sorted union of both tables' categories (so a category seen only
//     in the current batch has its own code); null is missing.
// Returns ran = false with a note (not an error) when there is too little data:
// fewer than 2 * folds rows on either side, or no usable column.
// Errors: InvalidArgument for bad options or a named column in neither table;
// Internal when an XGBoost call fails (its message is included).
Result<DomainClassifierResult> RunDomainClassifier(const Table& reference, const Table& current,
                                                   const std::vector<std::string>& columns,
                                                   const DomainClassifierOptions& options);

// ROC AUC of `scores` for binary `labels` (1 = positive): the probability that
// a random positive scores above a random negative, ties counting one half.
// Computed as the Mann-Whitney U from mid-ranks:
//   AUC = (R_pos - n_pos (n_pos + 1) / 2) / (n_pos n_neg),
// R_pos = sum of the (mid-)ranks of the positives; O(n log n). Equal to
// sklearn.metrics.roc_auc_score (tests/fixtures/learn).
// Undefined (nullopt) when the spans differ in length, a label is not 0 or 1,
// a score is NaN, or either class is empty.
std::optional<double> RocAuc(std::span<const double> scores, std::span<const uint8_t> labels);

}  // namespace airm
