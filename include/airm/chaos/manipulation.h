// Manipulation test: how cheaply can a decision be flipped by changing a
// row's features within declared constraints, and does the model's score
// move in the declared direction with each monotone feature?
//
// A black-box search (the model is only queried, in batches):
//   1. sample rows of the pool (seeded) and score them; each row's decision
//      is score >= threshold;
//   2. single-feature flips: for every row and mutable feature, a grid over
//      the feature's allowed values (all allowed categories for a
//      categorical one), then bisection towards the original value between
//      the nearest flipping grid point and the last non-flipping one: the
//      smallest change of that feature alone that flips the decision;
//   3. greedy combinations: from the original row, repeatedly apply the one
//      feature move with the best score gain per unit of cost, until the
//      decision flips or the largest budget is spent; then drop changes
//      that are not needed;
//   4. every row's cheapest flip is re-scored to confirm it.
// Each step builds all its candidate rows into one Batch, so the search is
// fast in-process and takes a few dozen requests over HTTP.
// Costs: sum over changed features of cost × |Δ| / reference std (numeric)
// or cost (categorical); see constraints.h and docs/chaos-manipulation.md.
//
// The monotonicity check evaluates, for sampled rows, a grid over each
// feature with a declared direction and reports the rows where the score
// moves against it by more than a tolerance.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/constraints.h"
#include "airm/chaos/model_adapter.h"
#include "airm/finding.h"
#include "airm/status.h"

namespace airm::chaos {

// Which decisions the search tries to flip.
enum class FlipTarget { kAny, kToPositive, kToNegative };
const char* FlipTargetName(FlipTarget t);  // "any", "to_positive", "to_negative"

struct ManipulationOptions {
  double decision_threshold = 0.5;  // score >= threshold is the positive decision
  FlipTarget target = FlipTarget::kAny;
  int sample_rows = 200;  // rows searched (all when the pool is smaller), >= 1
  uint64_t seed = 1;
  // Increasing cost budgets at which the flip rate is reported; the last is
  // the largest cost the search spends.
  std::vector<double> budgets = {0.1, 0.25, 0.5, 1.0, 2.0};
  int grid_points = 16;      // per numeric feature in the single-feature scan, >= 2
  int bisection_steps = 10;  // refinement steps of a numeric flip, >= 0
  int greedy_max_steps = 6;  // feature moves per row in the greedy search, >= 0
  int max_examples = 10;     // cheapest flips reported, >= 0
  // Most values a mutable categorical feature may try (its constraint's
  // `categories`, else the values observed in the pool): the search scores
  // rows x values candidates per feature. More is an InvalidArgument naming
  // the feature (`airm chaos --max-categories`). In [1, 1000000].
  int max_categories = 1000;
  // Monotonicity check.
  int monotone_rows = 100;           // rows checked (from the sample), >= 1
  int monotone_grid_points = 20;     // >= 2
  double monotone_tolerance = 0.01;  // score units of movement against the direction, >= 0
  // Findings: warn when the flip rate at `finding_budget` (one of `budgets`)
  // is at least `flip_rate_warn`.
  double finding_budget = 0.5;
  double flip_rate_warn = 0.1;

  Status Validate() const;
};

struct FeatureChange {
  std::string feature;
  Cell from;
  Cell to;
  double cost = 0;
};

// A flip the search found, confirmed by re-scoring.
struct FlipExample {
  int64_t row = 0;  // index in the pool
  std::vector<FeatureChange> changes;
  double cost = 0;
  double score_before = 0;
  double score_after = 0;
};

struct BudgetFlipRate {
  double budget = 0;
  int64_t flipped = 0;         // eligible rows flipped at cost <= budget
  std::optional<double> rate;  // flipped / rows_eligible; empty when none eligible
};

// How often a feature alone flips a decision within the largest budget.
struct FeatureFlipStats {
  std::string feature;
  int64_t flips = 0;                  // eligible rows this feature alone flips
  std::optional<double> rate;         // flips / rows_eligible
  std::optional<double> median_cost;  // of those flips
};

struct MonotonicityCheck {
  std::string feature;
  MonotoneDirection declared = MonotoneDirection::kIncreasing;
  double grid_lo = 0;
  double grid_hi = 0;
  int64_t rows_checked = 0;
  int64_t rows_violating = 0;  // movement against `declared` > tolerance
  std::optional<double> violation_share;
  // Largest movement against the direction over all rows (0 when none):
  // for "increasing", the largest drop s(x_a) - s(x_b) with x_a < x_b.
  double max_violation = 0;
  // Where the largest movement against the direction happened (empty when
  // the score never moved against it): row, feature values and scores.
  std::optional<int64_t> worst_row;
  double worst_x_from = 0;
  double worst_x_to = 0;
  double worst_score_from = 0;
  double worst_score_to = 0;
};

struct ManipulationResult {
  std::string target;  // ModelAdapter::Describe()
  ManipulationOptions options;
  std::string constraints_source;
  int64_t pool_rows = 0;
  int64_t rows_sampled = 0;
  int64_t rows_unscorable = 0;  // non-finite original score: not searched
  int64_t rows_eligible = 0;    // searched (finite score, decision of the target kind)
  std::vector<std::string> mutable_features;
  std::vector<std::string> immutable_features;
  std::vector<BudgetFlipRate> flip_rates;     // one per budget, non-decreasing
  std::vector<FlipExample> cheapest_flips;    // cheapest first, at most max_examples
  std::vector<FeatureFlipStats> per_feature;  // mutable features, most flips first
  // Flips found but not flipping when scored again (a non-deterministic
  // model); they are not counted.
  int64_t flips_unconfirmed = 0;
  int64_t rows_scored = 0;  // candidate rows sent to the model
  int64_t model_calls = 0;  // Predict calls
  std::vector<MonotonicityCheck> monotonicity;
  std::vector<Finding> findings;  // most severe first
};

// Runs the flip search and the monotonicity check on rows of `pool` (the
// feature columns only; a constrained feature missing from the pool is an
// InvalidArgument). Errors: InvalidArgument for bad options, an empty pool,
// a constraint on an unknown column, `range` on a text column, `categories`
// or `monotone` that do not fit the column; Unavailable (with the adapter's
// detail) when the model fails to answer a step — a search cannot continue
// without answers.
Result<ManipulationResult> RunManipulationTest(ModelAdapter& adapter, const Batch& pool,
                                               const Constraints& constraints,
                                               const ManipulationOptions& options);

// Only the monotonicity part (also run by RunManipulationTest).
Result<std::vector<MonotonicityCheck>> CheckMonotonicity(ModelAdapter& adapter, const Batch& pool,
                                                         const Constraints& constraints,
                                                         const ManipulationOptions& options);

}  // namespace airm::chaos
