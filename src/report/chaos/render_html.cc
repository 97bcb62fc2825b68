// RenderChaosHtml: one page a reviewer reads top-down (docs/chaos.md,
// "Reading the report"):
//   1. the verdict: how many failure modes failed, degraded, were handled;
//   2. what needs attention (findings);
//   3. failure modes by severity: one row per case;
//   4. the metric impact of nulling each feature (bar chart with intervals);
//   5. the fallback's degraded service, load and manipulation sections;
//   6. the baseline, feature importance, skipped families, settings.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <string_view>

#include "airm/report/chaos_report.h"
#include "airm/report/chaos_stress_report.h"
#include "airm/report/findings_html.h"
#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/svg_chart.h"

namespace airm::chaos {
namespace {

using report::Badge;
using report::FormatCount;
using report::FormatNumber;
using report::FormatShare;
using report::HtmlEscape;
using report::Tone;

const char* const kChaosStyle = R"css(
td.name{white-space:nowrap}
td.what{min-width:200px;color:var(--muted);font-size:13px}
details.degraded summary{margin-top:8px}
.ci{display:block;font-size:11px;color:var(--muted)}
ul.notes{margin:6px 0 0;padding-left:20px;color:var(--muted);font-size:13px}
)css";

Tone StatusTone(CaseStatus s) {
  switch (s) {
    case CaseStatus::kHandled:
      return Tone::kGood;
    case CaseStatus::kDegraded:
      return Tone::kWarn;
    case CaseStatus::kFailed:
      return Tone::kBad;
  }
  return Tone::kNeutral;
}

// The metric the null-impact chart draws: ROC AUC (binary) or RMSE.
const MetricChange* MainMetric(const std::vector<MetricChange>& metrics) {
  for (const MetricChange& m : metrics) {
    if (m.metric == "roc_auc" || m.metric == "rmse") return &m;
  }
  return metrics.empty() ? nullptr : &metrics.front();
}

std::string MetricLabel(const std::string& metric) {
  if (metric == "roc_auc") return "ROC AUC";
  if (metric == "rmse") return "RMSE";
  if (metric == "log_loss") return "log loss";
  return metric;
}

std::string Signed(double x) {
  std::string out = x > 0 ? "+" : "";
  out += FormatNumber(x);
  return out;
}

// One line per status metric (ROC AUC and accuracy, or RMSE) with its
// interval; log loss is in the JSON.
std::string ChangeCell(const std::vector<MetricChange>& metrics) {
  std::string out;
  for (const MetricChange& m : metrics) {
    if (m.metric == "log_loss") continue;
    out += "<div>";
    if (!m.delta) {
      out += HtmlEscape(MetricLabel(m.metric)) + " " + report::kUndefined;
      if (!m.note.empty()) out += "<span class=\"ci\">" + HtmlEscape(m.note) + "</span>";
    } else {
      out += HtmlEscape(MetricLabel(m.metric) + " " + Signed(*m.delta));
      if (m.ci_low && m.ci_high) {
        out += "<span class=\"ci\">" + HtmlEscape(Signed(*m.ci_low) + " to " + Signed(*m.ci_high)) +
               "</span>";
      }
    }
    out += "</div>";
  }
  return out.empty() ? std::string(report::kUndefined) : out;
}

std::string FailureKindText(const ServiceAnswer& a) {
  if (a.answered && a.invalid_output) return "invalid output";
  std::string kind = FailureKindName(a.failure);
  if (a.failure == FailureKind::kHttpStatus && a.http_status > 0) {
    kind += ' ';
    kind += std::to_string(a.http_status);
  }
  return kind;
}

// The failure kind, with the adapter's message as a tooltip.
std::string AnswerCell(const ChaosCase& c) {
  if (Served(c.primary)) return "answered";
  std::string out = "<span title=\"" + HtmlEscape(c.primary.detail) + "\">" +
                    HtmlEscape(FailureKindText(c.primary)) + "</span>";
  if (c.expected_failure) {
    out += "<span class=\"ci\">expected " + HtmlEscape(FailureKindName(*c.expected_failure)) +
           "</span>";
  }
  return out;
}

std::string FallbackCell(const ChaosCase& c) {
  if (!c.fallback_used) return "";
  if (!Served(c.fallback)) {
    return "<span title=\"" + HtmlEscape(c.fallback.detail) +
           "\">failed: " + HtmlEscape(FailureKindText(c.fallback)) + "</span>";
  }
  std::string out = "served";
  for (const MetricChange& m : c.fallback_metrics) {
    if (m.perturbed)
      out += "<br>" + HtmlEscape(MetricLabel(m.metric) + " " + FormatNumber(*m.perturbed));
  }
  return out;
}

// XGBoost reports a refused input as a log line: "[07:09:03] ./src/data/
// data.cc:1104: Check failed: valid: Input data contains `inf` ...". The
// message after the checked condition is what a person can act on.
std::optional<std::string> EngineMessage(std::string_view text) {
  const size_t check = text.find("Check failed: ");
  if (check == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(check + 14);
  if (const size_t colon = rest.find(": "); colon != std::string_view::npos && colon < 80) {
    rest = rest.substr(colon + 2);  // drop the condition ("valid")
  }
  rest = rest.substr(0, rest.find('\n'));
  while (!rest.empty() && (rest.back() == '.' || rest.back() == ' ' || rest.back() == ')')) {
    rest.remove_suffix(1);
  }
  constexpr size_t kMaxChars = 140;
  std::string out(rest.substr(0, kMaxChars));
  if (rest.size() > kMaxChars) out += "\u2026";
  return out;
}

// The "Why" cell: one line a person reads; an engine's raw log folded away.
std::string WhyCell(const ChaosCase& c) {
  std::optional<std::string> engine = EngineMessage(c.primary.detail);
  if (!engine) engine = EngineMessage(c.reason);
  if (!engine) return HtmlEscape(c.reason);
  std::string line = c.status == CaseStatus::kDegraded && !c.fallback_used
                         ? "The model engine refused the input cleanly: " + *engine +
                               ". Degraded, not handled: these rows got no prediction."
                         : "The model engine failed: " + *engine + ".";
  const std::string raw = c.primary.detail.empty() ? c.reason : c.primary.detail;
  return HtmlEscape(line) + "<details><summary class=\"small\">engine message</summary><code>" +
         HtmlEscape(raw) + "</code></details>";
}

std::string CasesTable(const ChaosResult& r) {
  std::vector<const ChaosCase*> sorted;
  for (const ChaosCase& c : r.cases) sorted.push_back(&c);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ChaosCase* a, const ChaosCase* b) { return a->status > b->status; });
  const bool fallback = !r.fallback.empty();
  // Failed and degraded modes are shown; handled ones are folded away.
  report::HtmlTable problems, handled;
  for (report::HtmlTable* t : {&problems, &handled}) {
    t->headers = {"Status",
                  "Failure mode",
                  "What was done",
                  "Metric change (95% CI)",
                  "Decisions changed",
                  "Model's answer"};
    if (fallback) t->headers.push_back("Fallback");
    t->headers.push_back("Why");
    t->column_classes = {"", "name", "what", "num", "num", ""};
  }
  for (const ChaosCase* c : sorted) {
    report::HtmlTable& t = c->status == CaseStatus::kHandled ? handled : problems;
    std::vector<std::string> row = {
        Badge(CaseStatusName(c->status), StatusTone(c->status)),
        "<code>" + HtmlEscape(c->name) + "</code><span class=\"ci\">" +
            HtmlEscape(FamilyName(c->family)) + " &middot; " + FormatCount(c->rows_affected) +
            " rows affected</span>",
        HtmlEscape(c->perturbation),
        ChangeCell(c->metrics),
        c->changed_share ? FormatShare(*c->changed_share) : report::kUndefined,
        AnswerCell(*c)};
    if (fallback) row.push_back(FallbackCell(*c));
    row.push_back(WhyCell(*c));
    t.rows.push_back(std::move(row));
    t.row_status.push_back(report::ToneClass(StatusTone(c->status)));
  }
  std::string out = problems.rows.empty() ? "<p>Every failure mode was handled.</p>"
                                          : report::RenderTable(problems);
  if (!handled.rows.empty()) {
    out += report::FoldedHtml(fmt::format("{} handled failure {}", handled.rows.size(),
                                          handled.rows.size() == 1 ? "mode" : "modes"),
                              report::RenderTable(handled));
  }
  return out;
}

