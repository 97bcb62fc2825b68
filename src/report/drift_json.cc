// RenderDriftJson: the drift result as the documented "drift_report" JSON
// document (docs/schemas/drift.v1.json, explained in docs/reports.md).
//
// Null conventions: an undefined number (empty optional, NaN) is null; a bin
// bound of ±inf is null too (only the first bin's lower and the last bin's
// upper bound can be unbounded, so the position says which infinity).
#include <string>

#include "airm/report.h"
#include "airm/report/json_util.h"
#include "airm/table.h"
#include "drift_labels.h"

namespace airm {
namespace {

using report::Json;
using report::JsonNumber;

Json DistributionJson(const BinnedDistribution& d) {
  Json out = Json::object();
  out["labels"] = d.labels;
  if (!d.lower.empty() || !d.upper.empty()) {
    Json lower = Json::array(), upper = Json::array();
    for (double v : d.lower) lower.push_back(JsonNumber(v));
    for (double v : d.upper) upper.push_back(JsonNumber(v));
    out["lower"] = std::move(lower);
    out["upper"] = std::move(upper);
  }
  out["reference_counts"] = d.reference_counts;
  out["current_counts"] = d.current_counts;
  return out;
}

Json BoundsJson(const ValueBounds& b) {
  return {{"lower", JsonNumber(b.lower)}, {"upper", JsonNumber(b.upper)}};
}

// Since 1.2: null for columns compared on their rows.
Json SketchBoundsJson(const std::optional<SketchBounds>& bounds) {
  if (!bounds) return nullptr;
  const SketchBounds& b = *bounds;
  return {{"statistic", BoundsJson(b.statistic)},
          {"p_value", BoundsJson(b.p_value)},
          {"p_value_adjusted", BoundsJson(b.p_value_adjusted)},
          {"effect_size", BoundsJson(b.effect_size)},
          {"reference_rank_error", JsonNumber(b.reference_rank_error)},
          {"current_rank_error", JsonNumber(b.current_rank_error)},
          {"reference_count_error", b.reference_count_error},
          {"current_count_error", b.current_count_error},
          {"decided", b.decided}};
}

// Since 1.4: null unless the model's importance was read (--model).
Json ModelUseJson(const std::optional<ModelColumnUse>& use) {
  if (!use) return nullptr;
  return {{"gain_share", JsonNumber(use->gain_share)},
          {"total_gain", JsonNumber(use->total_gain)},
          {"splits", use->splits}};
}

Json ModelJson(const std::optional<ModelUsage>& model) {
  if (!model) return nullptr;
  return {{"source", model->source},
          {"importance_type", model->importance_type},
          {"features", model->features},
          {"unmatched_features", model->unmatched_features}};
}

Json ColumnJson(const ColumnDrift& c) {
  Json tests = Json::object();
  for (const auto& [name, value] : c.tests) {
    tests[name] = {{"statistic", JsonNumber(value.statistic)},
                   {"p_value", JsonNumber(value.p_value)}};
  }
  return {{"name", c.name},
          {"type", c.type},
          {"current_type", c.current_type},
          {"role", ColumnRoleName(c.role)},
          {"status", ColumnDriftStatusName(c.status)},
          {"method", c.method},
          {"statistic", JsonNumber(c.statistic)},
          {"p_value", JsonNumber(c.p_value)},
          {"p_value_adjusted", JsonNumber(c.p_value_adjusted)},
          {"threshold", JsonNumber(c.threshold)},
          {"drifted", c.drifted},
          {"effect_size_name", c.effect_size_name},
          {"effect_size", JsonNumber(c.effect_size)},
          {"effect_size_threshold", JsonNumber(c.effect_size_threshold)},
          {"reason", c.reason},
          {"reference_count", c.reference_count},
          {"current_count", c.current_count},
          {"tests", std::move(tests)},
          {"distribution", DistributionJson(c.distribution)},
          {"bounds", SketchBoundsJson(c.bounds)},
          {"model_use", ModelUseJson(c.model_use)}};
}

Json ColumnsJson(const std::vector<ColumnDrift>& columns) {
  Json out = Json::array();
  for (const ColumnDrift& c : columns) out.push_back(ColumnJson(c));
  return out;
}

Json VerdictJson(const DriftVerdict& v) {
  return {{"drifted", v.drifted},
          {"columns_tested", v.columns_tested},
          {"columns_drifted", v.columns_drifted},
          {"rule", v.rule},
          {"summary", v.summary}};
}

Json ConfigJson(const DriftResult& r) {
  const DriftConfig& c = r.config;
  return {{"columns", c.columns},
          {"exclude", c.exclude},
          {"method", c.method},
          {"all_tests", c.all_tests},
          {"alpha", JsonNumber(c.alpha)},
          {"correction", c.correction},
          {"drift_share", JsonNumber(c.drift_share)},
          {"min_segment_rows", c.min_segment_rows},
          {"min_rows", c.min_rows},
          {"domain_classifier", c.domain_classifier},
          {"seed", c.seed},
          {"bins", c.bins},
          {"segment_columns", r.segment_columns}};
}

Json QualityJson(const std::vector<QualityCheck>& checks) {
  Json out = Json::array();
  for (const QualityCheck& q : checks) {
    out.push_back({{"check", q.check},
                   {"column", q.column},
                   {"status", CheckStatusName(q.status)},
                   {"value", JsonNumber(q.value)},
                   {"warn_threshold", JsonNumber(q.warn_threshold)},
                   {"fail_threshold", JsonNumber(q.fail_threshold)},
                   {"message", q.message}});
  }
  return out;
}

Json MultivariateJson(const DomainClassifierResult& d) {
  Json top = Json::array();
  for (const auto& [column, share] : d.top_columns) {
    top.push_back({{"column", column}, {"share", JsonNumber(share)}});
  }
  return {{"method", "domain_classifier"},
          {"ran", d.ran},
          {"note", d.note},
          {"auc", JsonNumber(d.auc)},
          {"auc_threshold", JsonNumber(d.auc_threshold)},
          {"p_value", JsonNumber(d.p_value)},
          {"drifted", d.drifted},
          {"p_value_method", d.p_value_method},
          {"train_rows", d.train_rows},
          {"test_rows", d.test_rows},
          {"trees", d.trees},
          {"rows_used", d.rows_used},
          {"top_columns", std::move(top)}};
}

Json SegmentsJson(const std::vector<SegmentDrift>& segments) {
  Json out = Json::array();
  for (const SegmentDrift& s : segments) {
    // "name" lets a gate address the segment: segments.`region=north`.verdict.drifted.
    out.push_back({{"name", s.column + "=" + s.value},
                   {"column", s.column},
                   {"value", s.value},
                   {"reference_rows", s.reference_rows},
                   {"current_rows", s.current_rows},
                   {"sufficient", s.sufficient},
                   {"verdict", VerdictJson(s.verdict)},
                   {"columns", ColumnsJson(s.columns)}});
  }
  return out;
}

}  // namespace

std::string RenderDriftJson(const DriftResult& r, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("drift_report", kDriftSchemaVersion, meta);
  doc["inputs"] = {{"reference", report::InputInfoJson(r.reference)},
                   {"current", report::InputInfoJson(r.current)}};
  doc["comparison"] = r.comparison;
  doc["config"] = ConfigJson(r);
  doc["model"] = ModelJson(r.model);
  Json scope = Json::array();
  for (const ScopeRangeShare& s : r.out_of_scope) {
    Json values = s.range.values;
    scope.push_back({{"description", s.range.description},
                     {"column", s.range.column},
                     {"above", JsonNumber(s.range.above)},
                     {"below", JsonNumber(s.range.below)},
                     {"values", std::move(values)},
                     {"rows_inside", s.rows_inside},
                     {"rows_known", s.rows_known},
                     {"share", JsonNumber(s.share)},
                     {"note", s.note}});
  }
  doc["out_of_scope"] = std::move(scope);
  doc["verdict"] = {
      {"input_drift", VerdictJson(r.input_verdict)},
      {"output_drift", VerdictJson(r.output_verdict)},
      {"quality", r.quality_status ? Json(CheckStatusName(*r.quality_status)) : Json(nullptr)}};
  if (!r.quality_note.empty()) doc["verdict"]["quality_note"] = r.quality_note;
  doc["columns"] = ColumnsJson(r.input_columns);
  doc["outputs"] = ColumnsJson(r.output_columns);
  doc["quality"] = QualityJson(r.quality);
  doc["multivariate"] = MultivariateJson(r.domain_classifier);
  doc["segments"] = SegmentsJson(r.segments);
  Json findings = Json::array();
  for (const Finding& f : r.findings) findings.push_back(report::FindingJson(f));
  doc["findings"] = std::move(findings);
  return report::DumpJson(doc);
}

}  // namespace airm
