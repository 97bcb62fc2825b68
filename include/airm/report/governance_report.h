// The governance documents for people who are not engineers, rendered from
// usecases::GovernanceReport: the executive summary of the portfolio and of
// each system as one self-contained HTML page (verdict first, plain words,
// readable on a phone), its JSON form (kind "governance_report", schema 1.1,
// with the five-pitfalls scorecard) and a short text summary.
#pragma once

#include <string>
#include <vector>

#include "airm/gate.h"
#include "airm/report.h"
#include "airm/usecases/governance_report.h"

namespace airm::report {

std::string RenderGovernanceReportHtml(const usecases::GovernanceReport& report,
                                       const ReportMeta& meta);
// summary {systems, on_track, needs_attention, at_risk, verdict}, practices
// [{name, title, met, partial, missing}], frameworks [...], systems [{name,
// verdict, reasons, tier, open_risks, open_high_risks, practices [{name,
// status, controls_met, controls_not_met, advice}], overdue [...], quarter
// {...}}], quarter, monitors_note. Schema 1.1 added the quarter.
std::string RenderGovernanceReportJson(const usecases::GovernanceReport& report,
                                       const ReportMeta& meta);
std::string GovernanceReportText(const usecases::GovernanceReport& report,
                                 const std::vector<GateOutcome>& gates);

// "On track", "Needs attention", "At risk", "No systems".
std::string VerdictWords(const std::string& verdict);
// The EU AI Act tier in plain words ("" tier = not yet classified).
std::string TierWords(const std::string& tier);
// What monitoring saw in the quarter, in plain words: "Its inputs were
// checked 13 times and had changed in 4 (most: Income). 1 alert fired,
// 1 critical. Latest performance (2026-11): ROC AUC 0.81. No incident."
std::string QuarterWords(const usecases::QuarterSeen& quarter);

}  // namespace airm::report
