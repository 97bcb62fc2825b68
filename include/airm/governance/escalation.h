// Escalation with SLA timers: what is overdue in the governance record, and
// to whom it escalates.
//
// Rules (EvaluateEscalations), each item judged on `today`:
//   - a risk that is open or in progress past its due date is overdue; more
//     than `risk_grace_days` past it, it escalates to its owner's manager
//     (`managers:`, or the owner's `manager:` in airm.yaml's `people:`), else
//     to `default_to`;
//   - a condition of a current approval past its due date is overdue; more
//     than `condition_grace_days` past it, it escalates to the signer's
//     manager, else to `default_to`;
//   - the newest version of a model in the inventory that no board has
//     approved, registered more than `review_sla_days` ago, escalates to
//     `default_to` (the review is late);
//   - a critical alert of a monitor on a system's model, firing and not
//     acknowledged `alert_sla_days` after it fired, escalates to the system
//     owner's manager, else to `default_to`.
// Overdue within the grace period stays with its owner ("owner" level, step
// 0). Escalated, it goes to the manager or default_to (step 1); `chain` names
// who comes next: more than a step's after_days past the grace, it moves on
// to that step's person or role (step 2, 3, …).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/people.h"
#include "airm/status.h"

namespace airm::governance {

// `escalation:` in airm.yaml.
//   escalation:
//     default_to: risk-officer     # a role or person; used when no manager is known
//     managers: {Dana Risk: Erin Boss}
//     risk_grace_days: 0           # days past the due date before escalating
//     condition_grace_days: 0
//     review_sla_days: 14          # an unapproved newest model version, days after registration
//     alert_sla_days: 1            # a firing critical alert nobody acknowledged, days after it
//     fired chain:                       # after the first escalation, in order
//       - {to: risk-officer, after_days: 3}
//       - {to: board-chair, after_days: 10}
struct EscalationChainStep {
  std::string to = "";
  int after_days = 0;  // days past the grace before the item moves on to `to`
};

struct EscalationConfig {
  std::string default_to = "";  // "" = nobody configured: escalations name the owner's manager only
  std::map<std::string, std::string> managers = {};
  int risk_grace_days = 0;
  int condition_grace_days = 0;
  int review_sla_days = 14;
  int alert_sla_days = 1;
  std::vector<EscalationChainStep> chain = {};  // after_days strictly increasing
  std::string source = "default";               // the file it came from
};

// The `escalation:` key of the workspace file's text (absent = defaults).
// ParseError naming `path`, the line and the key for a wrong type, a negative
// number, an unknown key, or chain steps whose after_days do not increase.
// With a configured `people` directory (airm/governance/people.h), every
// name escalation sends to by rule — default_to, each chain step's `to`, each
// manager in `managers` — must be in it (ParseError at its line otherwise),
// and each person's `manager:` there is added to `managers` under the
// person's id and aliases (a ParseError when `managers` names another
// manager for them).
Result<EscalationConfig> ParseEscalationConfig(const std::string& yaml_text,
                                               const std::string& path,
                                               const PeopleDirectory* people = nullptr);

// What may be overdue.
struct DueItem {
  std::string kind = "";     // risk | condition | review | alert
  std::string subject = "";  // "risk:R-001", "model:credit@2", …
  std::string system = "";   // the AI system it belongs to
  std::string owner = "";    // who answers for it (risk owner, signer; "" for a review)
  std::string due = "";      // YYYY-MM-DD (for a review: registration date + review_sla_days)
  std::string what = "";     // in words: the risk's title, the condition's text
};

struct Escalation {
  DueItem item = {};
  int days_overdue = 0;
  std::string level = "";        // owner (within grace) | escalated
  int step = 0;                  // 0 owner, 1 first escalation, 2… the chain's steps
  std::string escalate_to = "";  // "" while at owner level, or when nobody is configured
  std::string rule = "";         // grace | managers | default_to | chain | unassigned
};

// Who holds `e` now: its owner within the grace, else whom it escalated to
// ("" when nobody is configured).
std::string HolderOf(const Escalation& e);

// An approval that no longer counts for the newest version of a linked
// model: its bound evidence lapsed (evidence_expired) or it was given for
// another artifact digest (model_changed). The review is open again.
struct StaleApproval {
  std::string system = "";
  std::string model = "";  // NAME@VERSION under review
  std::string board = "";
  std::string reason = "";                 // evidence_expired | model_changed
  std::vector<std::string> signers = {};   // whose approvals no longer count
  std::vector<std::string> controls = {};  // evidence_expired: the controls no longer met
  std::string detail = "";                 // in words
};

struct EscalationReport {
  std::vector<Escalation> escalations;  // escalated first, then most days overdue
  int overdue = 0;                      // every item past its due date
  int escalated = 0;
  // fail "escalation.escalated" per escalated item, warn "escalation.overdue"
  // per item within its grace, warn "escalation.unassigned" when an escalated
  // item has nobody to go to.
  std::vector<Finding> findings;
};

// Pure. `today` YYYY-MM-DD; `items` with a valid due date (others ignored).
EscalationReport EvaluateEscalations(const EscalationConfig& config,
                                     const std::vector<DueItem>& items, const std::string& today);

// Whole days from `from` to `to` (both YYYY-MM-DD); nullopt when either is
// not a date.
std::optional<int> DaysBetween(const std::string& from, const std::string& to);

}  // namespace airm::governance
