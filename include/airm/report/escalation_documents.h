// Documents of `airm escalation status`: JSON (kind "escalation_status",
// schema 1.0: summary {items, overdue, escalated, stale_approvals}, rules,
// escalations [...], stale_approvals [...], findings) and text. User text is not escaped here (the
// face's stdout passes through TerminalSafe).
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

// `airm escalation notify`: JSON (kind "escalation_notified", schema 1.0:
// summary {notices, queued_now, delivered, pending}, notices [{subject,
// system, kind, recipient, level, step, days_overdue, notification,
// queued_now}], channels [{channel, queued, duplicates, delivered, pending}],
// held_by_monitor_run, actor, audit) and text.
std::string RenderEscalationsNotifiedJson(const usecases::EscalationsNotified& notified,
                                          const ReportMeta& meta);
std::string EscalationsNotifiedText(const usecases::EscalationsNotified& notified);

}  // namespace airm::report
