// The monitoring trend report (airm/usecases/monitor_report.h) as a
// self-contained HTML page and as JSON.
//
// HTML: per monitor and schedule, small multiples — one chart per series —
// of the metric over the windows, each with the alert rules' thresholds as
// dashed lines (coloured by severity), alert episodes shaded (amber while
// pending, red while firing), points beyond a threshold drawn red, empty
// windows marked on the axis (no point: empty is not 0), and a key. The
// charts are inline SVG that scale to the page; the grid folds to one column
// at phone width. No script, no URL.
// JSON "monitor_report": monitors [{monitor, model, time_zone, schedules
// [{schedule, windows, series [{path, title, values, thresholds}], alerts}]}],
// omitted.
#pragma once

#include <string>

#include "airm/report.h"
#include "airm/usecases/monitor_report.h"

namespace airm::report {

std::string RenderMonitorReportHtml(const usecases::MonitorReport& report, const ReportMeta& meta);
std::string RenderMonitorReportJson(const usecases::MonitorReport& report, const ReportMeta& meta);

// One series' chart (exposed for tests): an <svg> with a viewBox.
std::string TrendChartSvg(const usecases::ScheduleTrend& schedule,
                          const usecases::TrendSeries& series);

}  // namespace airm::report
