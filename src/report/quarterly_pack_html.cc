// The quarterly risk pack's HTML page (airm/report/quarterly_pack.h).
#include <string>

#include "airm/report/format.h"
#include "airm/report/html_page.h"
#include "airm/report/quarterly_pack.h"

namespace airm::report {

namespace {

std::string EpisodeTable(const std::vector<store::AlertEpisode>& episodes) {
  HtmlTable table{
      .headers = {"alert", "severity", "state", "from", "fired", "until", "observed", "episode"},
      .column_classes = {"", "", "", "", "", "", "num"},
      .rows = {},
      .row_classes = {},
      .row_status = {},
      .css_class = ""};
  for (const store::AlertEpisode& e : episodes) {
    const Tone tone = e.severity == "critical"  ? Tone::kBad
                      : e.severity == "warning" ? Tone::kWarn
                                                : Tone::kInfo;
    table.rows.push_back(
        {HtmlEscape(e.alert), Badge(e.severity, tone), HtmlEscape(e.state),
         HtmlEscape(e.first_window_start), HtmlEscape(e.fired_window_end.value_or("—")),
         HtmlEscape(e.resolved_window_end.value_or(e.last_window_end)), FormatNumber(e.observed),
         "<code>" + HtmlEscape(e.episode_uid) + "</code>"});
  }
  return RenderTable(table);
}

void MonitorSection(HtmlPage& page, const usecases::QuarterlyPackMonitor& m) {
  page.BeginSection("Monitor " + m.monitor, "monitor-" + m.monitor);
  size_t estimated = 0, empty = 0;
  for (const usecases::PackWindow& w : m.windows) {
    estimated += w.status == "estimated";
    empty += w.status == "empty";
  }
  page.Append("<p>" + (m.model.empty() ? std::string() : "Model " + HtmlEscape(m.model) + ". ") +
              "Quarter " + HtmlEscape(m.quarter_start) + " to " + HtmlEscape(m.quarter_end) +
              " (time zone " + HtmlEscape(m.time_zone) + "): " + std::to_string(m.windows.size()) +
              " window(s), " + std::to_string(empty) + " empty, " + std::to_string(estimated) +
              " with performance estimated only (no labels); " + std::to_string(m.alerts.size()) +
              " alert episode(s), " + std::to_string(m.fired.size()) + " fired.</p>\n");

  page.Append(
      "<h3>Alerts that fired</h3>\n<p>Episodes that fired in the quarter, critical "
      "first.</p>\n");
  page.Append(m.fired.empty() ? "<p>None.</p>\n" : EpisodeTable(m.fired));
  page.Append("<h3>Alerts</h3>\n");
  page.Append(m.alerts.empty() ? "<p>No alert episode in the quarter.</p>\n"
                               : EpisodeTable(m.alerts));

  page.Append("<h3>Drift</h3>\n");
  if (m.drift.empty()) {
    page.Append("<p>No drift window in the quarter.</p>\n");
  } else {
    HtmlTable drift{
        .headers = {"schedule", "column", "windows", "drifted", "largest effect size", "in window"},
        .column_classes = {"", "", "num", "num", "num"},
        .rows = {},
        .row_classes = {},
        .row_status = {},
        .css_class = ""};
    for (const usecases::PackDriftColumn& c : m.drift) {
      drift.rows.push_back({HtmlEscape(c.schedule), HtmlEscape(c.column), std::to_string(c.windows),
                            std::to_string(c.drifted), FormatNumber(c.max_effect_size),
                            HtmlEscape(c.max_window)});
      drift.row_status.push_back(c.drifted > 0 ? "bad" : "good");
    }
    page.Append(RenderTable(drift));
  }

  page.Append("<h3>Performance</h3>\n");
  if (m.performance.empty()) {
    page.Append("<p>No evaluation window in the quarter.</p>\n");
  } else {
    page.Append(
        "<p>Realized: measured on the window's labelled rows. Estimated: CBPE from "
        "calibrated scores, an estimate and not a measurement, with its ±3 "
        "sampling-error band.</p>\n");
    HtmlTable perf{.headers = {"schedule", "window", "status", "metric", "realized",
                               "estimated (CBPE)", "band"},
                   .column_classes = {"", "", "", "", "num", "num", "num"},
                   .rows = {},
                   .row_classes = {},
                   .row_status = {},
                   .css_class = ""};
    for (const usecases::PackPerformance& p : m.performance) {
      perf.rows.push_back(
          {HtmlEscape(p.schedule), HtmlEscape(p.label), HtmlEscape(p.status), HtmlEscape(p.metric),
           FormatNumber(p.realized), p.estimated ? "<i>" + FormatNumber(p.estimated) + "</i>" : "—",
           p.estimated_lower && p.estimated_upper
               ? FormatNumber(p.estimated_lower) + " – " + FormatNumber(p.estimated_upper)
               : "—"});
    }
    page.Append(RenderTable(perf));
  }
  if (!m.segments.empty()) {
    page.Append("<h3>Performance by segment</h3>\n");
    HtmlTable seg{
        .headers = {"schedule", "window", "column", "segment", "rows", "metric", "realized"},
        .column_classes = {"", "", "", "", "num", "", "num"},
        .rows = {},
        .row_classes = {},
        .row_status = {},
        .css_class = ""};
    for (const usecases::PackSegment& s : m.segments) {
      seg.rows.push_back({HtmlEscape(s.schedule), HtmlEscape(s.label), HtmlEscape(s.column),
                          HtmlEscape(s.value),
                          std::to_string(s.rows) + (s.sufficient ? "" : " (too few)"),
                          HtmlEscape(s.metric), FormatNumber(s.realized)});
    }
    page.Append(RenderTable(seg));
  }
  page.EndSection();
}

// The incident register's incidents of the pack's systems in the quarter.
void IncidentSection(HtmlPage& page, const usecases::QuarterlyPack& pack) {
  page.BeginSection("Incidents", "incidents");
  std::string systems;
  for (const std::string& s : pack.systems) systems += (systems.empty() ? "" : ", ") + s;
  page.Append("<p>Incidents of " +
              (systems.empty() ? std::string("no system (no monitored model is in the inventory)")
                               : "the systems " + HtmlEscape(systems)) +
              " open at some time from " + HtmlEscape(pack.quarter_start) + " to " +
              HtmlEscape(pack.quarter_end) + " (UTC).</p>\n");
  if (pack.incidents.empty()) {
    page.Append("<p>None.</p>\n");
    page.EndSection();
    return;
  }
  HtmlTable table{.headers = {"incident", "system", "severity", "category", "title", "opened",
                              "closed", "source"},
                  .column_classes = {},
                  .rows = {},
                  .row_classes = {},
                  .row_status = {},
                  .css_class = ""};
  for (const governance::Incident& i : pack.incidents) {
    const Tone tone = i.severity == "critical"  ? Tone::kBad
                      : i.severity == "warning" ? Tone::kWarn
                                                : Tone::kInfo;
    table.rows.push_back({HtmlEscape(i.Key()), HtmlEscape(i.system), Badge(i.severity, tone),
                          HtmlEscape(i.category), HtmlEscape(i.title), HtmlEscape(i.opened_at),
                          HtmlEscape(i.closed_at.value_or("open")), HtmlEscape(i.source)});
  }
  page.Append(RenderTable(table));
  page.EndSection();
}

}  // namespace

std::string RenderQuarterlyPackHtml(const usecases::QuarterlyPack& pack, const ReportMeta& meta) {
  HtmlPage page("airm quarterly risk reassessment " + pack.quarter);
  page.Append("<h1>Quarterly risk reassessment — " + HtmlEscape(pack.quarter) + "</h1>\n");
  page.Append(
      "<p>What monitoring saw this quarter, read from the store: incidents, alerts, "
      "drift and performance by window and segment. For the model's risk review.</p>\n");
  IncidentSection(page, pack);
  if (pack.monitors.empty()) page.Append("<p>No monitors are declared in airm.yaml.</p>\n");
  for (const usecases::QuarterlyPackMonitor& m : pack.monitors) MonitorSection(page, m);
  page.Append(ReportFooterHtml(meta));
  return page.Finish();
}

}  // namespace airm::report
