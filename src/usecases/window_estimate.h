// CBPE for a monitor's evaluation window (RunMonitors): the calibration
// fitted on the monitor's labelled reference, the estimate made on every row
// of the window that has a score, labelled or not (airm/cbpe.h), for the
// whole window and, with segment columns, for each segment.
#pragma once

#include <string>

#include "airm/cbpe.h"
#include "airm/eval_data.h"
#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::usecases::internal {

// status "unavailable" with a note (not an error) when CBPE cannot apply: no
// score role, a reference without labelled scored rows of both classes, a
// task that is not binary. Errors (InvalidArgument naming `context`, the
// column and the row): the score column missing from the window, not numeric,
// or a score outside [0, 1]; a segment column missing from the window.
//
// Segments follow evaluate's (AnalyzeSegments, airm/groups.h): for each of
// config.segment_columns and each pair of them, the groups of the window's
// scored rows (numeric columns in config.segment_bins quantile bins of the
// reference's column, as the realized segments are binned), each estimated
// with the one calibration; a segment with fewer than config.min_group_rows
// scored rows keeps its point values without bands (insufficient evidence).
Result<EstimatedPerformance> EstimateWindowPerformance(const Table& reference, const Table& window,
                                                       const EvalSpec& spec,
                                                       const EvalConfig& config,
                                                       const std::string& context);

}  // namespace airm::usecases::internal