// Drop of the main metric per feature when it is null in every row, with the
// paired-bootstrap interval as whiskers. Drops are drawn as positive bars (an
// improvement is drawn at 0 and stated in the table).
std::string NullImpactChart(const ChaosResult& r) {
  report::IntervalSeries series;
  series.color = report::kCurrentColor;
  std::vector<std::string> features;
  std::string metric;
  for (const ChaosCase& c : r.cases) {
    if (c.mode != "null" || c.family != Family::kMissing) continue;
    const MetricChange* m = MainMetric(c.metrics);
    features.push_back(c.feature);
    const double nan = std::nan("");
    if (m == nullptr || !m->delta) {
      series.values.push_back(nan);
      series.lows.push_back(nan);
      series.highs.push_back(nan);
      continue;
    }
    metric = m->metric;
    // RMSE rises when things get worse; ROC AUC falls.
    const double sign = m->metric == "rmse" ? 1.0 : -1.0;
    series.values.push_back(sign * *m->delta);
    series.lows.push_back(m->ci_low && m->ci_high ? std::min(sign * *m->ci_low, sign * *m->ci_high)
                                                  : nan);
    series.highs.push_back(m->ci_low && m->ci_high ? std::max(sign * *m->ci_low, sign * *m->ci_high)
                                                   : nan);
  }
  if (features.empty()) return "";
  // Largest drop first (undefined last), so the chart reads as a ranking.
  std::vector<size_t> order(features.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const double x = series.values[a], y = series.values[b];
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);
    return x > y;
  });
  const auto permuted = [&](const std::vector<double>& v) {
    std::vector<double> out;
    for (size_t i : order) out.push_back(v[i]);
    return out;
  };
  std::vector<std::string> sorted_features;
  for (size_t i : order) sorted_features.push_back(features[i]);
  features = std::move(sorted_features);
  series.values = permuted(series.values);
  series.lows = permuted(series.lows);
  series.highs = permuted(series.highs);
  if (metric.empty()) {
    return "<p>No metric change could be measured for the null-one-feature cases (the model "
           "did not answer them, or the baseline was not served).</p>";
  }
  series.name = metric == "rmse" ? "RMSE rise" : MetricLabel(metric) + " drop";
  report::IntervalBarChartSpec spec;
  spec.title = "Metric impact of nulling each feature";
  spec.categories = features;
  spec.series = {series};
  spec.x_label = series.name + " when the feature is null in every row (95% paired-bootstrap CI)";
  spec.y_label = "feature set to null";
  spec.format = report::ValueFormat::kNumber;
  return "<p>How much worse the model gets when one feature is null in every row. Longer bars "
         "mean the model leans on that feature and has no graceful answer without it; an "
         "improvement is drawn at 0.</p>" +
         report::ChartBlock(report::IntervalBarChartSvg(spec));
}

