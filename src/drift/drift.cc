#include "airm/drift.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "airm/domain_classifier.h"
#include "airm/parallel_for.h"
#include "column_comparison.h"
#include "findings.h"
#include "method_choice.h"
#include "segment_drift.h"
#include "verdict.h"

namespace airm {
namespace {

constexpr size_t kMaxSegmentsPerColumn = 50;

// Reference columns to analyse, in file order.
Result<std::vector<size_t>> SelectColumns(const Table& reference, const DriftConfig& config) {
  std::set<std::string> excluded(config.exclude.begin(), config.exclude.end());
  for (const std::string& name : config.exclude) {
    if (!reference.FindColumn(name)) {
      return Status::InvalidArgument(OptionRef("exclude") + " names column '" + name +
                                     "', which the reference does not have");
    }
  }
  std::vector<size_t> out;
  if (!config.columns.empty()) {
    for (const std::string& name : config.columns) {
      auto idx = reference.FindColumn(name);
      if (!idx) {
        return Status::InvalidArgument(OptionRef("columns") + " names column '" + name +
                                       "', which the reference does not have");
      }
      if (!excluded.count(name)) out.push_back(*idx);
    }
    return out;
  }
  for (size_t i = 0; i < reference.num_columns(); ++i) {
    ColumnRole r = reference.role(i);
    if (r == ColumnRole::kId || r == ColumnRole::kTimestamp) continue;
    if (excluded.count(reference.column(i).name())) continue;
    out.push_back(i);
  }
  return out;
}

ColumnDrift Unpaired(const Column& ref, ColumnRole role, ColumnDriftStatus status,
                     std::string reason, const Column* cur) {
  ColumnDrift c;
  c.name = ref.name();
  c.type = DataTypeName(ref.type());
  c.current_type = cur ? DataTypeName(cur->type()) : "";
  c.role = role;
  c.status = status;
  c.method = "none";
  c.reason = std::move(reason);
  return c;
}

// Compares one reference column with its namesake in `current`.
ColumnDrift AnalyzeColumn(const Table& reference, size_t ref_idx, const Table& current,
                          const DriftConfig& config, const std::vector<uint32_t>* ref_rows,
                          const std::vector<uint32_t>* cur_rows, drift::SampleBuffers* buffers) {
  const Column& ref = reference.column(ref_idx);
  const ColumnRole role = reference.role(ref_idx);
  auto cur_idx = current.FindColumn(ref.name());
  if (!cur_idx) {
    return Unpaired(ref, role, ColumnDriftStatus::kMissingInCurrent,
                    "the current batch has no column '" + ref.name() + "'", nullptr);
  }
  const Column& cur = current.column(*cur_idx);
  if (ref.is_numeric() != cur.is_numeric()) {
    return Unpaired(ref, role, ColumnDriftStatus::kRetyped,
                    std::string("the column was ") + DataTypeName(ref.type()) +
                        " in the reference and is " + DataTypeName(cur.type()) +
                        " in the current batch; its values cannot be compared",
                    &cur);
  }
  drift::ColumnKind kind = drift::ClassifyColumns(ref, cur);
  drift::MethodPlan plan = drift::ChooseMethod(kind, config.method, config.alpha);
  drift::UseShareChangeForProportions(role, kind, &plan);
  ColumnDrift c = drift::CompareColumn(ref, cur, kind, plan, config, ref_rows, cur_rows, buffers);
  c.role = role;
  return c;
}

Status AnalyzeSegments(const Table& reference, const Table& current,
                       const std::vector<size_t>& inputs, const DriftConfig& config,
                       drift::SampleBuffers* buffers, DriftResult* result) {
  for (size_t i = 0; i < reference.num_columns(); ++i) {
    if (reference.role(i) != ColumnRole::kSegment) continue;
    const Column& seg = reference.column(i);
    result->segment_columns.push_back(seg.name());
    auto cur_idx = current.FindColumn(seg.name());
    if (!cur_idx) continue;  // reported as a missing column already
    for (drift::SegmentRows& rows :
         drift::SplitBySegment(seg, current.column(*cur_idx), kMaxSegmentsPerColumn)) {
      SegmentDrift s;
      s.column = seg.name();
      s.value = rows.value;
      s.reference_rows = rows.reference.size();
      s.current_rows = rows.current.size();
      s.sufficient =
          s.reference_rows >= config.min_segment_rows && s.current_rows >= config.min_segment_rows;
      if (!s.sufficient) {
        s.verdict.summary = "insufficient data: fewer than " +
                            std::to_string(config.min_segment_rows) +
                            " rows on one side, no verdict";
        result->segments.push_back(std::move(s));
        continue;
      }
      std::vector<size_t> tested;
      for (size_t idx : inputs) {
        if (idx != i) tested.push_back(idx);
      }
      s.columns.resize(tested.size());
      AIRM_RETURN_IF_ERROR(ParallelFor(tested.size(), config.threads, [&](size_t k) {
        s.columns[k] = AnalyzeColumn(reference, tested[k], current, config, &rows.reference,
                                     &rows.current, buffers);
      }));
      s.verdict = drift::DecideColumns(config, &s.columns);
      result->segments.push_back(std::move(s));
    }
  }
  return Status::Ok();
}

// The input columns the domain classifier learns from: those compared
// column by column (the current batch has them, with numbers still numbers
// and text still text), known before any column is tested so that the
// classifier runs beside the tests.
std::vector<std::string> ClassifierColumns(const Table& reference, const Table& current,
                                           const std::vector<size_t>& selected) {
  std::vector<std::string> names;
  for (size_t idx : selected) {
    if (drift::IsOutputRole(reference.role(idx))) continue;
    const Column& ref = reference.column(idx);
    auto cur_idx = current.FindColumn(ref.name());
    if (cur_idx && current.column(*cur_idx).is_numeric() == ref.is_numeric()) {
      names.push_back(ref.name());
    }
  }
  return names;
}

DomainClassifierResult RunDomainClassifierStep(const Table& reference, const Table& current,
                                               const std::vector<std::string>& names,
                                               const DriftConfig& config) {
  DomainClassifierResult out;
  if (!config.domain_classifier) {
    out.note = "disabled with --no-multivariate";
    return out;
  }
  // The classifier sizes its row budget from the data's width and length
  // (docs/multivariate.md), so no cap is set here.
  DomainClassifierOptions options;
  options.seed = config.seed;
  options.alpha = config.alpha;
  auto r = RunDomainClassifier(reference, current, names, options);
  if (r.ok()) return std::move(r).value();
  out.ran = false;
  out.note = "the domain classifier failed: " + r.status().message();
  return out;
}

}  // namespace

Status ValidateDriftConfig(const DriftConfig& c) {
  if (!(c.alpha > 0 && c.alpha < 1))
    return Status::InvalidArgument(OptionRef("alpha") + " must be in (0, 1)");
  if (c.correction != "bh" && c.correction != "bonferroni" && c.correction != "none") {
    return Status::InvalidArgument(OptionRef("correction") +
                                   " must be bh, bonferroni or none, got '" + c.correction + "'");
  }
  if (c.method != "auto" && !drift::IsKnownMethod(c.method)) {
    return Status::InvalidArgument(
        OptionRef("method") +
        " must be auto or one of ks, chi2, z_proportions, cramer_von_mises, "
        "anderson_darling, energy, wasserstein, wasserstein_norm, psi, jensen_shannon, "
        "hellinger, kl, tvd; got '" +
        c.method + "'");
  }
  if (!(c.drift_share >= 0 && c.drift_share <= 1)) {
    return Status::InvalidArgument(OptionRef("drift-share") + " must be in [0, 1]");
  }
  if (c.bins < 2 || c.bins > 1000)
    return Status::InvalidArgument(OptionRef("bins") + " must be in [2, 1000]");
  if (c.min_rows < 1) return Status::InvalidArgument(OptionRef("min-rows") + " must be at least 1");
  for (size_t i = 0; i < c.columns.size(); ++i) {
    if (c.columns[i].empty())
      return Status::InvalidArgument(OptionRef("columns") + ": a column name is empty");
    if (std::find(c.columns.begin(), c.columns.begin() + i, c.columns[i]) !=
        c.columns.begin() + i) {
      return Status::InvalidArgument(OptionRef("columns") + ": '" + c.columns[i] +
                                     "' is listed twice");
    }
  }
  return Status::Ok();
}

Result<DriftResult> AnalyzeDrift(
    const Table& reference, const Table& current, const DriftConfig& config,
    const std::map<std::string, QualityThreshold>& quality_thresholds) {
  AIRM_RETURN_IF_ERROR(ValidateDriftConfig(config));
  AIRM_ASSIGN_OR_RETURN(std::vector<size_t> selected, SelectColumns(reference, config));

  DriftResult result;
  result.config = config;
  std::vector<std::string> names;
  for (size_t idx : selected) names.push_back(reference.column(idx).name());
  // Task 0 runs the quality checks and task 1 the domain classifier (the
  // longest tasks, so they start first), task k > 1 compares column k - 2;
  // each writes its own slot, so the result is the same for any thread count.
  const std::vector<std::string> classifier_columns =
      ClassifierColumns(reference, current, selected);
  std::vector<ColumnDrift> compared(selected.size());
  drift::SampleBuffers buffers;
  AIRM_RETURN_IF_ERROR(ParallelFor(selected.size() + 2, config.threads, [&](size_t k) {
    if (k == 0) {
      result.quality = CheckQuality(reference, current, names, quality_thresholds);
    } else if (k == 1) {
      result.domain_classifier =
          RunDomainClassifierStep(reference, current, classifier_columns, config);
    } else {
      compared[k - 2] =
          AnalyzeColumn(reference, selected[k - 2], current, config, nullptr, nullptr, &buffers);
    }
  }));
  result.quality_status = WorstStatus(result.quality);
  std::vector<size_t> input_idx;
  for (size_t k = 0; k < selected.size(); ++k) {
    const size_t idx = selected[k];
    ColumnDrift c = std::move(compared[k]);
    if (drift::IsOutputRole(reference.role(idx))) {
      result.output_columns.push_back(std::move(c));
    } else {
      input_idx.push_back(idx);
      result.input_columns.push_back(std::move(c));
    }
  }
  for (const Column& c : current.columns()) {
    if (reference.FindColumn(c.name())) continue;
    ColumnDrift fresh;
    fresh.name = c.name();
    fresh.current_type = DataTypeName(c.type());
    fresh.status = ColumnDriftStatus::kNewInCurrent;
    fresh.method = "none";
    fresh.reason = "only the current batch has this column";
    result.input_columns.push_back(std::move(fresh));
  }
  result.input_verdict = drift::DecideColumns(config, &result.input_columns);
  result.output_verdict = drift::DecideColumns(config, &result.output_columns);

  AIRM_RETURN_IF_ERROR(AnalyzeSegments(reference, current, input_idx, config, &buffers, &result));
  result.findings = drift::CollectFindings(result);
  return result;
}

}  // namespace airm
