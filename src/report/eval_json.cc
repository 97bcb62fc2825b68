// RenderEvalJson: the evaluation result as the documented "evaluation_report"
// JSON document (docs/schemas/evaluation.v1.json, explained in
// docs/evaluation-report.md).
//
// Besides the full structures, two views are flattened for --fail-on gates,
// whose paths address plain numbers: `worst_case.<metric>` (the value on the
// worst slice) and `fairness.<attribute>.<disparity>`. A flattened name that
// would overwrite a structural key (worst_case.slice, fairness.<a>.groups, ...)
// is left out of the flat view; the full value stays under `metrics` /
// `disparities`. Overall metrics are not flattened: gates address
// `metrics.<name>.value`.
#include <string>

#include "airm/eval_result.h"
#include "airm/report.h"
#include "airm/report/json_util.h"
#include "eval_labels.h"

namespace airm {
namespace {

using report::Json;
using report::JsonNumber;

Json MetricJson(const MetricValue& m) {
  return {{"value", JsonNumber(m.value)},
          {"ci_low", JsonNumber(m.ci_low)},
          {"ci_high", JsonNumber(m.ci_high)},
          {"ci_method", m.ci_method.empty() ? Json(nullptr) : Json(m.ci_method)},
          {"note", m.note}};
}

Json MetricsJson(const MetricMap& metrics) {
  Json out = Json::object();
  for (const auto& [name, value] : metrics) out[name] = MetricJson(value);
  return out;
}

Json TestJson(const TestValue& t) {
  return {{"statistic", JsonNumber(t.statistic)}, {"p_value", JsonNumber(t.p_value)}};
}

Json ConfigJson(const EvalConfig& c) {
  return {{"segment_columns", c.segment_columns},
          {"sensitive_columns", c.sensitive_columns},
          {"segment_bins", c.segment_bins},
          {"min_group_rows", c.min_group_rows},
          {"bootstrap", c.bootstrap},
          {"seed", c.seed},
          {"alpha", JsonNumber(c.alpha)},
          {"slice_max_predicates", c.slice_max_predicates},
          {"slice_top_k", c.slice_top_k},
          {"slice_min_support", c.slice_min_support},
          {"confirm_holdout", c.confirm_holdout},
          {"calibration_bins", c.calibration_bins},
          {"tail_share", JsonNumber(c.tail_share)}};
}

Json SegmentsJson(const std::vector<SegmentResult>& segments) {
  Json out = Json::array();
  for (const SegmentResult& s : segments) {
    out.push_back({{"column", s.column},
                   {"value", s.value},
                   {"rows", s.rows},
                   {"sufficient", s.sufficient},
                   {"metrics", MetricsJson(s.metrics)}});
  }
  return out;
}

Json SlicesJson(const std::vector<SliceResult>& slices) {
  Json out = Json::array();
  for (const SliceResult& s : slices) {
    Json predicates = Json::array();
    for (const Predicate& p : s.predicates) {
      predicates.push_back({{"column", p.column}, {"op", p.op}, {"value", p.value}});
    }
    out.push_back({{"name", report::SliceText(s.predicates)},
                   {"predicates", std::move(predicates)},
                   {"rows", s.rows},
                   {"error_rate", JsonNumber(s.error_rate)},
                   {"overall_error", JsonNumber(s.overall_error)},
                   {"lift", JsonNumber(s.lift)},
                   {"score", JsonNumber(s.score)},
                   {"p_value", JsonNumber(s.p_value)},
                   {"q_value", JsonNumber(s.q_value)},
                   {"significant", s.significant},
                   {"confirmed", s.confirmed ? Json(*s.confirmed) : Json(nullptr)},
                   {"metrics", MetricsJson(s.metrics)}});
  }
  return out;
}

Json WorstCaseJson(const WorstCase& w) {
  Json out = Json::object();
  out["slice"] = w.slice.empty() ? Json(nullptr) : Json(w.slice);
  out["note"] = w.note;
  for (const auto& [name, value] : w.metrics) {
    if (!report::IsReservedWorstCaseKey(name)) out[name] = JsonNumber(value.value);
  }
  out["metrics"] = MetricsJson(w.metrics);
  return out;
}

Json FairnessEntryJson(const FairnessResult& f) {
  Json groups = Json::array();
  for (const GroupResult& g : f.groups) {
    groups.push_back({{"name", g.value}, {"rows", g.rows}, {"metrics", MetricsJson(g.metrics)}});
  }
  Json out = Json::object();
  out["attribute"] = f.attribute;
  out["groups"] = std::move(groups);
  for (const auto& [name, value] : f.disparities) {
    if (!report::IsReservedFairnessKey(name)) out[name] = JsonNumber(value.value);
  }
  out["disparities"] = MetricsJson(f.disparities);
  out["four_fifths_rule_passed"] = f.four_fifths_rule_passed;
  out["errors_independent"] = {{"chi2", TestJson(f.errors_independent_chi2)},
                               {"g_test", TestJson(f.errors_independent_g)}};
  out["verdict"] = f.verdict;
  return out;
}

// Keyed by attribute so gates can write fairness.<attribute>.<measure>. Two
// results for the same attribute name cannot both own the key; later ones
// get " (2)", " (3)", ... and keep their real name in "attribute".
Json FairnessJson(const std::vector<FairnessResult>& fairness) {
  Json out = Json::object();
  for (const FairnessResult& f : fairness) {
    std::string key = f.attribute;
    for (int n = 2; out.contains(key); ++n) key = f.attribute + " (" + std::to_string(n) + ")";
    out[key] = FairnessEntryJson(f);
  }
  return out;
}

Json CalibrationJson(const CalibrationResult& c) {
  Json bins = Json::array();
  for (const CalibrationBin& b : c.bins) {
    bins.push_back({{"lower", JsonNumber(b.lower)},
                    {"upper", JsonNumber(b.upper)},
                    {"count", b.count},
                    {"mean_predicted", JsonNumber(b.mean_predicted)},
                    {"fraction_positive", JsonNumber(b.fraction_positive)}});
  }
  Json by_segment = Json::object();
  for (const auto& [segment, ece] : c.ece_by_segment) by_segment[segment] = JsonNumber(ece);
  return {{"available", c.available},
          {"note", c.note},
          {"ece", JsonNumber(c.ece)},
          {"ece_equal_mass", JsonNumber(c.ece_equal_mass)},
          {"mce", JsonNumber(c.mce)},
          {"classwise_ece", JsonNumber(c.classwise_ece)},
          {"bins", std::move(bins)},
          {"brier_decomposition",
           {{"brier", JsonNumber(c.brier)},
            {"reliability", JsonNumber(c.reliability)},
            {"resolution", JsonNumber(c.resolution)},
            {"uncertainty", JsonNumber(c.uncertainty)}}},
          {"overconfidence_rate", JsonNumber(c.overconfidence_rate)},
          {"underconfidence_rate", JsonNumber(c.underconfidence_rate)},
          {"ece_by_segment", std::move(by_segment)}};
}

Json TailJson(const TailResult& t) {
  return {{"available", t.available},
          {"note", t.note},
          {"share", JsonNumber(t.share)},
          {"tail_rows", t.tail_rows},
          {"loss_name", t.loss_name},
          {"mean_loss", JsonNumber(t.mean_loss)},
          {"cvar_loss", JsonNumber(t.cvar_loss)},
          {"tail_metrics", MetricsJson(t.tail_metrics)},
          {"rest_metrics", MetricsJson(t.rest_metrics)}};
}

}  // namespace

std::string RenderEvalJson(const EvalResult& r, const ReportMeta& meta) {
  const bool binary = r.task == TaskType::kBinary;
  Json doc = report::DocumentHeader("evaluation_report", kEvalSchemaVersion, meta);
  doc["inputs"] = {
      {"data", report::InputInfoJson(r.data)},
      {"reference", r.reference ? report::InputInfoJson(*r.reference) : Json(nullptr)}};
  doc["config"] = ConfigJson(r.config);
  doc["task"] = TaskTypeName(r.task);
  doc["classes"] = r.classes;
  // Positive label and threshold only mean something for binary tasks.
  doc["positive_label"] = binary ? Json(r.positive_label) : Json(nullptr);
  doc["threshold"] = binary ? JsonNumber(r.threshold) : Json(nullptr);
  doc["rows_used"] = r.rows_used;
  doc["rows_excluded"] = r.rows_excluded;
  doc["notes"] = r.notes;
  doc["metrics"] = MetricsJson(r.metrics);
  doc["segments"] = SegmentsJson(r.segments);
  doc["slices"] = SlicesJson(r.slices);
  doc["worst_case"] = WorstCaseJson(r.worst_case);
  doc["fairness"] = FairnessJson(r.fairness);
  doc["calibration"] = CalibrationJson(r.calibration);
  doc["tail"] = TailJson(r.tail);
  Json findings = Json::array();
  for (const Finding& f : r.findings) findings.push_back(report::FindingJson(f));
  doc["findings"] = std::move(findings);
  return report::DumpJson(doc);
}

}  // namespace airm
