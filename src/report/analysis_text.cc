#include <fmt/format.h>

#include <algorithm>

#include "airm/report/text_summaries.h"
#include "drift_labels.h"

namespace airm::report {
namespace {

std::string Opt(const std::optional<double>& v, const char* spec = "{:.4g}") {
  return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

void Columns(const std::vector<ColumnDrift>& columns, std::string* out) {
  *out += fmt::format("  {:<24} {:<18} {:<16} {:>10} {:>10} {:>18}\n", "column", "status", "method",
                      "statistic", "p (adj.)", "effect size");
  // The same order as the HTML report: most severe first.
  for (size_t index : SeverityOrder(columns)) {
    const ColumnDrift* c = &columns[index];
    std::string effect =
        c->effect_size ? fmt::format("{:.3g} {}", *c->effect_size, c->effect_size_name) : "-";
    *out += fmt::format("  {:<24} {:<18} {:<16} {:>10} {:>10} {:>18}\n", c->name.substr(0, 24),
                        ColumnDriftStatusName(c->status), c->method, Opt(c->statistic),
                        Opt(c->p_value_adjusted, "{:.2e}"), effect);
  }
}

std::string Value(const MetricMap& m, const std::string& name) {
  auto it = m.find(name);
  if (it == m.end() || !it->second.value) return "-";
  std::string s = fmt::format("{:.4g}", *it->second.value);
  if (it->second.ci_low && it->second.ci_high) {
    s += fmt::format(" [{:.4g}, {:.4g}]", *it->second.ci_low, *it->second.ci_high);
  }
  return s;
}

}  // namespace

std::string GateLinesText(const std::vector<GateOutcome>& gates) {
  std::string out;
  for (const GateOutcome& g : gates) {
    out += fmt::format("Gate {:<40} {} (value {})\n", g.condition, g.held ? "FAILED" : "passed",
                       g.observed);
  }
  return out;
}

std::string DriftSummaryText(const DriftResult& r, const std::vector<GateOutcome>& gates) {
  std::string out;
  out += fmt::format("Input drift:  {} {}\n", r.input_verdict.drifted ? "DRIFT" : "no drift",
                     r.input_verdict.summary);
  if (!r.output_columns.empty()) {
    out += fmt::format("Output drift: {} {}\n", r.output_verdict.drifted ? "DRIFT" : "no drift",
                       r.output_verdict.summary);
  }
  out += fmt::format("Data quality: {}\n",
                     r.quality_status ? CheckStatusName(*r.quality_status) : r.quality_note);
  if (r.domain_classifier.ran) {
    out += fmt::format("Multivariate: {} (domain classifier ROC AUC {}, threshold {})\n",
                       r.domain_classifier.drifted ? "DRIFT" : "no drift",
                       Opt(r.domain_classifier.auc, "{:.3f}"),
                       Opt(r.domain_classifier.auc_threshold, "{:.3f}"));
  }
  out += "\n";
  Columns(r.input_columns, &out);
  if (!r.output_columns.empty()) {
    out += "\n";
    Columns(r.output_columns, &out);
  }
  bool any_quality = false;
  for (const QualityCheck& q : r.quality) {
    if (q.status == CheckStatus::kPass) continue;
    if (!any_quality) out += "\nData-quality checks not passed:\n";
    any_quality = true;
    out += fmt::format("  {:<5} {:<24} {}{}\n", CheckStatusName(q.status), q.check,
                       q.column.empty() ? "" : q.column + ": ", q.message);
  }
  out += GateLinesText(gates);
  return out;
}

std::string EvaluationSummaryText(const EvalResult& r, const std::vector<GateOutcome>& gates) {
  std::string out = fmt::format("Task: {} on {} rows ({} excluded)\n", TaskTypeName(r.task),
                                r.rows_used, r.rows_excluded);
  const std::vector<std::string> headline =
      r.task == TaskType::kRegression
          ? std::vector<std::string>{"mae", "rmse", "r2"}
          : std::vector<std::string>{"accuracy", "balanced_accuracy", "roc_auc",
                                     "f1",       "log_loss",          "brier"};
  for (const std::string& m : headline) {
    if (r.metrics.count(m)) out += fmt::format("  {:<18} {}\n", m, Value(r.metrics, m));
  }
  if (!r.worst_case.slice.empty()) {
    out += fmt::format("Worst significant slice: {}\n", r.worst_case.slice);
    for (const std::string& m : headline) {
      if (r.worst_case.metrics.count(m)) {
        out += fmt::format("  {:<18} {}\n", m, Value(r.worst_case.metrics, m));
      }
    }
  } else {
    out += "Worst significant slice: none found (" + r.worst_case.note + ")\n";
  }
  if (r.calibration.available && r.calibration.ece) {
    out += fmt::format("Calibration: ECE {:.4f}\n", *r.calibration.ece);
  }
  for (const FairnessResult& f : r.fairness) {
    out += fmt::format("Fairness {}: {}\n", f.attribute, f.verdict);
  }
  for (const Finding& f : r.findings) {
    if (f.severity == Severity::kInfo) continue;
    out += fmt::format("{:<5} {}\n", SeverityName(f.severity), f.message);
  }
  out += GateLinesText(gates);
  return out;
}

std::string ChaosSummaryText(const chaos::ChaosResult& r, const std::vector<GateOutcome>& gates) {
  using chaos::CaseStatus;
  std::string out = fmt::format("Model: {}\nData: {} ({} rows, {} task", r.model, r.data.path,
                                r.rows_used, r.task);
  if (r.task == "binary") {
    out += fmt::format(", positive '{}', threshold {:.4g}", r.positive_label, r.threshold);
  }
  out += ")\nBaseline:";
  for (const auto& [name, m] : r.baseline_metrics) out += fmt::format(" {} {}", name, Opt(m.value));
  if (!r.baseline.answered || r.baseline.invalid_output) out += " NOT SERVED";
  out += "\n";
  out += fmt::format("Failure modes: {} tested, {} failed, {} degraded, {} handled -> {}\n",
                     r.summary.cases, r.summary.failed, r.summary.degraded, r.summary.handled,
                     chaos::CaseStatusName(r.summary.verdict));
  // The failed and degraded cases, at most kListed of each: the reports have them all.
  constexpr size_t kListed = 12;
  for (CaseStatus status : {CaseStatus::kFailed, CaseStatus::kDegraded}) {
    size_t shown = 0, total = 0;
    for (const chaos::ChaosCase& c : r.cases) {
      if (c.status != status) continue;
      if (++total > kListed) continue;
      ++shown;
      out += fmt::format("  {:<8} {:<28} {}\n", chaos::CaseStatusName(status), c.name, c.reason);
    }
    if (total > shown) {
      out += fmt::format("  ... and {} more {} (see --html / --json)\n", total - shown,
                         chaos::CaseStatusName(status));
    }
  }
  for (const chaos::SkippedFamily& s : r.skipped) {
    out += fmt::format("  skipped  {:<28} {}\n", chaos::FamilyName(s.family), s.reason);
  }
  out += GateLinesText(gates);
  return out;
}

}  // namespace airm::report
