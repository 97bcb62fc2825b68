#include "airm/usecases/incidents.h"

#include "airm/store/models.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;

std::map<std::string, std::string> IncidentDetails(const governance::Incident& i) {
  std::string episodes;
  for (const std::string& e : i.episodes) episodes += (episodes.empty() ? "" : ",") + e;
  return {{"system", i.system},       {"model", i.model},       {"title", i.title},
          {"severity", i.severity},   {"category", i.category}, {"source", i.source},
          {"opened_at", i.opened_at}, {"episodes", episodes},   {"description", i.description}};
}

// "" -> now; else the canonical form of an ISO 8601 time (InvalidArgument naming --at).
Result<std::string> TimeOrNow(const std::string& at) {
  if (at.empty()) return store::UtcNow();
  std::optional<std::string> canonical = store::ParseIso8601(at);
  if (!canonical) {
    return Status::InvalidArgument("--at '" + at +
                                   "': expected an ISO 8601 time such as 2026-02-03T10:00:00Z");
  }
  return *canonical;
}

}  // namespace

std::string AlertCategory(const std::string& schedule, const std::string& expression) {
  if (schedule.find("-drift") != std::string::npos) return "robustness";
  for (const char* word : {"fairness", "segments", "disparit"}) {
    if (expression.find(word) != std::string::npos) return "bias";
  }
  return "performance";
}

Status OpenIncidentOptions::Validate() const {
  if (incident.system.empty()) return Status::InvalidArgument("incident open needs --system NAME");
  AIRM_RETURN_IF_ERROR(governance::ValidateIncident(incident));
  return TimeOrNow(at).status();
}

Result<IncidentWritten> OpenIncident(const OpenIncidentOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(const std::string opened_at, TimeOrNow(options.at));
  IncidentWritten out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                              governance::GetSystemByName(tx, options.incident.system));
        governance::Incident i = options.incident;
        if (!i.model.empty()) {
          AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(i.model));
          AIRM_ASSIGN_OR_RETURN(std::vector<governance::LinkedModel> linked,
                                governance::ModelsOfSystem(tx, system.id));
          std::string names;
          bool found = false;
          for (const governance::LinkedModel& m : linked) {
            names += (names.empty() ? "" : ", ") + m.model;
            found = found || m.model == ref.name;
          }
          if (!found) {
            return Status::NotFound("--model '" + i.model + "': system '" + system.name +
                                    "' does not link a model named '" + ref.name + "' (it links " +
                                    (names.empty() ? "none" : names) + ")");
          }
          if (i.model.find('@') != std::string::npos) {
            AIRM_RETURN_IF_ERROR(store::ResolveModelVersion(tx, ref).status());
          }
        }
        i.source = "manual";
        i.opened_at = opened_at;
        i.opened_by = out.actor.name;
        AIRM_ASSIGN_OR_RETURN(out.incident, governance::InsertIncident(tx, system.id, i));
        out.incident.system = system.name;
        return std::vector<AuditEvent>{{.action = "incident.open",
                                        .subject = "incident:" + out.incident.Key(),
                                        .details = IncidentDetails(out.incident)}};
      }));
  return out;
}

Status CloseIncidentOptions::Validate() const {
  if (id.empty()) return Status::InvalidArgument("incident close needs the incident's id (I-NNN)");
  AIRM_RETURN_IF_ERROR(governance::ParseIncidentId(id).status());
  return TimeOrNow(at).status();
}

Result<IncidentWritten> CloseIncident(const CloseIncidentOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(const int64_t id, governance::ParseIncidentId(options.id));
  AIRM_ASSIGN_OR_RETURN(const std::string closed_at, TimeOrNow(options.at));
  IncidentWritten out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(governance::Incident before, governance::GetIncident(tx, id));
        if (closed_at < before.opened_at) {
          return Status::InvalidArgument("--at " + closed_at + ": " + before.Key() +
                                         " was opened at " + before.opened_at +
                                         "; it cannot close before that");
        }
        AIRM_RETURN_IF_ERROR(
            governance::CloseIncident(tx, id, closed_at, out.actor.name, options.resolution));
        AIRM_ASSIGN_OR_RETURN(out.incident, governance::GetIncident(tx, id));
        return std::vector<AuditEvent>{{.action = "incident.close",
                                        .subject = "incident:" + out.incident.Key(),
                                        .details = {{"system", out.incident.system},
                                                    {"closed_at", closed_at},
                                                    {"resolution", options.resolution}}}};
      }));
  return out;
}

Result<IncidentList> ListIncidents(const ListIncidentsOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  IncidentList out;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    governance::IncidentFilter filter{.open_only = !options.all};
    if (!options.system.empty()) {
      AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                            governance::GetSystemByName(db, options.system));
      filter.system_id = system.id;
    }
    AIRM_ASSIGN_OR_RETURN(out.incidents, governance::ListIncidents(db, filter));
    return Status::Ok();
  }));
  return out;
}

namespace internal {

Result<std::vector<governance::Incident>> OpenIncidentsForFiring(
    store::Database& tx, const std::vector<alerting::Notification>& fired, const std::string& model,
    const std::string& actor, std::vector<AuditEvent>* events) {
  std::vector<governance::Incident> opened;
  if (model.empty()) return opened;
  for (const alerting::Notification& n : fired) {
    if (n.state != alerting::AlertState::kFiring ||
        n.severity != alerting::AlertSeverity::kCritical) {
      continue;
    }
    AIRM_ASSIGN_OR_RETURN(auto episode, tx.Query("SELECT id FROM alert_episodes WHERE "
                                                 "episode_uid = ?",
                                                 {n.episode_id}));
    if (episode.empty()) continue;
    AIRM_ASSIGN_OR_RETURN(std::vector<int64_t> existing,
                          governance::IncidentsOfEpisode(tx, episode[0].Int(0)));
    if (!existing.empty()) continue;
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(model));
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          governance::SystemsLinkingModel(tx, ref.name));
    auto schedule = n.labels.find("schedule");
    for (const governance::AiSystem& system : systems) {
      governance::Incident i{
          .model = model,
          .title = "Critical alert " + n.alert_name + " fired on monitor " + n.monitor,
          .severity = "critical",
          .category =
              AlertCategory(schedule == n.labels.end() ? "" : schedule->second, n.expression),
          .description = n.summary + " (window " + n.window_start + " to " + n.window_end + ")",
          .source = "alert",
          .opened_at = n.window_end,
          .opened_by = actor,
          .episodes = {n.episode_id}};
      AIRM_ASSIGN_OR_RETURN(governance::Incident inserted,
                            governance::InsertIncident(tx, system.id, i));
      inserted.system = system.name;
      events->push_back({.action = "incident.open",
                         .subject = "incident:" + inserted.Key(),
                         .details = IncidentDetails(inserted)});
      opened.push_back(std::move(inserted));
    }
  }
  return opened;
}

}  // namespace internal

}  // namespace airm::usecases
