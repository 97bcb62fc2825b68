#include "airm/evaluate.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <optional>
#include <set>
#include <sstream>

#include "airm/calibration.h"
#include "airm/groups.h"
#include "airm/metrics.h"
#include "airm/parallel_for.h"
#include "airm/slices.h"
#include "airm/tail.h"
#include "eval_findings.h"

namespace airm {
namespace {

// Columns a slice or an unusualness score may use: the model's inputs, less
// the excluded ones.
std::vector<std::string> FeatureColumns(const Table& table, const EvalSpec& spec,
                                        const EvalConfig& config) {
  std::set<std::string> excluded = {spec.target, spec.score, spec.prediction};
  excluded.insert(config.exclude_columns.begin(), config.exclude_columns.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < table.num_columns(); ++i) {
    const std::string& name = table.column(i).name();
    ColumnRole role = table.role(i);
    if (excluded.count(name)) continue;
    if (!spec.proba_prefix.empty() && name.rfind(spec.proba_prefix, 0) == 0) continue;
    if (role == ColumnRole::kId || role == ColumnRole::kTimestamp || role == ColumnRole::kTarget ||
        role == ColumnRole::kPrediction || role == ColumnRole::kScore) {
      continue;
    }
    out.push_back(name);
  }
  return out;
}

Status CheckColumnsExist(const Table& table, const std::vector<std::string>& names,
                         const char* option) {
  for (const std::string& name : names) {
    if (!table.FindColumn(name)) {
      return Status::InvalidArgument(OptionRef(option) + " names column '" + name +
                                     "', which the data does not have");
    }
  }
  return Status::Ok();
}

void CalibrationBySegment(const Table& data_table, const EvalData& data, const EvalConfig& config,
                          const Table* reference, CalibrationResult* calibration) {
  for (const std::string& column : config.segment_columns) {
    const Column* bin_reference = nullptr;
    if (reference) {
      auto idx = reference->FindColumn(column);
      if (idx) bin_reference = &reference->column(*idx);
    }
    auto groups = GroupRows(data_table, data, column, config.segment_bins, bin_reference);
    if (!groups.ok()) continue;
    for (const RowGroup& g : *groups) {
      const std::string key = column + "=" + g.label;
      if (g.rows.size() < config.min_group_rows) {
        calibration->ece_by_segment[key] = std::nullopt;
        continue;
      }
      calibration->ece_by_segment[key] =
          AnalyzeCalibration(data, g.rows, config.calibration_bins).ece;
    }
  }
}

}  // namespace

namespace {

// Finite regression values can still square past the largest double (1e160
// does); that is an input the analysis cannot use, named by row and column.
Status CheckLossesFinite(const EvalData& data, const EvalSpec& spec,
                         const std::vector<double>& loss) {
  if (data.task != TaskType::kRegression) return Status::Ok();
  for (size_t i = 0; i < loss.size(); ++i) {
    if (std::isfinite(loss[i])) continue;
    std::ostringstream text;
    text << "data row " << data.source_rows[i] + 1 << ": target '" << spec.target
         << "' = " << data.y_value[i] << " and prediction '" << spec.prediction
         << "' = " << data.y_hat[i]
         << " are too far apart for a squared error (magnitudes must stay below about 1e154)";
    return Status::InvalidArgument(text.str());
  }
  return Status::Ok();
}

// Step 6: the tail of the most unusual rows (skipped without features).
Result<TailResult> TailStep(const Table& data_table, const EvalData& data, const Table* reference,
                            const std::vector<std::string>& features,
                            const std::vector<double>& loss, const std::string& loss_name,
                            const EvalConfig& config) {
  if (features.empty()) {
    TailResult skipped;
    skipped.note = "no feature columns: the unusualness score needs at least one";
    skipped.loss_name = loss_name;
    return skipped;
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<double> unusual,
                        UnusualnessScores(data_table, data, reference, features));
  TailOptions tail_options;
  tail_options.share = config.tail_share;
  tail_options.seed = config.seed;
  tail_options.bootstrap = config.bootstrap;
  return AnalyzeTail(data, unusual, loss, loss_name, tail_options);
}

// Step 7: the weak-slice search on per-row errors (losses for regression).
Result<SliceSearchReport> SliceStep(const Table& data_table, const EvalData& data,
                                    const std::vector<std::string>& features,
                                    const std::vector<double>& loss, const EvalConfig& config) {
  std::vector<double> errors;
  if (data.task == TaskType::kRegression) {
    errors = loss;
  } else {
    std::vector<uint8_t> wrong = PerRowError(data);
    errors.assign(wrong.begin(), wrong.end());
  }
  // A scored file with only the target and the model's outputs is valid
  // input: there is nothing to slice on, which the result says.
  if (features.empty()) return SliceSearchReport{};
  SliceSearchOptions slice_options;
  slice_options.max_predicates = config.slice_max_predicates;
  slice_options.top_k = config.slice_top_k;
  slice_options.min_support = config.slice_min_support;
  slice_options.alpha = config.alpha;
  slice_options.confirm_holdout = config.confirm_holdout;
  slice_options.seed = config.seed;
  slice_options.metric_bootstrap = config.bootstrap;
  return SearchWeakSlices(data_table, data, errors, features, slice_options);
}

}  // namespace

Status ValidateEvalConfig(const EvalConfig& c) {
  if (c.segment_bins < 2 || c.segment_bins > 100) {
    return Status::InvalidArgument(OptionRef("segment-bins") + " must be in [2, 100]");
  }
  if (c.bootstrap < 0 || c.bootstrap > 100000) {
    return Status::InvalidArgument(OptionRef("bootstrap") + " must be in [0, 100000]");
  }
  if (!(c.alpha > 0 && c.alpha < 1))
    return Status::InvalidArgument(OptionRef("alpha") + " must be in (0, 1)");
  if (c.slice_max_predicates < 1 || c.slice_max_predicates > 3) {
    return Status::InvalidArgument(OptionRef("slice-depth") + " must be 1, 2 or 3");
  }
  if (c.slice_top_k < 1)
    return Status::InvalidArgument(OptionRef("slice-top") + " must be at least 1");
  if (c.calibration_bins < 2 || c.calibration_bins > 1000) {
    return Status::InvalidArgument(OptionRef("calibration-bins") + " must be in [2, 1000]");
  }
  if (!(c.tail_share > 0 && c.tail_share < 1)) {
    return Status::InvalidArgument(OptionRef("tail-share") + " must be in (0, 1)");
  }
  return Status::Ok();
}

Result<EvalResult> AnalyzeEvaluation(const Table& data_table, const Table* reference,
                                     const EvalSpec& spec, const EvalConfig& config) {
  AIRM_RETURN_IF_ERROR(ValidateEvalConfig(config));
  AIRM_RETURN_IF_ERROR(CheckColumnsExist(data_table, config.segment_columns, "segment"));
  AIRM_RETURN_IF_ERROR(CheckColumnsExist(data_table, config.sensitive_columns, "sensitive"));
  AIRM_ASSIGN_OR_RETURN(EvalData data, BuildEvalData(data_table, spec));

  EvalResult result;
  result.config = config;
  result.task = data.task;
  result.classes = data.classes;
  if (data.task == TaskType::kBinary && data.classes.size() == 2) {
    result.positive_label = data.classes[1];
  }
  result.threshold = data.threshold;
  result.rows_used = data.size();
  result.rows_excluded = data.rows_excluded;
  result.notes = data.exclusion_notes;

  // Steps 2-7 read `data` and the tables and write nothing shared, so they
  // run concurrently; each is seeded by the config alone, so the result is
  // the same as running them one after another. Errors are reported in step
  // order.
  std::string loss_name;
  const std::vector<double> loss = PerRowLoss(data, &loss_name);
  AIRM_RETURN_IF_ERROR(CheckLossesFinite(data, spec, loss));
  // Each step writes only its own slot; the slots are optional because a
  // Result has no empty state before its step has run.
  std::optional<MetricMap> headline;
  std::optional<Result<std::vector<SegmentResult>>> segment_results;
  std::optional<Result<std::vector<FairnessResult>>> fairness_results;
  std::optional<CalibrationResult> calibration;
  std::optional<Result<TailResult>> tail_result;
  std::optional<Result<SliceSearchReport>> slice_report;
  const std::vector<std::string> features = FeatureColumns(data_table, spec, config);
  const std::function<void()> steps[] = {
      [&] {
        MetricOptions metric_options;
        metric_options.bootstrap = config.bootstrap;
        metric_options.seed = config.seed;
        headline = ComputeMetrics(data, {}, metric_options);
      },
      [&] { segment_results = AnalyzeSegments(data_table, data, config, reference); },
      [&] { fairness_results = AnalyzeFairness(data_table, data, config); },
      [&] {
        CalibrationResult out;
        if (data.has_scores() && data.task != TaskType::kRegression) {
          out = AnalyzeCalibration(data, {}, config.calibration_bins);
          CalibrationBySegment(data_table, data, config, reference, &out);
        } else {
          out.available = false;
          out.note = data.task == TaskType::kRegression
                         ? "calibration applies to classifiers with probability scores"
                         : "no scores given (--score or --proba-prefix): calibration "
                           "needs predicted probabilities";
        }
        calibration = std::move(out);
      },
      [&] {
        tail_result = TailStep(data_table, data, reference, features, loss, loss_name, config);
      },
      [&] { slice_report = SliceStep(data_table, data, features, loss, config); },
  };
  // One ParallelFor over the steps: their own parallel loops (bootstraps,
  // segments) then share the process's one pool instead of each step
  // starting threads of its own. Every step has run when it returns OK.
  AIRM_RETURN_IF_ERROR(ParallelFor(std::size(steps), 0, [&](size_t step) { steps[step](); }));
  const bool no_features = features.empty();
  result.metrics = std::move(*headline);
  result.calibration = std::move(*calibration);

  AIRM_ASSIGN_OR_RETURN(result.segments, std::move(*segment_results));
  AIRM_ASSIGN_OR_RETURN(result.fairness, std::move(*fairness_results));
  AIRM_ASSIGN_OR_RETURN(SliceSearchReport report, std::move(*slice_report));
  result.slices = std::move(report.slices);
  if (no_features) {
    result.notes.push_back(
        "slice search: skipped, the data has no feature columns to slice on (only the target, "
        "the model's outputs and id/timestamp columns)");
  } else {
    result.notes.push_back(
        "slice search: " + std::to_string(report.slices_evaluated) + " slices evaluated, " +
        std::to_string(report.slices_tested) + " in the false-discovery family, minimum support " +
        std::to_string(report.min_support) + " rows" +
        (config.confirm_holdout
             ? ", confirmed on a held-out half of " + std::to_string(report.rows_holdout) + " rows"
             : ""));
  }
  for (const std::string& note : report.notes) result.notes.push_back("slice search: " + note);
  result.worst_case = WorstCaseFrom(result.slices, data);
  AIRM_ASSIGN_OR_RETURN(result.tail, std::move(*tail_result));

  result.findings = CollectEvalFindings(result);
  return result;
}

}  // namespace airm
