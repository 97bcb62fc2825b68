// The incident register as use cases (airm/governance/incidents.h):
//   airm incident open --system S --title T --severity critical --category performance
//                      [--model NAME[@VERSION]] [--description TEXT] [--episode UID …]
//   airm incident close I-003 [--resolution TEXT]
//   airm incident list [--system S] [--all]
// Every write is one transaction with its audit entry ("incident.open",
// "incident.close", subject "incident:I-003"), recording the acting person.
//
// The monitor opens incidents too: when a critical alert episode fires in
// `airm monitor run`, an incident (source "alert", category from the
// alert's schedule and expression) is opened for every system that links
// the monitor's model, with the episode linked, in the transaction that
// stores the episode (OpenIncidentsForFiring): both are stored or neither.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/alerting/notification.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/incidents.h"
#include "airm/usecases/governance_systems.h"

namespace airm::usecases {

struct OpenIncidentOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  governance::Incident incident = {};  // incident.system names the AI system
  std::string at = "";                 // --at: when it began, ISO 8601; "" = now
  // InvalidArgument naming --system, --title, --severity or --category.
  Status Validate() const;
};
struct IncidentWritten : GovernanceWriteResult {
  governance::Incident incident;
};
// NotFound for an unknown system, an unknown episode, or a model the system
// does not link; nothing is written then.
Result<IncidentWritten> OpenIncident(const OpenIncidentOptions& options);

struct CloseIncidentOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string id = "";  // I-NNN or NNN
  std::string resolution = "";
  std::string at = "";  // --at: when it ended, ISO 8601; "" = now
  Status Validate() const;
};
// NotFound for an unknown incident; InvalidArgument when it is closed already.
Result<IncidentWritten> CloseIncident(const CloseIncidentOptions& options);

struct ListIncidentsOptions {
  store::LocateOptions store = {};
  std::string system = "";  // "" = every system
  bool all = false;         // false = open incidents only
};
struct IncidentList {
  std::vector<governance::Incident> incidents;
};
Result<IncidentList> ListIncidents(const ListIncidentsOptions& options);

// The category an alert episode's observation falls in: a drift schedule's
// alerts are robustness; an evaluation schedule's are bias when the
// expression reads fairness, segments or disparities, else performance.
std::string AlertCategory(const std::string& schedule, const std::string& expression);

namespace internal {

// Inside the transaction `tx` that stores a monitor window and its alert
// episodes (run_monitors.h step 3): for every firing critical notification
// of `fired`, an incident per system linking `model` (the monitor's model
// reference; "" opens none), the episode linked, opened by `actor`, unless
// the episode already has one. The audit entries to write in that same
// transaction go to *events. Returns the incidents opened (system by name).
Result<std::vector<governance::Incident>> OpenIncidentsForFiring(
    store::Database& tx, const std::vector<alerting::Notification>& fired, const std::string& model,
    const std::string& actor, std::vector<governance::AuditEvent>* events);

}  // namespace internal

}  // namespace airm::usecases
