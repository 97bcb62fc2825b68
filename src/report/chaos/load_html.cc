// The load section of the chaos report: what was run, a table per run and
// charts of latency percentiles and throughput against concurrency.
#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "airm/report/chaos_stress_report.h"
#include "airm/report/findings_html.h"
#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/svg_chart.h"

namespace airm::chaos {
namespace {

using report::FormatNumber;
using report::HtmlEscape;

std::string Millis(std::optional<double> seconds) {
  if (!seconds || !std::isfinite(*seconds)) return report::kUndefined;
  return FormatNumber(*seconds * 1000.0) + " ms";
}

std::string ShareCell(std::optional<double> share) {
  if (!share || !std::isfinite(*share)) return report::kUndefined;
  return HtmlEscape(report::FormatShare(*share));
}

std::string StableBadge(const LoadRunResult& run) {
  return run.stable ? report::Badge("stable", report::Tone::kGood)
                    : report::Badge("unstable", report::Tone::kWarn);
}

// The error rate, with the failures by kind in small print beneath.
std::string ErrorCell(const LoadRunResult& run) {
  std::string out = ShareCell(run.error_rate);
  for (const auto& [kind, count] : run.failures) {
    out += "<div class=\"small\">" +
           HtmlEscape(fmt::format("{} {}", report::FormatCount(count), kind)) + "</div>";
  }
  return out;
}

std::string ChangedCell(const LoadRunResult& run) {
  if (!run.rows_changed) return report::kUndefined;
  const std::string text =
      report::FormatCount(*run.rows_changed) + " of " + report::FormatCount(run.rows_served);
  return *run.rows_changed > 0 ? report::Badge(text, report::Tone::kBad) : HtmlEscape(text);
}

std::vector<std::string> RunRow(const LoadRunResult& run) {
  return {HtmlEscape(LoadRunName(run)),
          StableBadge(run),
          report::FormatCount(run.requests),
          ErrorCell(run),
          Millis(run.latency.p50),
          Millis(run.latency.p95),
          Millis(run.latency.p99),
          Millis(run.latency.max),
          FormatNumber(run.throughput_rps),
          FormatNumber(run.rows_per_second),
          ShareCell(run.served_accuracy) + " <span class=\"small\">(unloaded " +
              ShareCell(run.unloaded_accuracy_same_rows) + ")</span>",
          ChangedCell(run)};
}

std::string RunsTable(const LoadResult& r) {
  report::HtmlTable table;
  table.headers = {
      "Run",   "Stability", "Requests",        "Errors",         "p50", "p95", "p99", "max",
      "Req/s", "Rows/s",    "Accuracy served", "Answers changed"};
  table.column_classes = {"",    "",    "num", "num", "num", "num",
                          "num", "num", "num", "num", "num", "num"};
  for (const LoadRunResult& run : r.sweep) table.rows.push_back(RunRow(run));
  if (r.open_loop) table.rows.push_back(RunRow(*r.open_loop));
  return report::RenderTable(table) +
         "<p class=\"small\">p50 … max: latency of succeeded requests. Accuracy served: of the "
         "answers served at the decision threshold, beside the unloaded answers' accuracy on the "
         "same rows. Answers changed: rows whose served score differs from the unloaded one."
         "</p>\n";
}

std::vector<double> Millis(const std::vector<LoadRunResult>& runs,
                           std::optional<double> LatencySummary::*field) {
  std::vector<double> out;
  for (const LoadRunResult& run : runs) {
    const std::optional<double>& v = run.latency.*field;
    out.push_back(v ? *v * 1000.0 : NAN);
  }
  return out;
}

// Grouped bars per concurrency level: the levels are few and discrete.
std::string SweepCharts(const LoadResult& r) {
  if (r.sweep.size() < 2) return "";
  std::vector<std::string> levels;
  std::vector<double> throughput;
  for (const LoadRunResult& run : r.sweep) {
    levels.push_back(std::to_string(run.concurrency));
    throughput.push_back(run.throughput_rps);
  }
  report::GroupedBarChartSpec latency;
  latency.title = "Latency percentiles by concurrency";
  latency.categories = levels;
  latency.series = {{"p50", report::kReferenceColor, Millis(r.sweep, &LatencySummary::p50)},
                    {"p95", report::kCurrentColor, Millis(r.sweep, &LatencySummary::p95)},
                    {"p99", report::kAccentColor, Millis(r.sweep, &LatencySummary::p99)}};
  latency.x_label = "Concurrent requests";
  latency.y_label = "Latency (ms)";
  latency.format = report::ValueFormat::kNumber;
  latency.height = 240;
  report::GroupedBarChartSpec rps;
  rps.title = "Throughput by concurrency";
  rps.categories = levels;
  rps.series = {{"succeeded requests/s", report::kAccentColor, throughput}};
  rps.x_label = "Concurrent requests";
  rps.y_label = "Requests per second";
  rps.format = report::ValueFormat::kNumber;
  rps.height = 200;
  return "<h3>Latency under load</h3>\n" + report::GroupedBarChartSvg(latency) +
         "<h3>Throughput</h3>\n" + report::GroupedBarChartSvg(rps);
}

std::string Intro(const LoadResult& r) {
  const LoadOptions& o = r.options;
  std::string out = fmt::format(
      "<p>Requests of {} row{} drawn from a pool of {} known rows were sent to <code>{}</code>. "
      "Closed loop: at concurrency <em>c</em>, <em>c</em> clients each send the next request "
      "as soon as the previous one is answered. Each run is measured in windows of {} s after "
      "{} s of warm-up, until three consecutive windows agree within {}% on throughput and p95 "
      "latency (<em>stable</em>) or after {} windows (<em>unstable</em>). Latencies are of "
      "succeeded requests; percentiles interpolate linearly between order statistics.</p>\n",
      o.rows_per_request, o.rows_per_request == 1 ? "" : "s", report::FormatCount(r.pool_rows),
      HtmlEscape(r.target), FormatNumber(o.window_seconds), FormatNumber(o.warmup_seconds),
      FormatNumber(o.stability_pct), o.max_windows);
  if (r.open_loop) {
    out +=
        "<p>Open loop: requests are sent at scheduled times whether or not earlier ones were "
        "answered, and latency counts from the scheduled time, so a server that falls behind "
        "is charged for the wait it causes (no coordinated omission). It also includes the "
        "sender's own wake-up delay after the scheduled time, usually well under a "
        "millisecond.</p>\n";
    const LoadRunResult& open = *r.open_loop;
    if (open.request_rate && open.achieved_send_rate) {
      out += fmt::format(
          "<p class=\"small\">Scheduled {} requests/s ({} arrivals, at most {} in flight); "
          "achieved {} sent/s; {} sent more than 1 ms late.</p>\n",
          FormatNumber(open.request_rate->requests_per_second),
          ArrivalPatternName(open.request_rate->pattern), open.request_rate->max_in_flight,
          FormatNumber(*open.achieved_send_rate), ShareCell(open.late_send_share));
    }
  }
  if (!r.baseline_error.empty()) {
    out += "<p>" + report::Badge("baseline failed", report::Tone::kBad) +
           " Scoring the pool unloaded failed (" + HtmlEscape(r.baseline_error) +
           "), so served answers are not compared with unloaded ones.</p>\n";
  } else {
    out += fmt::format(
        "<p class=\"small\">Every served answer is compared with the unloaded answer for the "
        "same rows (pool scored once in {} s){}.</p>\n",
        FormatNumber(r.baseline_seconds),
        r.unloaded_accuracy ? ", unloaded accuracy " + report::FormatShare(*r.unloaded_accuracy)
                            : std::string());
  }
  return out;
}

}  // namespace

std::string LoadHtmlSection(const LoadResult& r) {
  std::string out = Intro(r);
  out += report::FindingsListHtml(r.findings);
  out += RunsTable(r);
  out += SweepCharts(r);
  return out;
}

}  // namespace airm::chaos
