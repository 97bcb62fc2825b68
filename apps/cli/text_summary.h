// The human-readable summary printed to stdout when no output goes there.
#pragma once

#include <string>
#include <vector>

#include "airm/drift_result.h"
#include "airm/gate.h"

namespace airm::cli {

std::string DriftSummaryText(const DriftResult& result, const std::vector<GateOutcome>& gates);

}  // namespace airm::cli
