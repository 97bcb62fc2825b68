// CBPE for a monitor's evaluation window (RunMonitors): the calibration
// fitted on the monitor's labelled reference, the estimate made on every row
// of the window that has a score, labelled or not (airm/cbpe.h).
#pragma once

#include <string>

#include "airm/cbpe.h"
#include "airm/eval_data.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::usecases::internal {

// status "unavailable" with a note (not an error) when CBPE cannot apply: no
// score role, a reference without labelled scored rows of both classes, a
// task that is not binary. Errors (InvalidArgument naming `context`, the
// column and the row): the score column missing from the window, not numeric,
// or a score outside [0, 1].
Result<EstimatedPerformance> EstimateWindowPerformance(const Table& reference, const Table& window,
                                                       const EvalSpec& spec,
                                                       const std::string& context);

}  // namespace airm::usecases::internal
