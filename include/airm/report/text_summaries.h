// The short human-readable summaries a command prints to stdout when no
// report goes there: one per analysis (drift, evaluation, chaos) and the
// gate lines they end with. Plain text, one line per fact; user text is not
// escaped here (the face writes it through TerminalSafe).
#pragma once

#include <string>
#include <vector>

#include "airm/chaos/chaos_result.h"
#include "airm/drift_result.h"
#include "airm/eval_result.h"
#include "airm/gate.h"

namespace airm::report {

// "Gate CONDITION  FAILED|passed (value V)", one line per gate.
std::string GateLinesText(const std::vector<GateOutcome>& gates);

// Verdicts, then the columns (worst first), the quality checks not passed
// and the gates.
std::string DriftSummaryText(const DriftResult& result, const std::vector<GateOutcome>& gates);

// The task, the headline metrics with their intervals, the worst significant
// slice, calibration, fairness verdicts, findings above info and the gates.
std::string EvaluationSummaryText(const EvalResult& result, const std::vector<GateOutcome>& gates);

// Model, data, baseline, the case counts and verdict, the failed and
// degraded cases (at most 12 of each), skipped families and the gates.
std::string ChaosSummaryText(const chaos::ChaosResult& result,
                             const std::vector<GateOutcome>& gates);

}  // namespace airm::report