std::string VerdictCard(const ChaosResult& r) {
  const ChaosSummary& s = r.summary;
  std::string badge = s.verdict == CaseStatus::kFailed     ? "Failures found"
                      : s.verdict == CaseStatus::kDegraded ? "Degrades"
                                                           : "Handled everything";
  std::string headline = fmt::format("{} failure modes tested: {} failed, {} degraded, {} handled.",
                                     s.cases, s.failed, s.degraded, s.handled);
  std::string detail = r.task == "binary"
                           ? fmt::format("binary target {} (positive \u201c{}\u201d, threshold {})",
                                         r.target, r.positive_label, FormatNumber(r.threshold))
                           : fmt::format("numeric target {} (regression)", r.target);
  detail += fmt::format(" \u00b7 {} rows", FormatCount(r.rows_used));
  if (r.rows_excluded > 0) detail += fmt::format(" ({} excluded)", FormatCount(r.rows_excluded));
  detail += " \u00b7 model " + r.model;
  if (!r.fallback.empty()) detail += " \u00b7 fallback " + r.fallback;
  return fmt::format(
      "<section class=\"verdicts\" id=\"verdict\"><div class=\"verdict {}\"><h2>Verdict</h2>{}"
      "<p class=\"headline\">{}</p><p class=\"small\">{}</p></div></section>\n",
      report::ToneClass(StatusTone(s.verdict)), Badge(badge, StatusTone(s.verdict), "big"),
      HtmlEscape(headline), HtmlEscape(detail));
}

