// RenderChaosJson: the document of docs/schemas/chaos.v1.json.
#include "airm/report/chaos_report.h"
#include "airm/report/chaos_stress_report.h"
#include "airm/report/json_util.h"

namespace airm::chaos {
namespace {

using report::Json;
using report::JsonNumber;

Json OrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json FailureJson(const ServiceAnswer& a) {
  if (a.failure == FailureKind::kNone && !a.invalid_output) return nullptr;
  return {{"kind", a.failure == FailureKind::kNone ? "invalid_output" : FailureKindName(a.failure)},
          {"http_status", a.http_status > 0 ? Json(a.http_status) : Json(nullptr)},
          {"detail", a.detail}};
}

Json AnswerJson(const ServiceAnswer& a) {
  return {{"served", a.answered && !a.invalid_output},
          {"failure", FailureJson(a)},
          {"requests", a.requests},
          {"attempts", a.attempts},
          {"seconds", JsonNumber(a.seconds)}};
}

Json ChangesJson(const std::vector<MetricChange>& changes) {
  Json out = Json::object();
  for (const MetricChange& m : changes) {
    out[m.metric] = {{"baseline", JsonNumber(m.baseline)}, {"perturbed", JsonNumber(m.perturbed)},
                     {"delta", JsonNumber(m.delta)},       {"ci_low", JsonNumber(m.ci_low)},
                     {"ci_high", JsonNumber(m.ci_high)},   {"note", m.note}};
  }
  return out;
}

Json CaseJson(const ChaosCase& c) {
  Json fallback = nullptr;
  if (c.fallback_used) {
    fallback = AnswerJson(c.fallback);
    fallback["metrics"] = ChangesJson(c.fallback_metrics);
  }
  return {{"name", c.name},
          {"family", FamilyName(c.family)},
          {"mode", c.mode},
          {"feature", OrNull(c.feature)},
          {"perturbation", c.perturbation},
          {"status", CaseStatusName(c.status)},
          {"reason", c.reason},
          {"rows_sent", c.rows_sent},
          {"rows_affected", c.rows_affected},
          {"rows_compared", c.rows_compared},
          {"answer", AnswerJson(c.primary)},
          {"expected_failure",
           c.expected_failure ? Json(FailureKindName(*c.expected_failure)) : Json(nullptr)},
          {"metrics", ChangesJson(c.metrics)},
          {"changed_share", JsonNumber(c.changed_share)},
          {"changed_share_affected", JsonNumber(c.changed_share_affected)},
          {"max_abs_score_change", JsonNumber(c.max_abs_score_change)},
          {"inconsistent_rows", c.inconsistent_rows ? Json(*c.inconsistent_rows) : Json(nullptr)},
          {"fallback", std::move(fallback)}};
}

Json OptionsJson(const ChaosOptions& o) {
  Json suites = Json::array();
  for (Family f : o.families) suites.push_back(FamilyName(f));
  const StatusThresholds& t = o.thresholds;
  return {{"suites", std::move(suites)},
          {"threshold", JsonNumber(o.threshold)},
          {"batch_size", o.batch_rows},
          {"big_batch_factor", o.big_batch_factor},
          {"perturb_share", JsonNumber(o.perturb_share)},
          {"mcar_rates", o.mcar_rates},
          {"keep_top_k", o.keep_top_k},
          {"duplicate_share", JsonNumber(o.duplicate_share)},
          {"bootstrap", o.bootstrap},
          {"seed", o.seed},
          {"confidence", JsonNumber(o.confidence)},
          {"thresholds",
           {{"degraded_drop", JsonNumber(t.degraded_drop)},
            {"failed_drop", JsonNumber(t.failed_drop)},
            {"degraded_changed_share", JsonNumber(t.degraded_changed_share)},
            {"regression_change_tolerance", JsonNumber(t.regression_change_tolerance)},
            {"invariance_tolerance", JsonNumber(t.invariance_tolerance)}}}};
}

Json SummaryJson(const ChaosSummary& s) {
  Json families = Json::object();
  for (const FamilySummary& f : s.by_family) {
    families[FamilyName(f.family)] = {
        {"handled", f.handled}, {"degraded", f.degraded}, {"failed", f.failed}};
  }
  return {{"verdict", CaseStatusName(s.verdict)},
          {"cases", s.cases},
          {"handled", s.handled},
          {"degraded", s.degraded},
          {"failed", s.failed},
          {"families", std::move(families)}};
}

Json Embedded(const std::string& text) {
  Json parsed = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

}  // namespace

std::string RenderChaosJson(const ChaosResult& r, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("chaos", kChaosSchemaVersion, meta);
  Json model = {
      {"spec", r.model_spec}, {"description", r.model}, {"sha256", OrNull(r.model_sha256)}};
  Json fallback = r.fallback.empty() ? Json(nullptr)
                                     : Json{{"spec", r.fallback_spec}, {"description", r.fallback}};
  Json constraints = r.constraints_path.empty() ? Json(nullptr)
                                                : Json{{"path", r.constraints_path},
                                                       {"sha256", OrNull(r.constraints_sha256)}};
  doc["inputs"] = {{"data", report::InputInfoJson(r.data)},
                   {"model", std::move(model)},
                   {"fallback", std::move(fallback)},
                   {"constraints", std::move(constraints)}};
  doc["options"] = OptionsJson(r.options);
  doc["task"] = r.task;
  doc["target"] = r.target;
  doc["positive_label"] = r.task == "binary" ? Json(r.positive_label) : Json(nullptr);
  doc["negative_label"] = r.task == "binary" ? Json(r.negative_label) : Json(nullptr);
  doc["threshold"] = r.task == "binary" ? JsonNumber(r.threshold) : Json(nullptr);
  doc["rows_used"] = r.rows_used;
  doc["rows_excluded"] = r.rows_excluded;
  doc["features"] = r.features;
  doc["notes"] = r.notes;
  Json baseline = AnswerJson(r.baseline);
  Json metrics = Json::object();
  for (const auto& [name, m] : r.baseline_metrics) {
    metrics[name] = {{"value", JsonNumber(m.value)},
                     {"ci_low", JsonNumber(m.ci_low)},
                     {"ci_high", JsonNumber(m.ci_high)},
                     {"ci_method", m.ci_method},
                     {"note", m.note}};
  }
  baseline["metrics"] = std::move(metrics);
  doc["baseline"] = std::move(baseline);
  Json importance = Json::array();
  for (const FeatureImportance& f : r.importance) {
    importance.push_back(
        {{"name", f.feature}, {"value", JsonNumber(f.value)}, {"method", f.method}});
  }
  doc["importance"] = std::move(importance);
  doc["summary"] = SummaryJson(r.summary);
  Json cases = Json::array();
  for (const ChaosCase& c : r.cases) cases.push_back(CaseJson(c));
  doc["cases"] = std::move(cases);
  Json skipped = Json::array();
  for (const SkippedFamily& s : r.skipped) {
    skipped.push_back({{"family", FamilyName(s.family)}, {"reason", s.reason}});
  }
  doc["skipped"] = std::move(skipped);
  doc["load"] = r.load ? Embedded(LoadResultToJson(*r.load)) : Json(nullptr);
  doc["manipulation"] =
      r.manipulation ? Embedded(ManipulationResultToJson(*r.manipulation)) : Json(nullptr);
  Json findings = Json::array();
  for (const Finding& f : r.findings) findings.push_back(report::FindingJson(f));
  doc["findings"] = std::move(findings);
  return report::DumpJson(doc);
}

}  // namespace airm::chaos
