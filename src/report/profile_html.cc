// RenderProfileHtml: a column profile as one self-contained page: an
// overview table of every column, then per column its histogram (numbers) or
// most frequent values (text), quantiles and counts of special values.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "airm/profile.h"
#include "airm/report.h"
#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/key_value_table.h"
#include "airm/report/svg_chart.h"

namespace airm {
namespace {

using report::FormatCount;
using report::FormatNumber;
using report::FormatShare;
using report::HtmlEscape;

// Bars shown for a text column's most frequent values.
constexpr size_t kMaxTopValues = 20;

std::string Share(uint64_t part, uint64_t whole) {
  return whole == 0 ? std::string(report::kUndefined)
                    : FormatShare(static_cast<double>(part) / static_cast<double>(whole));
}

std::optional<double> Quantile(const ColumnProfile& c, double level) {
  for (const QuantileValue& q : c.quantiles) {
    if (std::fabs(q.level - level) < 1e-12) return q.value;
  }
  return std::nullopt;
}

std::string OverviewTable(const Profile& p) {
  report::HtmlTable table;
  table.headers = {"Column", "Type",   "Role", "Missing", "Distinct",
                   "Min",    "Median", "Max",  "Mean",    "Most frequent"};
  table.column_classes = {"", "", "", "num", "num", "num", "num", "num", "num", ""};
  for (size_t i = 0; i < p.columns.size(); ++i) {
    const ColumnProfile& c = p.columns[i];
    const bool numeric = c.kind == ColumnProfileKind::kNumeric;
    std::string top = report::kUndefined;
    if (!c.top_values.empty()) {
      top = HtmlEscape(c.top_values.front().value) + " <span class=\"small\">(" +
            Share(c.top_values.front().count, c.count) + ")</span>";
    }
    table.rows.push_back({
        fmt::format("<a href=\"#col-{}\">{}</a>", i, HtmlEscape(c.name)),
        HtmlEscape(DataTypeName(c.type)),
        HtmlEscape(ColumnRoleName(c.role)),
        HtmlEscape(Share(c.null_count, c.count)),
        HtmlEscape((c.exact ? "" : "\u2248") + FormatCount(c.distinct_count)),
        numeric ? HtmlEscape(FormatNumber(c.min)) : report::kUndefined,
        numeric ? HtmlEscape(FormatNumber(Quantile(c, 0.5))) : report::kUndefined,
        numeric ? HtmlEscape(FormatNumber(c.max)) : report::kUndefined,
        numeric ? HtmlEscape(FormatNumber(c.mean)) : report::kUndefined,
        top,
    });
  }
  return report::RenderTable(table);
}

std::string NumericDetail(const ColumnProfile& c) {
  std::string out;
  std::string facts =
      fmt::format("Mean {}, standard deviation {}, range {} to {}.", FormatNumber(c.mean),
                  FormatNumber(c.stddev), FormatNumber(c.min), FormatNumber(c.max));
  if (c.nan_count + c.pos_inf_count + c.neg_inf_count > 0) {
    facts += fmt::format(
        " Not finite: {} NaN, {} +Inf, {} \u2212Inf (excluded from the statistics).",
        FormatCount(c.nan_count), FormatCount(c.pos_inf_count), FormatCount(c.neg_inf_count));
  }
  out += "<p>" + HtmlEscape(facts) + "</p>\n";
  if (!c.histogram.empty() && c.finite_count > 0) {
    report::HistogramOverlaySpec spec;
    spec.title = "Histogram of " + c.name;
    std::vector<double> shares;
    for (const HistogramBin& b : c.histogram) {
      if (spec.edges.empty()) spec.edges.push_back(b.lower);
      spec.edges.push_back(b.upper);
      shares.push_back(static_cast<double>(b.count) / static_cast<double>(c.finite_count));
    }
    // A constant column has one zero-width bin: widen it so it can be drawn.
    if (spec.edges.size() == 2 && spec.edges[0] == spec.edges[1]) {
      spec.edges[0] -= 0.5;
      spec.edges[1] += 0.5;
    }
    spec.series = {{"Share of finite values", report::kAccentColor, shares}};
    spec.x_label = c.name;
    spec.y_label = "share of values";
    spec.height = 240;
    out += report::ChartBlock(report::HistogramOverlaySvg(spec));
  }
  if (!c.quantiles.empty()) {
    report::HtmlTable table;
    for (const QuantileValue& q : c.quantiles) {
      table.headers.push_back(q.level == 0   ? "min"
                              : q.level == 1 ? "max"
                                             : "p" + FormatNumber(q.level * 100));
      table.column_classes.push_back("num");
    }
    std::vector<std::string> row;
    for (const QuantileValue& q : c.quantiles) row.push_back(HtmlEscape(FormatNumber(q.value)));
    table.rows.push_back(std::move(row));
    out += report::RenderTable(table);
  }
  return out;
}

std::string TextDetail(const ColumnProfile& c) {
  if (c.top_values.empty()) return "<p>No non-missing values.</p>\n";
  report::GroupedBarChartSpec spec;
  spec.title = "Most frequent values of " + c.name;
  std::vector<double> shares;
  uint64_t shown = 0;
  for (size_t i = 0; i < c.top_values.size() && i < kMaxTopValues; ++i) {
    spec.categories.push_back(c.top_values[i].value);
    shares.push_back(c.count == 0 ? NAN
                                  : static_cast<double>(c.top_values[i].count) /
                                        static_cast<double>(c.count));
    shown += c.top_values[i].count;
  }
  spec.series = {{"Share of rows", report::kAccentColor, shares}};
  spec.x_label = "value";
  spec.y_label = "share of rows";
  spec.height = 240;
  std::string out = "<p>" +
                    HtmlEscape(fmt::format("{} distinct values; the {} shown cover {} of rows.",
                                           FormatCount(c.distinct_count), spec.categories.size(),
                                           Share(std::min(shown, c.count), c.count))) +
                    "</p>\n";
  return out + report::ChartBlock(report::GroupedBarChartSvg(spec));
}

std::string ColumnDetail(const ColumnProfile& c, size_t index) {
  std::string out =
      fmt::format("<div class=\"column-detail\" id=\"col-{}\"><h3>{} {}</h3>\n", index,
                  HtmlEscape(c.name), report::Badge(DataTypeName(c.type), report::Tone::kInfo));
  out += "<p class=\"small\">" +
         HtmlEscape(fmt::format("Role: {}. {} rows, {} missing ({}).", ColumnRoleName(c.role),
                                FormatCount(c.count), FormatCount(c.null_count),
                                Share(c.null_count, c.count))) +
         "</p>\n";
  out += c.kind == ColumnProfileKind::kNumeric ? NumericDetail(c) : TextDetail(c);
  if (!c.exact) {
    out += "<p class=\"small\">" +
           HtmlEscape(fmt::format(
               "Approximate (streamed or merged): quantile rank error \u2264 {}, distinct count "
               "relative error {}, top-value counts overestimated by at most {}.",
               FormatNumber(c.quantile_rank_error), FormatNumber(c.distinct_relative_error),
               FormatCount(c.frequent_items_max_error))) +
           "</p>\n";
  }
  for (const std::string& note : c.notes) {
    out += "<p class=\"small\">Note: " + HtmlEscape(note) + "</p>\n";
  }
  out += "</div>\n";
  return out;
}

}  // namespace

std::string RenderProfileHtml(const Profile& p, const InputInfo& input, const ReportMeta& meta) {
  report::HtmlPage page("Data profile: " + input.path);
  bool exact = true;
  for (const ColumnProfile& c : p.columns) exact = exact && c.exact;
  page.Append("<header class=\"page\"><h1>Data profile</h1><p><code>" + HtmlEscape(input.path) +
              "</code> &middot; " +
              HtmlEscape(fmt::format("{} rows, {} columns", FormatCount(p.num_rows),
                                     FormatCount(p.columns.size()))) +
              " &middot; " +
              (exact ? report::Badge("exact", report::Tone::kGood)
                     : report::Badge("approximate", report::Tone::kWarn)) +
              "</p></header>\n");
  page.AddSection("Columns", "columns",
                  p.columns.empty() ? "<p>The data has no columns.</p>\n" : OverviewTable(p));
  page.BeginSection("Column details", "details");
  for (size_t i = 0; i < p.columns.size(); ++i) page.Append(ColumnDetail(p.columns[i], i));
  page.EndSection();
  page.BeginSection("Input", "inputs");
  report::HtmlTable table = report::KeyValueTable();
  table.rows = {{"Path", "<code>" + HtmlEscape(input.path) + "</code>"},
                {"SHA-256", "<code>" + HtmlEscape(input.sha256) + "</code>"},
                {"Rows", HtmlEscape(FormatCount(input.rows))},
                {"Columns", HtmlEscape(FormatCount(input.columns))},
                {"Size", HtmlEscape(report::FormatBytes(input.bytes))}};
  page.Append(report::RenderTable(table));
  page.Append(report::ReportFooterHtml(meta));
  page.EndSection();
  return page.Finish();
}

}  // namespace airm