// Failures first; the (often many) warnings folded away under one line.
std::string AttentionBody(const std::vector<Finding>& findings) {
  std::vector<Finding> failures, warnings;
  for (const Finding& f : findings) {
    if (f.severity == Severity::kFail) {
      failures.push_back(f);
    } else {
      warnings.push_back(f);
    }
  }
  std::string out = failures.empty() && !warnings.empty() ? "<p>No failure mode failed.</p>"
                                                          : report::FindingsListHtml(failures);
  if (!warnings.empty()) {
    out += fmt::format(
        "<details class=\"degraded\"><summary>{} {} (degraded or worth a look)"
        "</summary>{}</details>",
        warnings.size(), warnings.size() == 1 ? "warning" : "warnings",
        report::FindingsListHtml(warnings));
  }
  return out;
}

std::string FamiliesTable(const ChaosResult& r) {
  report::HtmlTable t;
  t.headers = {"Family", "Failed", "Degraded", "Handled", "Note"};
  t.column_classes = {"", "num", "num", "num", ""};
  for (const FamilySummary& f : r.summary.by_family) {
    t.rows.push_back({HtmlEscape(FamilyName(f.family)), FormatCount(f.failed),
                      FormatCount(f.degraded), FormatCount(f.handled), ""});
  }
  for (const SkippedFamily& s : r.skipped) {
    t.rows.push_back(
        {HtmlEscape(FamilyName(s.family)), "", "", "", "skipped: " + HtmlEscape(s.reason)});
  }
  return report::RenderTable(t);
}

std::string BaselineBody(const ChaosResult& r) {
  std::string out;
  if (!Served(r.baseline)) {
    out += "<p>The unperturbed data was <strong>not served</strong>: " +
           HtmlEscape(DescribeFailure(r.baseline)) +
           ". Without a baseline no metric change can be measured.</p>";
  }
  report::HtmlTable t;
  t.headers = {"Metric", "Value", "95% interval", "Note"};
  t.column_classes = {"", "num", "num", ""};
  for (const auto& [name, m] : r.baseline_metrics) {
    t.rows.push_back({HtmlEscape(MetricLabel(name)), FormatNumber(m.value),
                      m.ci_low && m.ci_high
                          ? HtmlEscape(FormatNumber(*m.ci_low) + " \u2013 " +
                                       FormatNumber(*m.ci_high) + " (" + m.ci_method + ")")
                          : report::kUndefined,
                      HtmlEscape(m.note)});
  }
  if (!t.rows.empty()) out += report::RenderTable(t);
  out += fmt::format("<p class=\"small\">{} requests, {} s.</p>", r.baseline.requests,
                     FormatNumber(r.baseline.seconds));
  return out;
}

