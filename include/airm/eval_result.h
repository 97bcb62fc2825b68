// EvalResult: everything `airm evaluate` concluded, as plain data.
//
// Produced by AnalyzeEvaluation (evaluate.h) from EvalData, rendered by the
// evaluation JSON/HTML renderers and read by gates. Undefined numbers are
// nullopt with a note ("insufficient evidence" is an answer; 0 is not).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/eval_data.h"
#include "airm/finding.h"
#include "airm/input_info.h"
#include "airm/metric_value.h"
#include "airm/test_value.h"

namespace airm {

struct EvalConfig {
  std::vector<std::string> segment_columns;
  std::vector<std::string> sensitive_columns;
  // Never a slice predicate or an unusualness feature (the schema's ignore:).
  std::vector<std::string> exclude_columns;
  int segment_bins = 4;          // numeric segment columns: reference (or data) quantile bins
  uint64_t min_group_rows = 30;  // smaller segments / groups: "insufficient evidence"
  int bootstrap = 200;           // resamples for bootstrap intervals
  uint64_t seed = 42;
  double alpha = 0.05;
  // Slice search
  int slice_max_predicates = 2;    // L
  int slice_top_k = 10;            // K
  uint64_t slice_min_support = 0;  // 0 = max(30, 1% of rows)
  bool confirm_holdout = false;
  // Calibration
  int calibration_bins = 10;
  // Tail
  double tail_share = 0.05;
};

struct SegmentResult {
  std::string column;  // "A" or "A & B" for an intersection
  std::string value;   // "x" or "x & y"
  uint64_t rows = 0;
  bool sufficient = false;  // rows >= min_group_rows
  MetricMap metrics;
};

struct Predicate {
  std::string column;
  std::string op;     // "==", "in", "is_missing"
  std::string value;  // category, "[a, b)" numeric bin, or ""
  std::string ToString() const;
};

struct SliceResult {
  std::vector<Predicate> predicates;
  uint64_t rows = 0;
  double error_rate = 0;  // classification: misclassification; regression: mean loss
  double overall_error = 0;
  double lift = 0;                // error_rate / overall_error
  double score = 0;               // SliceLine score
  std::optional<double> p_value;  // one-sided test: slice error > rest error
  std::optional<double> q_value;  // Benjamini-Hochberg over all slices examined
  bool significant = false;
  std::optional<bool> confirmed;  // --confirm-holdout: held on the other half
  MetricMap metrics;
};

struct WorstCase {
  std::string slice;  // description of the worst significant slice ("" if none)
  MetricMap metrics;  // metrics on it (the "worst_case.accuracy" gate reads these)
  std::string note;
};

struct GroupResult {
  std::string value;  // group label, "(missing)" for a missing attribute
  uint64_t rows = 0;
  MetricMap metrics;  // selection_rate, tpr, fpr, fnr, precision, error_rate (with intervals)
};

struct FairnessResult {
  std::string attribute;  // "A" or "A & B"
  std::vector<GroupResult> groups;
  // demographic_parity_difference, demographic_parity_ratio,
  // equalized_odds_difference, equal_opportunity_difference,
  // disparate_impact (= dp ratio vs the most-selected group)
  std::map<std::string, MetricValue> disparities;
  bool four_fifths_rule_passed = false;
  TestValue errors_independent_chi2;  // group x correct/incorrect
  TestValue errors_independent_g;
  std::string verdict;  // "errors look random across groups" / "errors are concentrated ..."
};

struct CalibrationBin {
  double lower = 0, upper = 0;
  uint64_t count = 0;
  std::optional<double> mean_predicted;
  std::optional<double> fraction_positive;
};

struct CalibrationResult {
  bool available = false;  // false when there are no scores
  std::string note;
  std::optional<double> ece, ece_equal_mass, mce, classwise_ece;
  std::vector<CalibrationBin> bins;  // equal-width (uniform) reliability diagram
  std::optional<double> brier, reliability, resolution, uncertainty;
  std::optional<double> overconfidence_rate, underconfidence_rate;
  std::map<std::string, std::optional<double>> ece_by_segment;  // "col=value" -> ECE
};

struct TailResult {
  bool available = false;
  std::string note;
  double share = 0.05;
  uint64_t tail_rows = 0;
  MetricMap tail_metrics;           // on the most unusual share of rows
  MetricMap rest_metrics;           // on the others
  std::optional<double> cvar_loss;  // mean loss over the worst `share` of rows
  std::optional<double> mean_loss;
  std::string loss_name;  // "log_loss", "squared_error", "zero_one"
};

struct EvalResult {
  InputInfo data;
  std::optional<InputInfo> reference;
  EvalConfig config;
  TaskType task = TaskType::kBinary;
  std::vector<std::string> classes;
  std::string positive_label;
  double threshold = 0.5;
  uint64_t rows_used = 0, rows_excluded = 0;
  std::vector<std::string> notes;
  MetricMap metrics;
  std::vector<SegmentResult> segments;
  std::vector<SliceResult> slices;
  WorstCase worst_case;
  std::vector<FairnessResult> fairness;
  CalibrationResult calibration;
  TailResult tail;
  std::vector<Finding> findings;
};

}  // namespace airm
