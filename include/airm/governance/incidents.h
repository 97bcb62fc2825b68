// The incident register: what went wrong with an AI system in service, as a
// person recorded it (`airm incident open`) or the monitor did (a critical
// alert episode that fired). An incident belongs to one system, optionally
// names one of its models, has a severity (the alerts' info / warning /
// critical) and a category (the risk register's), and stays open until it is
// closed with a resolution. It may link the alert episodes it is about.
// The quarterly pack lists a quarter's incidents and the risk reassessment
// re-scores the register from them (reassessment.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/governance/inventory.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

inline constexpr const char* kIncidentSeverities[] = {"info", "warning", "critical"};

struct Incident {
  int64_t id = 0;
  std::string system = "";  // the AI system's name
  std::string model = "";   // NAME or NAME@VERSION; "" = the system as a whole
  std::string title = "";
  std::string severity = "";  // info | warning | critical
  std::string category = "";  // a risk category (risk_register.h)
  std::string description = "";
  std::string source = "manual";  // manual | alert
  std::string opened_at = "";
  std::string opened_by = "";
  std::optional<std::string> closed_at = std::nullopt;
  std::optional<std::string> closed_by = std::nullopt;
  std::string resolution = "";
  std::vector<std::string> episodes = {};  // alert episode uids
  std::string Key() const;                 // "I-001"
  bool IsOpen() const { return !closed_at.has_value(); }
};

// InvalidArgument naming --title, --severity or --category.
Status ValidateIncident(const Incident& incident);
// "I-007" or "7" -> 7; InvalidArgument naming the id otherwise.
Result<int64_t> ParseIncidentId(const std::string& text);

// Inserts `incident` (its episodes given by uid must exist: NotFound) for
// the system `system_id`; returns it with its id.
Result<Incident> InsertIncident(store::Database& tx, int64_t system_id, const Incident& incident);
// NotFound "no incident I-007" (with the ids that exist).
Result<Incident> GetIncident(store::Database& db, int64_t id);
// Records the closing; InvalidArgument when it is closed already.
Status CloseIncident(store::Database& tx, int64_t id, const std::string& at, const std::string& by,
                     const std::string& resolution);

struct IncidentFilter {
  int64_t system_id = 0;  // 0 = every system
  std::string from = "";  // ISO 8601 UTC: open at some time in [from, to); "" = unbounded
  std::string to = "";
  bool open_only = false;
};
// Oldest first.
Result<std::vector<Incident>> ListIncidents(store::Database& db, const IncidentFilter& filter);

// The ids of the incidents linked to alert episode `episode_id`.
Result<std::vector<int64_t>> IncidentsOfEpisode(store::Database& db, int64_t episode_id);

}  // namespace airm::governance

namespace airm::governance {

// The systems that link the model named `model_name`, by name.
Result<std::vector<AiSystem>> SystemsLinkingModel(store::Database& db,
                                                  const std::string& model_name);

}  // namespace airm::governance