std::string ImportanceBody(const ChaosResult& r) {
  if (r.importance.empty()) return "";
  report::HtmlTable t;
  t.headers = {"Feature", "Mean |score change|", "From"};
  t.column_classes = {"mono", "num", ""};
  for (const FeatureImportance& f : r.importance) {
    t.rows.push_back({HtmlEscape(f.feature), FormatNumber(f.value), HtmlEscape(f.method)});
  }
  return "<p>The ranking behind the \u201ckeep only the k most important features\u201d cases: "
         "the mean absolute change of the score when the feature is null in every row (or, "
         "where the model failed that case, when its values are permuted across rows).</p>" +
         report::RenderTable(t);
}

std::string SettingsBody(const ChaosResult& r, const ReportMeta& meta) {
  const ChaosOptions& o = r.options;
  const StatusThresholds& t = o.thresholds;
  report::HtmlTable table;
  table.headers = {"Setting", "Value"};
  table.sortable = false;  // key-value rows: the order is the meaning
  const auto add = [&](const std::string& k, const std::string& v) {
    table.rows.push_back({HtmlEscape(k), HtmlEscape(v)});
  };
  add("Data",
      r.data.path + " (" + FormatCount(r.data.rows) + " rows, sha256 " + r.data.sha256 + ")");
  add("Model", r.model_spec + (r.model_sha256.empty() ? "" : " (sha256 " + r.model_sha256 + ")"));
  if (!r.fallback_spec.empty()) add("Fallback", r.fallback_spec);
  if (!r.constraints_path.empty()) add("Constraints", r.constraints_path);
  add("Features sent", std::to_string(r.features.size()));
  add("Rows per request", std::to_string(o.batch_rows));
  add("Degraded when", "a status metric drops by more than " + FormatNumber(t.degraded_drop) +
                           " or more than " + FormatShare(t.degraded_changed_share) +
                           " of decisions change");
  add("Failed when", "a status metric drops by more than " + FormatNumber(t.failed_drop) +
                         ", or the model errs, times out, or answers invalid scores");
  add("Intervals",
      std::to_string(o.bootstrap) + " paired-bootstrap resamples, seed " + std::to_string(o.seed));
  std::string out = report::RenderTable(table);
  if (!r.notes.empty()) {
    out += "<ul class=\"notes\">";
    for (const std::string& n : r.notes) out += "<li>" + HtmlEscape(n) + "</li>";
    out += "</ul>";
  }
  return out + report::ReportFooterHtml(meta);
}

}  // namespace

std::string RenderChaosHtml(const ChaosResult& r, const ReportMeta& meta) {
  report::HtmlPage page("Failure-mode test: " + r.model);
  page.AddStyle(kChaosStyle);
  page.Append("<header class=\"page\"><h1>Failure-mode (chaos) test</h1><p>Model <code>" +
              HtmlEscape(r.model) + "</code> &middot; data <code>" + HtmlEscape(r.data.path) +
              "</code> &middot; " + HtmlEscape(meta.generated_at) + "</p></header>\n");
  page.AddTocEntry("Verdict", "verdict");
  page.Append(VerdictCard(r));

  page.AddSection("What needs attention", "attention", AttentionBody(r.findings));

  page.AddSection("Failure modes by severity", "cases", CasesTable(r));

  if (const std::string chart = NullImpactChart(r); !chart.empty()) {
    page.AddSection("Metric impact per feature", "impact", chart);
  }
  if (r.load) {
    page.AddSection("Latency and answers under load", "load", LoadHtmlSection(*r.load));
  }
  if (r.manipulation) {
    page.AddSection("Manipulation: cheapest decision flips", "manipulation",
                    ManipulationHtmlSection(*r.manipulation));
  }
  page.AddSection("Families", "families", FamiliesTable(r));

  page.AddSection("Baseline (unperturbed data)", "baseline", BaselineBody(r));

  if (const std::string body = ImportanceBody(r); !body.empty()) {
    page.AddSection("Feature importance", "importance", body);
  }
  page.AddSection("Inputs and settings", "inputs", SettingsBody(r, meta));
  return page.Finish();
}

}  // namespace airm::chaos
