// ChaosOptions: what `airm chaos` breaks, and how it judges the outcome.
//
// The failure-mode catalogue is grouped in families (`--suite NAMES`). Every
// option has a default documented in docs/chaos.md; Validate() rejects values
// that cannot work, naming the option.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/chaos/constraints.h"
#include "airm/chaos/load_test.h"
#include "airm/chaos/manipulation.h"
#include "airm/status.h"

namespace airm::chaos {

enum class Family {
  kMissing,       // null one feature, absent feature, keep only top-k, MCAR 10/50/90%
  kTypes,         // strings in numbers, ±1e308, 0, negative, NaN, ±Inf, far out of range
  kCategories,    // unseen value, case / whitespace variants, empty string
  kStructure,     // shuffled columns, extra columns, duplicated rows, empty and 100x batches
  kDeterminism,   // the same batch twice
  kUpstream,      // refused, hang, 5xx, malformed JSON, wrong count (network models only)
  kLoad,          // concurrency sweep and fixed-rate run (loopback / in-process only)
  kManipulation,  // constraint-aware flip search and monotonicity checks
};

// "missing", "types", "categories", "structure", "determinism", "upstream",
// "load", "manipulation".
const char* FamilyName(Family family);
std::optional<Family> ParseFamily(std::string_view name);

// Every family except load and manipulation, which send many more requests
// than the rest together (docs/chaos.md, "Choosing families").
std::vector<Family> DefaultFamilies();

// "missing,types" -> those families, in catalogue order; "all" -> every
// family; "default" -> DefaultFamilies(). Unknown names are InvalidArgument
// naming the name and listing the known ones.
Result<std::vector<Family>> ParseSuiteList(std::string_view names);

// When a case counts as degraded or failed. Drops are against the
// unperturbed baseline: absolute for ROC AUC and accuracy, relative
// (rise / baseline) for RMSE. A case is judged on the point estimate; its
// paired-bootstrap interval is reported beside it.
struct StatusThresholds {
  double degraded_drop = 0.01;
  double failed_drop = 0.05;
  // Share of compared rows whose decision changed (binary: crossed the
  // threshold; regression: moved by more than regression_change_tolerance
  // baseline-prediction standard deviations).
  double degraded_changed_share = 0.05;
  double regression_change_tolerance = 0.1;
  // Cases whose input means the same thing as the baseline (shuffled column
  // order, extra columns, duplicated rows, the 100x batch, the repeat) must
  // reproduce each baseline score within this tolerance, scaled by
  // max(1, |score|); otherwise they fail.
  double invariance_tolerance = 1e-6;
};

// Paired-bootstrap resamples allowed (--bootstrap): percentile intervals are
// stable long before; memory and time grow linearly with the count.
inline constexpr int kMaxBootstrap = 10'000;

struct ChaosOptions {
  std::string target;  // required: the true label (or value) column
  // Binary task: the positive class. Unset: a numeric target with more than
  // two distinct values is a regression task; otherwise the positive label is
  // chosen as airm evaluate does ("1", "true", "yes", "positive", else
  // the minority label) and stated in the notes.
  std::optional<std::string> positive_label;
  // Columns sent to the model. Empty: every column except the target and
  // exclude_columns.
  std::vector<std::string> feature_columns;
  std::vector<std::string> exclude_columns;
  std::vector<Family> families = DefaultFamilies();

  double threshold = 0.5;         // binary: positive decision when score >= threshold
  size_t batch_rows = 100;        // rows per request: the "usual" batch size
  size_t big_batch_factor = 100;  // the oversized batch is this many usual batches in one request
  double perturb_share = 0.1;     // share of rows a type / category perturbation touches
  std::vector<double> mcar_rates = {0.1, 0.5, 0.9};
  std::vector<size_t> keep_top_k = {1, 3};
  double duplicate_share = 0.1;  // share of rows sent a second time in the duplicated batch

  int bootstrap = 200;       // paired-bootstrap resamples for every metric change; 0 disables;
                             // at most kMaxBootstrap
  uint64_t seed = 42;        // perturbations and resamples are reproducible from it
  double confidence = 0.95;  // of the paired-bootstrap percentile interval
  StatusThresholds thresholds;

  // The load family (load_test.h): decision_threshold is taken from
  // `threshold` above. The manipulation family (manipulation.h): its
  // decision_threshold and seed are taken from above; without constraints
  // every feature is mutable within its observed range.
  LoadOptions load;
  ManipulationOptions manipulation;
  std::optional<Constraints> constraints;

  Status Validate() const;
};

}  // namespace airm::chaos
