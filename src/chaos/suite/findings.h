// Internal: the findings and summary of a chaos run.
#pragma once

#include "airm/chaos/chaos_result.h"

namespace airm::chaos::internal {

// Counts per status and family; the verdict is the worst status.
ChaosSummary Summarise(const std::vector<ChaosCase>& cases);

// One finding per failed (fail) or degraded (warn) case, code
// "chaos.<family>.<status>", subject the case name, evidence its metric
// changes and changed share; then `extra` (load, manipulation); sorted most
// severe first, stable.
std::vector<Finding> ChaosFindings(const std::vector<ChaosCase>& cases, std::vector<Finding> extra);

}  // namespace airm::chaos::internal
