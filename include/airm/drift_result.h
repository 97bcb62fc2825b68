// DriftResult: everything `airm drift` concluded, as plain data.
//
// Produced by AnalyzeDrift (drift.h), rendered by the JSON and HTML renderers
// and read by gates. Optional numbers are "undefined" (too little data, a
// zero denominator); the accompanying status or note says why.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/finding.h"
#include "airm/input_info.h"
#include "airm/quality_check.h"
#include "airm/table.h"
#include "airm/test_value.h"

namespace airm {

// Reference-vs-current distribution of one column on the shared binning
// (reference quantile bins plus out-of-range bins for numbers; the category
// union for text). Used by the binned measures and by the report's charts.
struct BinnedDistribution {
  std::vector<std::string> labels;  // one per bin, e.g. "[1.5, 3)" or "married"
  std::vector<double> lower;        // numeric bins only: bin bounds (may be ±inf)
  std::vector<double> upper;
  std::vector<uint64_t> reference_counts;
  std::vector<uint64_t> current_counts;
};

// An interval that holds the value the exact path would compute on the same
// data, given the sketches' error guarantees; a missing end is unknown.
struct ValueBounds {
  std::optional<double> lower;
  std::optional<double> upper;
};

// How far a comparison made from sketches (CompareProfiles) can be from the
// exact one, and whether that can change the verdict (docs/statistics.md,
// "Drift from sketches"). Sketch-side errors are the ones used: KLL
// normalized rank error (0 when the sketch kept every value) and the
// Space-Saving bound on any count's overestimate (0 when every value fit).
struct SketchBounds {
  ValueBounds statistic;  // of `method`
  ValueBounds p_value;    // of `method`, before multiple-testing control
  ValueBounds p_value_adjusted;
  ValueBounds effect_size;
  double reference_rank_error = 0;
  double current_rank_error = 0;
  uint64_t reference_count_error = 0;
  uint64_t current_count_error = 0;
  // True when both ends of the bounds give the same verdict. When false the
  // column's verdict is the conservative one: drift only if the end least
  // favourable to drift still says drift.
  bool decided = true;
};

enum class ColumnDriftStatus {
  kNoDrift,
  kDrift,
  kInsufficientData,  // too few non-missing values on one side for a verdict
  kMissingInCurrent,  // the reference has the column, the current batch does not
  kNewInCurrent,      // the current batch has a column the reference lacks
  kRetyped,           // the types are incompatible (e.g. numbers became text)
};
const char* ColumnDriftStatusName(ColumnDriftStatus s);

// How much the model uses one data column (issue 16: a drifted column the
// model ignores is not the same risk as one it leans on). From XGBoost's
// importance: the total gain of every split on the column's model features
// (a categorical column's one-hot dummies "c=level" summed into c) and the
// number of those splits. 0 for a column the model does not read.
struct ModelColumnUse {
  double gain_share = 0;  // total_gain / the model's total gain over all features
  double total_gain = 0;
  uint64_t splits = 0;
};

// Where the importance came from, for the report's reader.
struct ModelUsage {
  std::string source;  // "xgboost:PATH", or "NAME@VERSION (xgboost:PATH)" from the store
  std::string importance_type = "total_gain";
  uint64_t features = 0;  // model features read
  // Model features no data column explains (neither a column's name nor
  // "column=level"); their gain still counts in the total.
  std::vector<std::string> unmatched_features;
};

struct ColumnDrift {
  std::string name;
  std::string type;  // DataTypeName of the reference column ("" if absent)
  std::string current_type;
  ColumnRole role = ColumnRole::kFeature;
  ColumnDriftStatus status = ColumnDriftStatus::kNoDrift;
  std::string method;                      // the test that decides, e.g. "ks"
  std::optional<double> statistic;         // of `method`
  std::optional<double> p_value;           // of `method`, nullopt for distances
  std::optional<double> p_value_adjusted;  // after multiple-testing control
  double threshold = 0;                    // alpha for tests, cut-off for distances
  std::string effect_size_name;            // e.g. "wasserstein_norm", "jensen_shannon"
  std::optional<double> effect_size;
  double effect_size_threshold = 0;
  bool drifted = false;
  std::string reason;            // one sentence: why this verdict
  uint64_t reference_count = 0;  // non-missing values
  uint64_t current_count = 0;
  std::map<std::string, TestValue> tests;  // keyed ks, chi2, psi, ... (see docs)
  BinnedDistribution distribution;         // estimated counts when compared from sketches
  std::optional<SketchBounds> bounds;      // set when compared from sketches
  // Set on input columns when the model is known (DriftResult::model).
  std::optional<ModelColumnUse> model_use;
};

struct DomainClassifierResult {
  bool ran = false;
  std::string note;           // why it did not run, or caveats
  std::optional<double> auc;  // ROC AUC on the held-out rows
  // The smallest AUC whose p-value is <= alpha (the critical value of the
  // Mann-Whitney null); drifted == (auc >= auc_threshold). nullopt when no
  // AUC could reach alpha with these held-out rows.
  std::optional<double> auc_threshold;
  std::optional<double> p_value;  // one-sided Mann-Whitney p-value of the AUC
  bool drifted = false;
  std::string p_value_method;  // "mann_whitney_exact" or "mann_whitney_normal"
  uint64_t train_rows = 0;     // rows the model was fitted on (validation slice included)
  uint64_t test_rows = 0;      // held-out rows the AUC and p-value are computed on
  int trees = 0;               // boosting rounds kept after early stopping
  uint64_t rows_used = 0;      // train_rows + test_rows
  std::vector<std::pair<std::string, double>> top_columns;  // name, share of gain
};

// A "do not use for" use of the model card with a column condition
// (out_of_scope.h): value > above, value < below (both: inside the
// interval), or value one of `values`.
struct ScopeRange {
  std::string description;  // the card's free text
  std::string column;
  std::optional<double> above = std::nullopt;
  std::optional<double> below = std::nullopt;
  std::vector<std::string> values = {};
};

// How many current rows fall in a ScopeRange.
struct ScopeRangeShare {
  ScopeRange range;
  uint64_t rows_inside = 0;
  uint64_t rows_known = 0;                     // rows with a value in the column
  std::optional<double> share = std::nullopt;  // rows_inside / rows_known; nullopt when undefined
  std::string note = "";                       // why undefined
};

struct DriftVerdict {
  bool drifted = false;
  uint64_t columns_tested = 0;
  uint64_t columns_drifted = 0;
  std::string rule;     // the rule, in words, exactly as applied
  std::string summary;  // one plain sentence
};

struct SegmentDrift {
  std::string column;
  std::string value;
  uint64_t reference_rows = 0;
  uint64_t current_rows = 0;
  bool sufficient = false;  // false: "insufficient data", no verdict
  std::vector<ColumnDrift> columns;
  DriftVerdict verdict;
};

struct DriftConfig {
  std::vector<std::string> columns;  // empty = all
  std::vector<std::string> exclude;
  std::string method = "auto";
  bool all_tests = false;
  double alpha = 0.05;
  std::string correction = "bh";  // "bh", "bonferroni", "none"
  // The dataset drifts when at least this share of tested columns drift;
  // 0 means "at least one column".
  double drift_share = 0.0;
  uint64_t min_segment_rows = 30;
  uint64_t min_rows = 5;  // per side, for a per-column verdict
  bool domain_classifier = true;
  uint64_t seed = 42;
  int bins = 10;  // reference quantile bins for the binned measures
  // Columns are compared concurrently on at most this many threads (0 = one
  // per core). The result does not depend on it.
  int threads = 0;
};

struct DriftResult {
  // "exact" (AnalyzeDrift on the rows) or "sketches" (CompareProfiles).
  std::string comparison = "exact";
  InputInfo reference;
  InputInfo current;
  DriftConfig config;
  std::vector<ColumnDrift> input_columns;   // features
  std::vector<ColumnDrift> output_columns;  // prediction / score (/ target) columns
  DriftVerdict input_verdict;
  DriftVerdict output_verdict;
  std::vector<QualityCheck> quality;
  // nullopt: the quality checks were not run (drift from sketches has no
  // rows to check), which is not a pass; quality_note says why.
  std::optional<CheckStatus> quality_status = CheckStatus::kPass;
  std::string quality_note;
  DomainClassifierResult domain_classifier;
  std::vector<std::string> segment_columns;
  std::vector<SegmentDrift> segments;
  std::vector<Finding> findings;
  // Set when the model's importance was read (`airm drift --model`).
  std::optional<ModelUsage> model;
  // The registered card's out-of-scope ranges measured on the current data
  // (`--model NAME@VERSION`); empty when there are none.
  std::vector<ScopeRangeShare> out_of_scope;
};

}  // namespace airm
