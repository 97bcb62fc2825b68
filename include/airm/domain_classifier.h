// Multivariate drift by a domain classifier, and the ROC AUC it is scored by.
//
// The question asked: can gradient-boosted trees tell a reference row from a
// current row better than chance? Rows of both tables are labelled (0 =
// reference, 1 = current) and split, per side and seeded, into rows the model
// is trained on and held-out rows it has never seen. The ROC AUC of the
// model's scores on the held-out rows is the drift score (0.5 =
// indistinguishable, 1 = perfectly separable). Under no drift the held-out
// rows of both sides are exchangeable given the trained model, so the AUC's
// Mann-Whitney U has a known null distribution: the p-value needs no refitting
// (exact for small held-out sets, tie-corrected normal otherwise). How many
// rows are used is chosen from the width and the length of the data, so the
// cost stays bounded. docs/multivariate.md describes the method, encoding,
// defaults, measured false-alarm rate and power, and cost.
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
  // Level of the one-sided test of the held-out AUC. In (0, 1); any level
  // can be reached once there are enough held-out rows.
  double alpha = 0.05;
  // Row budget. The model is trained on
  //   max(min_train_rows_per_side, max_train_cells / (2 x columns))
  // rows of each side (at most half of the side), so training cost, which
  // grows with rows x columns, is bounded for wide and for long data alike.
  // The held-out rows are the rest of each side, up to
  //   max(train rows, max_test_cells / (2 x columns)) per side:
  // scoring them is cheap, and more of them make the test more powerful.
  uint64_t max_train_cells = 120000;
  uint64_t min_train_rows_per_side = 250;
  uint64_t max_test_cells = 1000000;
  // Hard cap on the rows used per side (trained + held out). >= 10.
  uint64_t max_rows_per_side = 100000;
  // Drives the row sample and the train / validation / held-out split.
  uint64_t seed = 42;
  // XGBoost: at most `max_rounds` boosting rounds, stopping early once the
  // log-loss on a validation slice (a fifth of the training rows, when each
  // side trains on at least 50) has not improved for
  // `early_stopping_rounds` rounds; tree depth and learning rate.
  int max_rounds = 50;
  int early_stopping_rounds = 5;
  int max_depth = 3;
  double eta = 0.3;
  // XGBoost histogram bins per feature.
  int max_bin = 64;
  // XGBoost threads; 0 = all cores. Results do not depend on it. 1 by
  // default: one small model, and on a shared 2-core machine OpenMP's
  // spinning threads made training many times slower (docs/multivariate.md).
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
// drifted = p_value <= alpha, which is the same as auc >= auc_threshold.
// Returns ran = false with a note (not an error) when there is too little data:
// fewer than 10 rows on either side, or no usable column.
// Errors: InvalidArgument for bad options or a named column in neither table;
// Internal when an XGBoost call fails (its message is included).
Result<DomainClassifierResult> RunDomainClassifier(const Table& reference, const Table& current,
                                                   const std::vector<std::string>& columns,
                                                   const DomainClassifierOptions& options);

}  // namespace airm
