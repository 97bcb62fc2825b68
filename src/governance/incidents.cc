#include "airm/governance/incidents.h"

#include <algorithm>
#include <cstdio>

#include "airm/governance/risk_register.h"
#include "choices.h"

namespace airm::governance {
namespace {

using internal::ListOf;
using internal::OneOf;

constexpr const char* kIncidentColumns =
    "i.id, s.name, i.model, i.title, i.severity, i.category, i.description, i.source, "
    "i.opened_at, i.opened_by, i.closed_at, i.closed_by, i.resolution";

Incident FromRow(const store::Row& row) {
  return {.id = row.Int(0),
          .system = row.Text(1),
          .model = row.Text(2),
          .title = row.Text(3),
          .severity = row.Text(4),
          .category = row.Text(5),
          .description = row.Text(6),
          .source = row.Text(7),
          .opened_at = row.Text(8),
          .opened_by = row.Text(9),
          .closed_at = row.OptionalText(10),
          .closed_by = row.OptionalText(11),
          .resolution = row.Text(12)};
}

Status LoadEpisodes(store::Database& db, Incident* incident) {
  incident->episodes.clear();
  return db.QueryEach(
      "SELECT e.episode_uid FROM incident_episodes l JOIN alert_episodes e ON e.id = "
      "l.episode_id WHERE l.incident_id = ? ORDER BY e.id",
      {incident->id}, [&](const store::Row& row) {
        incident->episodes.push_back(row.Text(0));
        return Status::Ok();
      });
}

}  // namespace

std::string Incident::Key() const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "I-%03lld", static_cast<long long>(id));
  return buf;
}

Status ValidateIncident(const Incident& i) {
  if (i.title.empty()) return Status::InvalidArgument("incident open needs --title TEXT");
  if (!OneOf(i.severity, kIncidentSeverities)) {
    return Status::InvalidArgument("--severity '" + i.severity + "': expected one of " +
                                   ListOf(kIncidentSeverities));
  }
  if (!OneOf(i.category, kRiskCategories)) {
    return Status::InvalidArgument("--category '" + i.category + "': expected one of " +
                                   ListOf(kRiskCategories));
  }
  return Status::Ok();
}

Result<int64_t> ParseIncidentId(const std::string& text) {
  std::string digits = text;
  if (digits.rfind("I-", 0) == 0 || digits.rfind("i-", 0) == 0) digits = digits.substr(2);
  if (digits.empty() || digits.size() > 15 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument("incident id '" + text + "': expected I-NNN or a number");
  }
  return std::stoll(digits);
}

Result<Incident> InsertIncident(store::Database& tx, int64_t system_id, const Incident& i) {
  std::vector<int64_t> episode_ids;
  for (const std::string& uid : i.episodes) {
    AIRM_ASSIGN_OR_RETURN(auto rows,
                          tx.Query("SELECT id FROM alert_episodes WHERE episode_uid = ?", {uid}));
    if (rows.empty()) {
      return Status::NotFound("--episode '" + uid +
                              "': no such alert episode (`airm alerts list --all` lists them)");
    }
    episode_ids.push_back(rows[0].Int(0));
  }
  AIRM_ASSIGN_OR_RETURN(
      auto rows,
      tx.Query("INSERT INTO incidents (system_id, model, title, severity, category, description, "
               "source, opened_at, opened_by, resolution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '') "
               "RETURNING id",
               {system_id, i.model, i.title, i.severity, i.category, i.description, i.source,
                i.opened_at, i.opened_by}));
  Incident out = i;
  out.id = rows.at(0).Int(0);
  for (int64_t episode_id : episode_ids) {
    AIRM_RETURN_IF_ERROR(tx.Execute(
        "INSERT INTO incident_episodes (incident_id, episode_id) VALUES (?, ?) ON CONFLICT DO "
        "NOTHING",
        {out.id, episode_id}));
  }
  return out;
}

Result<Incident> GetIncident(store::Database& db, int64_t id) {
  AIRM_ASSIGN_OR_RETURN(auto rows, db.Query(std::string("SELECT ") + kIncidentColumns +
                                                " FROM incidents i JOIN ai_systems s ON s.id = "
                                                "i.system_id WHERE i.id = ?",
                                            {id}));
  if (rows.empty()) {
    Incident probe{.id = id};
    return Status::NotFound("no incident " + probe.Key() +
                            " (`airm incident list --all` lists them)");
  }
  Incident out = FromRow(rows[0]);
  AIRM_RETURN_IF_ERROR(LoadEpisodes(db, &out));
  return out;
}

Status CloseIncident(store::Database& tx, int64_t id, const std::string& at, const std::string& by,
                     const std::string& resolution) {
  AIRM_ASSIGN_OR_RETURN(Incident incident, GetIncident(tx, id));
  if (!incident.IsOpen()) {
    return Status::InvalidArgument(incident.Key() + " was closed already (" + *incident.closed_at +
                                   " by " + incident.closed_by.value_or("") + ")");
  }
  return tx.Execute(
      "UPDATE incidents SET closed_at = ?, closed_by = ?, resolution = ? WHERE id = ?",
      {at, by, resolution, id});
}

Result<std::vector<Incident>> ListIncidents(store::Database& db, const IncidentFilter& filter) {
  std::string sql = std::string("SELECT ") + kIncidentColumns +
                    " FROM incidents i JOIN ai_systems s ON s.id = i.system_id WHERE 1 = 1";
  std::vector<store::Value> params;
  if (filter.system_id != 0) {
    sql += " AND i.system_id = ?";
    params.push_back(filter.system_id);
  }
  if (!filter.to.empty()) {  // opened before the span ends
    sql += " AND i.opened_at < ?";
    params.push_back(filter.to);
  }
  if (!filter.from.empty()) {  // and not closed before it starts
    sql += " AND (i.closed_at IS NULL OR i.closed_at >= ?)";
    params.push_back(filter.from);
  }
  if (filter.open_only) sql += " AND i.closed_at IS NULL";
  sql += " ORDER BY i.id";
  std::vector<Incident> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(sql, params, [&](const store::Row& row) {
    out.push_back(FromRow(row));
    return Status::Ok();
  }));
  for (Incident& i : out) AIRM_RETURN_IF_ERROR(LoadEpisodes(db, &i));
  return out;
}

Result<std::vector<int64_t>> IncidentsOfEpisode(store::Database& db, int64_t episode_id) {
  std::vector<int64_t> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT incident_id FROM incident_episodes WHERE episode_id = ? ORDER BY incident_id",
      {episode_id}, [&](const store::Row& row) {
        out.push_back(row.Int(0));
        return Status::Ok();
      }));
  return out;
}

}  // namespace airm::governance

namespace airm::governance {

Result<std::vector<AiSystem>> SystemsLinkingModel(store::Database& db,
                                                  const std::string& model_name) {
  std::vector<std::string> names;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT s.name FROM ai_system_models l JOIN ai_systems s ON s.id = l.system_id JOIN models "
      "m ON m.id = l.model_id WHERE m.name = ? ORDER BY s.name",
      {model_name}, [&](const store::Row& row) {
        names.push_back(row.Text(0));
        return Status::Ok();
      }));
  std::vector<AiSystem> out;
  for (const std::string& name : names) {
    AIRM_ASSIGN_OR_RETURN(AiSystem system, GetSystemByName(db, name));
    out.push_back(std::move(system));
  }
  return out;
}

}  // namespace airm::governance
