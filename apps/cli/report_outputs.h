// The reports of an analysis command (drift, evaluate, chaos) written inside
// its use case's WriteReportsFn, before the use case records a verdict with
// a registered model version (usecases/model_under_review.h).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/status.h"

namespace airm::cli {

// Commits every output; returns the absolute paths of those that are
// regular files now (`paths`: the paths as given, "" for outputs not asked
// for): what the verdict's record points at. Standard output, devices and
// pipes are not files to point at.
Result<std::vector<std::string>> CommitReports(OutputSet& outputs,
                                               const std::vector<std::string>& paths);

// The command's last step after CommitReports: `summary` printed
// (terminal-safe) unless an output took stdout, the gates as the exit code.
int SummaryAndGate(const OutputSet& outputs, std::string_view summary,
                   const std::vector<GateOutcome>& gates);

}  // namespace airm::cli
