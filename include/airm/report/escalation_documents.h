// Documents of `airm escalation status`: JSON (kind "escalation_status",
// schema 1.0: summary {items, overdue, escalated}, rules, escalations [...],
// findings) and text. User text is not escaped here (the face's stdout passes
// through TerminalSafe).
#pragma once

#include <string>
#include <vector>

#include "airm/gate.h"
#include "airm/report.h"
#include "airm/usecases/governance_escalation.h"

namespace airm::report {

std::string RenderEscalationJson(const usecases::EscalationStatus& status, const ReportMeta& meta);
// One line per overdue item, escalated first, then the gates.
std::string EscalationText(const usecases::EscalationStatus& status,
                           const std::vector<GateOutcome>& gates);

}  // namespace airm::report
