// The quarterly risk reassessment pack (airm/usecases/quarterly_pack.h) as
// JSON (kind "quarterly_risk_pack", schema 1.1) and as one self-contained
// HTML page.
//
// JSON: quarter, quarter_start, quarter_end (UTC), summary {monitors, systems, incidents,
// open_incidents}, systems, incidents [the incident register's, as `airm incident list
// --json`], monitors [{monitor, model, time_zone, quarter_start, quarter_end, summary {windows,
// empty, estimated, drifted_windows, alerts, fired}, windows, drift [{schedule, column, windows,
// drifted, max_effect_size, max_window}], performance [{schedule, window, status, metric,
// realized, estimated: {value, lower, upper, is_estimate: true} | null}], segments [{schedule,
// window, column, value, rows, sufficient, metric, realized}], alerts, fired}]. A segment's
// rows are its labelled rows in the window, those its realized value rests on. Episodes have
// the fields of `airm alerts list --json`. Missing numbers are null. Schema 1.0 had no
// register: a monitor's fired episodes were its `incidents`.
#pragma once

#include <string>

#include "airm/report.h"
#include "airm/usecases/quarterly_pack.h"

namespace airm::report {

std::string RenderQuarterlyPackJson(const usecases::QuarterlyPack& pack, const ReportMeta& meta);
std::string RenderQuarterlyPackHtml(const usecases::QuarterlyPack& pack, const ReportMeta& meta);

}  // namespace airm::report
