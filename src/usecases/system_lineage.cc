#include "airm/usecases/system_lineage.h"

#include <algorithm>
#include <map>
#include <optional>

#include "airm/governance/inventory.h"
#include "airm/store/alert_episodes.h"
#include "airm/store/model_results.h"
#include "airm/store/models.h"
#include "airm/store/monitor_windows.h"
#include "airm/store/reference.h"
#include "airm/usecases/store_access.h"
#include "board_reviews.h"
#include "monitor_workspace.h"

namespace airm::usecases {
namespace {

std::string SourceOf(const monitor::CurrentSpec& current) {
  if (current.predictions) return "predictions";
  if (!current.sqlite.empty()) return "sqlite";
  if (!current.postgres.empty()) return "postgres";
  return "files";
}

// The version each monitor's `model:` resolves to, resolved once per request
// (nullopt: names no version in the store, which `monitor run` reports).
using Resolved = std::map<std::string, std::optional<int64_t>>;

Result<bool> Watches(store::Database& db, const monitor::MonitorSpec& m,
                     const store::ModelVersion& version, Resolved* resolved) {
  if (m.model.empty()) return false;
  Result<store::Reference> ref = store::ParseReference(m.model);
  if (!ref.ok() || ref->name != version.name) return false;
  // Files or SQL about the model as such: whichever version serves.
  if (!m.current.predictions && ref->is_latest()) return true;
  auto it = resolved->find(m.model);
  if (it == resolved->end()) {
    Result<store::ModelVersion> found = store::ResolveModelVersion(db, *ref);
    if (!found.ok() && found.status().code() != StatusCode::kNotFound &&
        found.status().code() != StatusCode::kInvalidArgument) {
      return found.status();
    }
    it = resolved->emplace(m.model, found.ok() ? std::optional(found->id) : std::nullopt).first;
  }
  return it->second == version.id;
}

// The newest window over the monitor's schedules and its open episodes,
// each by index: one look-up per schedule and per schedule × rule.
Result<lineage::WatchingMonitor> ReadMonitor(store::Database& db, const monitor::MonitorSpec& m) {
  lineage::WatchingMonitor out{.name = m.name, .reads = SourceOf(m.current)};
  for (const monitor::Schedule& schedule : m.schedules) {
    const std::string key = schedule.Key();
    AIRM_ASSIGN_OR_RETURN(std::optional<store::MonitorWindowRecord> head,
                          store::LatestMonitorWindowHead(db, m.name, key));
    if (head && (!out.last_window || head->window_end > out.last_window->window_end)) {
      out.last_window = lineage::MonitorLastWindow{.schedule = key,
                                                   .label = head->label,
                                                   .window_end = head->window_end,
                                                   .status = head->status,
                                                   .rows = head->row_count};
    }
    for (const monitor::AlertRule& rule : m.alerts) {
      AIRM_ASSIGN_OR_RETURN(std::optional<store::AlertEpisode> open,
                            store::OpenAlertEpisode(db, m.name, key, rule.name));
      if (!open) continue;
      out.open_alerts.push_back({.alert = open->alert,
                                 .state = open->state,
                                 .severity = open->severity,
                                 .episode = open->episode_uid});
    }
  }
  std::stable_sort(out.open_alerts.begin(), out.open_alerts.end(),
                   [](const lineage::MonitorOpenAlert& a, const lineage::MonitorOpenAlert& b) {
                     return a.state == "firing" && b.state != "firing";
                   });
  return out;
}

}  // namespace

Status SystemLineageOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("the lineage of a system needs its name");
  return Status::Ok();
}

Result<SystemLineage> GetSystemLineage(const SystemLineageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  SystemLineage out;
  out.system = options.system;
  // The page still shows the training side when the monitors cannot be read.
  std::shared_ptr<const monitor::MonitorsConfig> monitors;
  if (auto config = internal::LoadWorkspaceMonitors(opened.workspace, options.config_cache);
      config.ok()) {
    monitors = *config;
  } else {
    out.monitors_note = "monitors not read: " + config.status().message();
  }
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    out.models.clear();
    AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                          governance::GetSystemByName(db, options.system));
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::LinkedModel> linked,
                          governance::ModelsOfSystem(db, system.id));
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> serving,
                          internal::ServingVersions(db, linked));
    Resolved resolved;
    for (store::ModelVersion& v : serving) {
      lineage::ServingModel m;
      AIRM_RETURN_IF_ERROR(
          db.QueryEach("SELECT id, model_version_id, environment, valid_from, valid_to, deployed_by"
                       " FROM deployments WHERE model_version_id = ? AND valid_to IS NULL"
                       " ORDER BY environment",
                       {v.id}, [&](const store::Row& r) {
                         m.deployments.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                                                  r.OptionalText(4), r.Text(5)});
                         return Status::Ok();
                       }));
      m.deployed = !m.deployments.empty();
      AIRM_ASSIGN_OR_RETURN(m.chaos,
                            store::RecentModelResults(db, v.id, "chaos", kChaosVerdictsShown));
      AIRM_ASSIGN_OR_RETURN(m.predictions, store::SummarizePredictionLog(db, v.id));
      if (monitors) {
        for (const monitor::MonitorSpec& spec : monitors->monitors) {
          AIRM_ASSIGN_OR_RETURN(bool watches, Watches(db, spec, v, &resolved));
          if (!watches) continue;
          AIRM_ASSIGN_OR_RETURN(lineage::WatchingMonitor w, ReadMonitor(db, spec));
          m.monitors.push_back(std::move(w));
        }
      }
      AIRM_ASSIGN_OR_RETURN(m.graph,
                            lineage::BuildModelGraph(
                                db, v.id, {.predictions = &m.predictions, .monitors = m.monitors}));
      m.version = std::move(v);
      out.models.push_back(std::move(m));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace airm::usecases
