// Escalation status as a use case:
//   airm escalation status [--system S] [--today YYYY-MM-DD] [--fail-on escalated]
// Collects what can be overdue — open risks with due dates, conditions of
// current approvals with due dates, newest model versions no board has
// approved — for the inventory's systems, reads the rules from airm.yaml's
// `escalation:` key and judges them (airm/governance/escalation.h). Reads only.
#pragma once

#include <string>

#include "airm/governance/escalation.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct EscalationStatusOptions {
  store::LocateOptions store = {};
  std::string system = "";  // "" = every system
  std::string today = "";   // YYYY-MM-DD; "" = today (UTC)
  Status Validate() const;
};

struct EscalationStatus {
  governance::EscalationConfig config;
  std::string today;
  int items = 0;  // items with a due date that were checked
  governance::EscalationReport report;
};

// NotFound for an unknown --system; ParseError naming airm.yaml's line for a
// malformed `escalation:` key.
Result<EscalationStatus> GetEscalationStatus(const EscalationStatusOptions& options);

}  // namespace airm::usecases
