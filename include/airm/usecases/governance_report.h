// The documents for people who are not engineers, as a use case:
//   airm system report [--system S] [--today YYYY-MM-DD] [--html FILE] [--json FILE]
// For each AI system: what it does, its tier, its open risks, whether its
// approvals are current, what is overdue, the five-pitfalls scorecard and the
// framework coverage, what monitoring saw in the quarter of --today — all
// measured from the store (framework coverage and escalation status are
// computed as by their own commands, the quarter's monitoring as by `airm
// monitor pack`) — and a verdict in plain words; then the same for the
// portfolio. Reads only.
#pragma once

#include <cstdint>
#include <optional>
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

// What monitoring saw of one system in the quarter of `today`: the quarterly
// pack's numbers (usecases/quarterly_pack.h) for the monitors whose model the
// system links, and the system's incidents open at some time in the quarter.
struct QuarterSeen {
  std::vector<std::string> monitors;         // watching the system's models
  int64_t windows = 0;                       // computed in the quarter
  int64_t drift_windows = 0;                 // of those, with an input-drift verdict
  int64_t drifted_windows = 0;               // of those, the inputs had changed
  std::vector<std::string> drifted_columns;  // drifted in some window, most often first
  int64_t alerts_fired = 0;
  int64_t critical_alerts_fired = 0;
  std::vector<std::string> incidents;  // "I-001", open at some time in the quarter
  int64_t incidents_open = 0;          // of those, still open
  // The newest evaluation window with a headline number: realized from
  // labels when it has them, else CBPE's estimate.
  std::string performance_window;
  std::string performance_metric;  // roc_auc | accuracy | f1
  std::optional<double> performance;
  bool performance_estimated = false;
};

struct SystemSummary {
  governance::SystemView view;
  governance::SystemCoverage coverage;
  std::vector<governance::PracticeScore> practices;
  std::vector<governance::Escalation> overdue;  // this system's overdue items
  // Approvals that stopped counting: evidence lapsed or the model changed.
  std::vector<governance::StaleApproval> stale_approvals;
  QuarterSeen quarter;
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
  std::string quarter;        // of today: "2026-Q4"
  std::string monitors_note;  // "" or why airm.yaml's monitors were not read
  governance::RiskMatrix matrix;
  std::vector<SystemSummary> systems;
  std::vector<governance::PracticeTally> practices;       // portfolio
  std::vector<governance::FrameworkCoverage> frameworks;  // portfolio
  std::string verdict;  // the worst system verdict; "empty" without systems
};

Result<GovernanceReport> BuildGovernanceReport(const GovernanceReportOptions& options);

}  // namespace airm::usecases
