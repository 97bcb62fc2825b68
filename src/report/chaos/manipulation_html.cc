// The manipulation section of the chaos report: flip rate against budget,
// the features that flip decisions on their own, the cheapest flips found
// and the monotonicity checks.
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

std::string ShareCell(std::optional<double> share) {
  if (!share || !std::isfinite(*share)) return report::kUndefined;
  return HtmlEscape(report::FormatShare(*share));
}

std::string CellText(const Cell& cell) {
  if (const auto* x = std::get_if<double>(&cell)) return FormatNumber(*x);
  if (const auto* s = std::get_if<std::string>(&cell)) return "\u201c" + *s + "\u201d";
  return "missing";
}

std::string Names(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

std::string Intro(const ManipulationResult& r) {
  return fmt::format(
      "<p>For {} of {} sampled rows of <code>{}</code>, the search looked for the cheapest "
      "changes that flip the decision (score &ge; {} is positive; flips sought: {}), within the "
      "constraints of <code>{}</code>. A change of a number costs <em>cost &times; |change| / "
      "standard deviation</em>; a change of category costs <em>cost</em>; a flip's cost is the "
      "sum over the features it changes. Features that may change: {}. Never changed: {}.</p>\n"
      "<p class=\"small\">{} candidate rows scored in {} model calls.{}</p>\n",
      r.rows_eligible, r.rows_sampled, HtmlEscape(r.target),
      FormatNumber(r.options.decision_threshold), FlipTargetName(r.options.target),
      HtmlEscape(r.constraints_source.empty() ? "(no file)" : r.constraints_source),
      HtmlEscape(Names(r.mutable_features)), HtmlEscape(Names(r.immutable_features)),
      report::FormatCount(r.rows_scored), report::FormatCount(r.model_calls),
      r.rows_unscorable > 0
          ? fmt::format(" {} sampled rows had no finite score and were skipped.", r.rows_unscorable)
          : std::string());
}

std::string FlipRates(const ManipulationResult& r) {
  if (r.flip_rates.empty()) return "";
  report::GroupedBarChartSpec chart;
  chart.title = "Share of decisions flipped within each cost budget";
  chart.x_label = "Cost budget";
  chart.y_label = "Decisions flipped";
  chart.height = 220;
  report::ChartSeries series{"flip rate", report::kCurrentColor, {}};
  report::HtmlTable table;
  table.headers = {"Budget", "Rows flipped", "Flip rate"};
  table.column_classes = {"num", "num", "num"};
  for (const BudgetFlipRate& b : r.flip_rates) {
    chart.categories.push_back("\u2264 " + FormatNumber(b.budget));
    series.values.push_back(b.rate.value_or(NAN));
    table.rows.push_back({"\u2264 " + HtmlEscape(FormatNumber(b.budget)),
                          report::FormatCount(b.flipped), ShareCell(b.rate)});
  }
  chart.series.push_back(std::move(series));
  return "<h3>Flip rate by budget</h3>\n" + report::GroupedBarChartSvg(chart) +
         report::RenderTable(table);
}

std::string Levers(const ManipulationResult& r) {
  if (r.per_feature.empty()) return "";
  report::HtmlTable table;
  table.headers = {"Feature", "Rows it flips alone", "Share", "", "Median cost"};
  table.column_classes = {"", "num", "num", "", "num"};
  for (const FeatureFlipStats& f : r.per_feature) {
    report::InlineBarSpec bar;
    bar.fraction = f.rate.value_or(NAN);
    table.rows.push_back({HtmlEscape(f.feature), report::FormatCount(f.flips), ShareCell(f.rate),
                          report::InlineBarSvg(bar), HtmlEscape(FormatNumber(f.median_cost))});
  }
  return fmt::format(
             "<h3>Features that flip decisions on their own</h3>\n<p class=\"small\">Within the "
             "largest budget ({}), changing only this feature.</p>\n",
             FormatNumber(r.options.budgets.back())) +
         report::RenderTable(table);
}

std::string CheapestFlips(const ManipulationResult& r) {
  if (r.cheapest_flips.empty()) {
    return "<h3>Cheapest flips</h3>\n<p>No decision flipped within the largest budget.</p>\n";
  }
  report::HtmlTable table;
  table.headers = {"Row", "Changes", "Cost", "Score before", "Score after"};
  table.column_classes = {"num", "", "num", "num", "num"};
  for (const FlipExample& e : r.cheapest_flips) {
    std::string changes;
    for (const FeatureChange& c : e.changes) {
      if (!changes.empty()) changes += "<br>";
      changes += "<strong>" + HtmlEscape(c.feature) + "</strong>: " + HtmlEscape(CellText(c.from)) +
                 " &rarr; " + HtmlEscape(CellText(c.to)) + " <span class=\"small\">(" +
                 HtmlEscape(FormatNumber(c.cost)) + ")</span>";
    }
    table.rows.push_back({std::to_string(e.row), changes, HtmlEscape(FormatNumber(e.cost)),
                          HtmlEscape(FormatNumber(e.score_before)),
                          HtmlEscape(FormatNumber(e.score_after))});
  }
  return "<h3>Cheapest flips</h3>\n<p class=\"small\">Rows are 0-based positions in the data; "
         "every flip was confirmed by scoring the changed row again.</p>\n" +
         report::RenderTable(table);
}

std::string Monotonicity(const ManipulationResult& r) {
  if (r.monotonicity.empty()) {
    return "<h3>Monotonicity</h3>\n<p>No feature has a declared direction "
           "(<code>monotone:</code> in the constraints).</p>\n";
  }
  report::HtmlTable table;
  table.headers = {"Feature",      "Declared",  "Grid",
                   "Rows",         "Violating", "Largest movement against",
                   "Worst example"};
  table.column_classes = {"", "", "num", "num", "num", "num", ""};
  for (const MonotonicityCheck& m : r.monotonicity) {
    std::string worst = report::kUndefined;
    if (m.worst_row) {
      worst =
          HtmlEscape(fmt::format("row {}: {} → {} moves the score {} → {}", *m.worst_row,
                                 FormatNumber(m.worst_x_from), FormatNumber(m.worst_x_to),
                                 FormatNumber(m.worst_score_from), FormatNumber(m.worst_score_to)));
    }
    const std::string share = ShareCell(m.violation_share);
    table.rows.push_back(
        {HtmlEscape(m.feature), MonotoneDirectionName(m.declared),
         HtmlEscape(FormatNumber(m.grid_lo) + " – " + FormatNumber(m.grid_hi)),
         report::FormatCount(m.rows_checked),
         m.rows_violating > 0
             ? report::Badge(report::FormatShare(*m.violation_share), report::Tone::kWarn)
             : share,
         HtmlEscape(FormatNumber(m.max_violation)), worst});
  }
  return fmt::format(
             "<h3>Monotonicity</h3>\n<p class=\"small\">Each sampled row is scored along a grid "
             "over the feature's range, other features fixed; a row violates when its score "
             "moves against the declared direction by more than {}.</p>\n",
             FormatNumber(r.options.monotone_tolerance)) +
         report::RenderTable(table);
}

}  // namespace

std::string ManipulationHtmlSection(const ManipulationResult& r) {
  return Intro(r) + report::FindingsListHtml(r.findings) + FlipRates(r) + Levers(r) +
         CheapestFlips(r) + Monotonicity(r);
}

}  // namespace airm::chaos
