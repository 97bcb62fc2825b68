// The documents for people who are not engineers, as a use case:
//   airm system report [--system S] [--today YYYY-MM-DD] [--html FILE] [--json FILE]
// For each AI system: what it does, its tier, its open risks, whether its
// approvals are current, what is overdue, the five-pitfalls scorecard and the
// framework coverage — all measured from the store (framework coverage and
// escalation status are computed as by their own commands) — and a verdict in
// plain words; then the same for the portfolio. Reads only.
#pragma once

#include <string>
#include <vector>

#include "airm/governance/escalation.h"
#include "airm/governance/pitfalls.h"
#include "airm/governance/system_view.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct GovernanceReportOptions {
  store::LocateOptions store = {};
  std::string system = "";  // "" = the whole portfolio
  std::string today = "";   // YYYY-MM-DD; "" = today (UTC)
  Status Validate() const;
};

struct SystemSummary {
  governance::SystemView view;
  governance::SystemCoverage coverage;
  std::vector<governance::PracticeScore> practices;
  std::vector<governance::Escalation> overdue;  // this system's overdue items
  // Approvals that stopped counting: evidence lapsed or the model changed.
  std::vector<governance::StaleApproval> stale_approvals;
  int open_risks = 0;       // open or in progress
  int open_high_risks = 0;  // of those, rated high or critical (residual if assessed)
  // at_risk: something escalated, a prohibited tier, or a practice missing on
  // a high-risk system; needs_attention: a practice not met, an item overdue
  // or a stale approval; on_track otherwise.
  std::string verdict;
  std::vector<std::string> reasons;  // why, in plain words, most serious first
};

struct GovernanceReport {
  std::string today;
  governance::RiskMatrix matrix;
  std::vector<SystemSummary> systems;
  std::vector<governance::PracticeTally> practices;       // portfolio
  std::vector<governance::FrameworkCoverage> frameworks;  // portfolio
  std::string verdict;  // the worst system verdict; "empty" without systems
};

Result<GovernanceReport> BuildGovernanceReport(const GovernanceReportOptions& options);

}  // namespace airm::usecases
