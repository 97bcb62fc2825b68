// The trend report's HTML page (airm/report/monitor_trend.h).
#include <string>

#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/monitor_trend.h"

namespace airm::report {
namespace {

using usecases::ScheduleTrend;
using usecases::TrendAlertPeriod;

// Trusted CSS (no user data): the grid folds to one column below ~600 px.
constexpr const char* kTrendStyle = R"css(
.trend-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:14px}
.segment-grid{grid-template-columns:repeat(auto-fill,minmax(160px,1fr))}
.trend-segment h5{margin:12px 0 2px;font-size:0.95em}
.trend-segment p{margin:0 0 6px;color:#52606d;font-size:0.85em}
.trend-card{border:1px solid #d9dee5;border-radius:6px;padding:8px 10px;min-width:0}
.trend-card h4{margin:0 0 4px;font-size:0.95em;overflow-wrap:anywhere}
.trend-card .latest{color:#52606d;font-size:0.85em;margin:0 0 4px}
svg.trend{width:100%;height:auto;display:block}
svg.trend .grid{stroke:#e4e7eb;stroke-width:1}
svg.trend .axis{stroke:#9aa5b1;stroke-width:1}
svg.trend .tick{font-size:10px;fill:#52606d}
svg.trend .muted{font-size:12px;fill:#7b8794}
svg.trend .series{fill:none;stroke:#1f5fa8;stroke-width:1.8}
svg.trend .point{fill:#1f5fa8}
svg.trend .point.beyond{fill:#c81e1e}
svg.trend .band-pending{fill:#fde68a;opacity:0.55}
svg.trend .band-firing{fill:#f8b4b4;opacity:0.6}
svg.trend .threshold{stroke-dasharray:5 3;stroke-width:1.4}
svg.trend .empty-mark{font-size:11px;fill:#9aa5b1}
svg.trend .series.estimate{stroke:#7c3aed;stroke-dasharray:4 3}
svg.trend .point.estimate{fill:#fff;stroke:#7c3aed;stroke-width:1.4}
svg.trend .point.estimate.beyond{stroke:#c81e1e}
svg.trend .estimate-band{fill:#ddd6fe;opacity:0.6}
svg.trend .estimate-bar{stroke:#c4b5fd;stroke-width:3}
.sev-critical{stroke:#c81e1e;fill:#c81e1e}
.sev-warning{stroke:#d97706;fill:#b45309}
.sev-info{stroke:#2563eb;fill:#2563eb}
.trend-key{display:flex;flex-wrap:wrap;gap:6px 16px;font-size:0.85em;margin:6px 0 12px}
.trend-key span{display:inline-flex;align-items:center;gap:5px}
.swatch{display:inline-block;width:18px;height:10px;border-radius:2px}
.table-scroll{overflow-x:auto}
)css";

std::string KeyHtml() {
  return "<div class=\"trend-key\" aria-label=\"key\">"
         "<span><i class=\"swatch\" style=\"background:#1f5fa8;height:3px\"></i>metric per "
         "window</span>"
         "<span><i class=\"swatch\" style=\"border-top:2px dashed #c81e1e;height:0\"></i>alert "
         "threshold (critical red, warning amber, info blue)</span>"
         "<span><i class=\"swatch\" style=\"background:#fde68a\"></i>alert pending</span>"
         "<span><i class=\"swatch\" style=\"background:#f8b4b4\"></i>alert firing</span>"
         "<span><i class=\"swatch\" style=\"background:#c81e1e;width:8px;height:8px;"
         "border-radius:4px\"></i>beyond a threshold</span>"
         "<span>∅ empty window (no rows: no point, not 0)</span>"
         "<span><i class=\"swatch\" style=\"border-top:2px dashed #7c3aed;height:6px;"
         "background:#ddd6fe\"></i>estimated (CBPE, from calibrated scores; not measured from "
         "labels) with its ±3 sampling-error band</span></div>\n";
}

std::string LatestText(const ScheduleTrend& s, const usecases::TrendSeries& series) {
  for (size_t i = series.values.size(); i-- > 0;) {
    if (series.values[i]) {
      return std::string(series.estimate ? "latest estimate " : "latest ") +
             FormatNumber(*series.values[i]) + " (" + s.windows[i].label + ")";
    }
  }
  return "no value yet";
}

std::string TrendCard(const ScheduleTrend& s, const usecases::TrendSeries& series) {
  return "<div class=\"trend-card\"><h4>" + HtmlEscape(series.title) + "</h4><p class=\"latest\">" +
         HtmlEscape(LatestText(s, series)) + "</p>" + TrendChartSvg(s, series) + "</div>\n";
}

// Small multiples of each segment's CBPE estimates: a row of charts per
// segment, one per metric, all marked as estimates.
std::string SegmentEstimatesHtml(const ScheduleTrend& s) {
  std::string out =
      "<h4>Estimated performance by segment</h4>\n<p class=\"estimate-note\">Estimates, not "
      "measurements: CBPE's expected metrics from each segment's scores, calibrated on the "
      "labelled reference — no label of these windows is used. A segment with too few scored "
      "rows has a point value without a band.</p>\n";
  for (const usecases::SegmentEstimateTrend& seg : s.segment_estimates) {
    out += "<div class=\"trend-segment\"><h5>" + HtmlEscape(seg.segment) + "</h5><p>" +
           std::to_string(seg.rows) + " scored row(s) over the windows" +
           (seg.insufficient > 0
                ? "; too few for a band in " + std::to_string(seg.insufficient) + " window(s)"
                : "") +
           ".</p>\n<div class=\"trend-grid segment-grid\">\n";
    for (const usecases::TrendSeries& series : seg.series) out += TrendCard(s, series);
    out += "</div></div>\n";
  }
  return out;
}

std::string AlertTable(const ScheduleTrend& s) {
  HtmlTable table{.headers = {"alert", "severity", "state", "from", "fired", "until", "episode"},
                  .column_classes = {},
                  .rows = {},
                  .row_classes = {},
                  .row_status = {},
                  .css_class = ""};
  for (const TrendAlertPeriod& a : s.alerts) {
    const Tone tone = a.state == "firing"    ? Tone::kBad
                      : a.state == "pending" ? Tone::kWarn
                                             : Tone::kNeutral;
    table.rows.push_back({HtmlEscape(a.alert), HtmlEscape(a.severity), Badge(a.state, tone),
                          HtmlEscape(a.start), HtmlEscape(a.fired_at.value_or("—")),
                          HtmlEscape(a.end), "<code>" + HtmlEscape(a.episode_id) + "</code>"});
  }
  return "<div class=\"table-scroll\">" + RenderTable(table) + "</div>\n";
}

}  // namespace

std::string RenderMonitorReportHtml(const usecases::MonitorReport& report, const ReportMeta& meta) {
  HtmlPage page("airm monitoring trends");
  page.AddStyle(kTrendStyle);
  page.Append("<h1>Monitoring trends</h1>\n");
  if (report.monitors.empty()) page.Append("<p>No monitors are declared in airm.yaml.</p>\n");
  page.Append(KeyHtml());
  for (const usecases::MonitorTrend& m : report.monitors) {
    page.BeginSection("Monitor " + m.monitor, "monitor-" + m.monitor);
    page.Append("<p>" + (m.model.empty() ? std::string() : "Model " + HtmlEscape(m.model) + ". ") +
                "Windows in time zone " + HtmlEscape(m.time_zone) + ".</p>\n");
    for (const ScheduleTrend& s : m.schedules) {
      size_t empty = 0, estimated = 0;
      for (const auto& w : s.windows) {
        empty += w.status == "empty";
        estimated += w.status == "estimated";
      }
      page.Append("<h3>" + HtmlEscape(s.schedule) + "</h3>\n<p>" +
                  std::to_string(s.windows.size()) + " window(s)" +
                  (s.windows.empty() ? ""
                                     : ", " + HtmlEscape(s.windows.front().label) + " to " +
                                           HtmlEscape(s.windows.back().label)) +
                  (empty > 0 ? ", " + std::to_string(empty) + " empty" : "") +
                  (estimated > 0 ? ", " + std::to_string(estimated) +
                                       " without labels yet (performance estimated only)"
                                 : "") +
                  "; " + std::to_string(s.alerts.size()) + " alert episode(s).</p>\n");
      if (s.windows.empty()) {
        page.Append("<p>No window computed yet: run <code>airm monitor run</code>.</p>\n");
        continue;
      }
      if (!s.alerts.empty()) page.Append(AlertTable(s));
      page.Append("<div class=\"trend-grid\">\n");
      for (const usecases::TrendSeries& series : s.series) page.Append(TrendCard(s, series));
      page.Append("</div>\n");
      if (!s.segment_estimates.empty()) page.Append(SegmentEstimatesHtml(s));
    }
    page.EndSection();
  }
  if (!report.omitted.empty()) {
    page.BeginSection("Columns not drawn", "omitted");
    page.Append(
        "<p>Only the columns with the largest effect sizes (and the segments with the most "
        "scored rows) are drawn; these are in the JSON report:</p><ul>");
    for (const std::string& o : report.omitted) page.Append("<li>" + HtmlEscape(o) + "</li>");
    page.Append("</ul>\n");
    page.EndSection();
  }
  page.Append(ReportFooterHtml(meta));
  return page.Finish();
}

}  // namespace airm::report
