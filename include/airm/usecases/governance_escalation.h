// Escalation status as a use case:
//   airm escalation status [--system S] [--today YYYY-MM-DD] [--fail-on escalated]
// Collects what can be overdue — open risks with due dates, conditions of
// current approvals with due dates, newest model versions no board has
// approved, critical alerts of the system's monitors firing unacknowledged —
// for the inventory's systems, reads the rules from airm.yaml's
// `escalation:` key and judges them (airm/governance/escalation.h). Also lists
// the approvals that stopped counting (their evidence lapsed, or the model
// changed), each with a warn finding "escalation.stale_approval". Reads only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/alerting/delivery.h"
#include "airm/governance/actor.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/escalation.h"
#include "airm/governance/people.h"
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
  governance::PeopleDirectory people;  // airm.yaml's `people:` (not Configured() without one)
  governance::EscalationConfig config;
  std::string today;
  int items = 0;  // items with a due date that were checked
  governance::EscalationReport report;
  std::vector<governance::StaleApproval> stale_approvals;  // by system, model, board
};

// NotFound for an unknown --system; ParseError naming airm.yaml's line for a
// malformed `escalation:` or `people:` key, or (with `people:`) a rule that
// sends to someone not in it. With `people:`, whoever holds an overdue item
// but is not in it gets a warn "escalation.unknown_person".
Result<EscalationStatus> GetEscalationStatus(const EscalationStatusOptions& options);

// Escalation that reaches people:
//   airm escalation notify [--system S] [--today D] [--channel NAME …]
// Every overdue item becomes a notification through airm.yaml's alerting
// channels (airm/alerting/delivery.h: the monitor's outbox, retries and
// backoff), addressed to whoever holds it now — its owner within the grace,
// then each step of the escalation. A notification is keyed by the item, its
// due date, the step and the recipient, so running this again (from cron)
// sends nothing twice and a step up the chain is a new notification. Each
// newly queued notification is an audit entry "escalation.notify" in the same
// transaction as the queueing. Items at owner level without an owner (a late
// review) are not sent. The recipient is looked up in airm.yaml's `people:`
// (by id or alias): found, the notification carries their email address and
// webhook, which email and webhook channels send to instead of their own
// (airm/alerting/notification.h); not found, it goes to the channels' own
// addresses, with the status's "escalation.unknown_person" finding.
struct NotifyEscalationsOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string system = "";
  std::string today = "";
  std::vector<std::string> channels = {};   // --channel; empty = every configured channel
  alerting::DeliveryOptions delivery = {};  // tests record waits and fix the clock
  Status Validate() const;
};

struct EscalationNotice {
  governance::Escalation escalation;
  std::string recipient = "";  // who holds the item now
  // The recipient's entry in `people:`; nullopt when there is none (or no
  // directory): then the channels' own addresses.
  std::optional<governance::Person> person = std::nullopt;
  std::string key = "";     // the notification's episode id
  bool queued_now = false;  // false: queued by an earlier run already
};

struct EscalationsNotified {
  governance::Actor actor;
  governance::TreeHead audit_head;
  EscalationStatus status;
  std::vector<EscalationNotice> notices;
  int queued_now = 0;
  // Delivery of the outbox's pending rows; nullopt when a monitor run held the
  // outbox (it sends them) — then `held_by_monitor_run` says so.
  std::optional<alerting::DeliveryReport> delivery;
  std::string held_by_monitor_run = "";
};

// InvalidArgument when airm.yaml declares no alerting channels, or for an
// unknown --channel; GetEscalationStatus's errors.
Result<EscalationsNotified> NotifyEscalations(const NotifyEscalationsOptions& options);

}  // namespace airm::usecases
