// BuildModelGraph: the model version's data and training run as roots of the
// same upstream walk the trace and the model card use (graph_walk.h), then
// nodes in discovery order (nearest first) up to the limit: the version's
// data, training run, deployments and serving side before anything upstream.
#include "airm/lineage/model_graph.h"

#include <map>
#include <set>

#include "airm/report/format.h"
#include "airm/store/models.h"
#include "graph_queries.h"
#include "graph_walk.h"

namespace airm::lineage {
namespace {

struct Builder {
  ModelGraph graph;
  std::set<std::string> ids;
  size_t max_nodes = 0;

  bool Add(GraphNode node) {
    if (ids.count(node.id) > 0) return true;
    if (graph.nodes.size() >= max_nodes) {
      graph.truncated = true;
      return false;
    }
    ids.insert(node.id);
    graph.nodes.push_back(std::move(node));
    return true;
  }
  void Edge(const std::string& from, const std::string& to, const std::string& label) {
    if (ids.count(from) == 0 || ids.count(to) == 0) return;
    for (const GraphEdge& e : graph.edges) {
      if (e.from == from && e.to == to && e.label == label) return;
    }
    graph.edges.push_back({from, to, label});
  }
};

std::string DataId(const std::string& digest) { return "data:" + digest; }
std::string RunId(const RunNode& run) { return "run:" + run.uuid; }

std::string DataDetail(const DataNode& d) {
  if (d.registrations.empty()) return d.digest.substr(0, 19);
  const DatasetVersionRef& r = d.registrations.front();
  std::string detail = r.source_uri ? "source " + *r.source_uri : d.digest.substr(0, 19);
  if (r.row_count) detail += ", " + std::to_string(*r.row_count) + " rows";
  return detail;
}

std::string LogDetail(const store::PredictionLogSummary& log) {
  std::string detail =
      report::FormatCount(static_cast<uint64_t>(log.batches)) +
      (log.batches == 1 ? " batch" : " batches") + " logged " + log.first_logged_at.value_or("") +
      (log.last_logged_at != log.first_logged_at ? " to " + log.last_logged_at.value_or("") : "");
  return detail + (log.labelled ? ", " + report::FormatCount(static_cast<uint64_t>(*log.labelled)) +
                                      " labelled"
                                : ", labels not counted");
}

std::string MonitorDetail(const WatchingMonitor& m) {
  std::string detail =
      m.last_window ? "last window " + m.last_window->label + " (" + m.last_window->status + ", " +
                          report::FormatCount(static_cast<uint64_t>(m.last_window->rows)) + " rows)"
                    : "no window computed yet";
  if (m.open_alerts.empty()) return detail + ", no open alert";
  for (size_t alert_idx = 0; alert_idx < m.open_alerts.size(); ++alert_idx) {
    const MonitorOpenAlert& a = m.open_alerts[alert_idx];
    detail += (alert_idx == 0 ? ", alerts: " : ", ") + a.alert + " " + a.state;
  }
  return detail;
}

// The serving side below the model: its prediction log, fed by the
// deployments it was logged through, and the monitors, reading the log or
// (files, SQL) watching the model.
void AddServingSide(Builder& b, const store::ModelVersion& version, const std::string& model_id,
                    const ServingSide& serving) {
  const std::string log_id = "log:" + version.Ref();
  bool has_log = false;
  if (serving.predictions != nullptr && serving.predictions->batches > 0) {
    const store::PredictionLogSummary& log = *serving.predictions;
    has_log = b.Add({log_id, "predictions",
                     report::FormatCount(static_cast<uint64_t>(log.predictions)) +
                         (log.predictions == 1 ? " prediction" : " predictions"),
                     LogDetail(log)});
    for (const store::PredictionLogPart& part : log.parts) {
      const std::string env_id = "env:" + part.environment;
      const bool through_env = !part.environment.empty() && b.ids.count(env_id) > 0;
      b.Edge(through_env ? env_id : model_id, log_id, "logged");
    }
  }
  for (const WatchingMonitor& m : serving.monitors) {
    const std::string id = "monitor:" + m.name;
    if (!b.Add({id, "monitor", m.name, MonitorDetail(m)})) return;
    b.Edge(m.reads == "predictions" && has_log ? log_id : model_id, id, "watched by");
  }
}

}  // namespace

std::string WatchingMonitor::AlertState() const {
  bool pending = false;
  for (const MonitorOpenAlert& a : open_alerts) {
    if (a.state == "firing") return "firing";
    pending = pending || a.state == "pending";
  }
  return pending ? "pending" : "ok";
}

Result<ModelGraph> BuildModelGraph(store::Database& db, int64_t model_version_id,
                                   const ServingSide& serving, size_t max_nodes) {
  AIRM_ASSIGN_OR_RETURN(store::ModelVersion version, store::GetModelVersion(db, model_version_id));
  Builder b;
  b.max_nodes = max_nodes;
  const std::string model_id = "model:" + version.Ref();
  b.Add({model_id, "model", version.Ref(), "registered " + version.registered_at});

  // The version's data with its roles, and the training run.
  std::vector<std::pair<std::string, std::string>> data;  // digest, role
  AIRM_RETURN_IF_ERROR(
      db.QueryEach("SELECT dv.digest, mvd.role FROM model_version_data mvd"
                   " JOIN dataset_versions dv ON dv.id = mvd.dataset_version_id"
                   " WHERE mvd.model_version_id = ? ORDER BY mvd.role, dv.id",
                   {model_version_id}, [&](const store::Row& r) {
                     data.emplace_back(r.Text(0), r.Text(1));
                     return Status::Ok();
                   }));
  std::vector<std::string> roots;
  for (const auto& [digest, role] : data) roots.push_back(digest);
  std::vector<int64_t> root_runs;
  if (version.training_run_id) root_runs.push_back(*version.training_run_id);
  internal::Walk walk;
  AIRM_RETURN_IF_ERROR(internal::WalkUpstream(db, roots, root_runs, internal::kEndOfTime, &walk));
  AIRM_ASSIGN_OR_RETURN(std::vector<DataNode> nodes,
                        internal::BuildDataNodes(db, walk, walk.digests,
                                                 {.as_of = internal::kEndOfTime,
                                                  .reference_time = std::nullopt,
                                                  .producers_from_walk = true,
                                                  .checks_and_columns = false}));
  std::map<std::string, const DataNode*> by_digest;
  for (const DataNode& n : nodes) by_digest[n.digest] = &n;
  auto add_data = [&](const std::string& digest) {
    auto it = by_digest.find(digest);
    if (it == by_digest.end()) {
      return b.Add({DataId(digest), "dataset", digest.substr(0, 19), ""});
    }
    return b.Add({DataId(digest), "dataset", it->second->Label(), DataDetail(*it->second)});
  };
  auto add_run = [&](const RunNode& run) {
    return b.Add({RunId(run), "run", run.job_name, run.status + ", started " + run.started_at});
  };

  for (const auto& [digest, role] : data) {
    if (add_data(digest)) b.Edge(DataId(digest), model_id, role);
  }
  if (version.training_run_id) {
    auto it = walk.runs.find(*version.training_run_id);
    if (it != walk.runs.end() && add_run(it->second))
      b.Edge(RunId(it->second), model_id, "trained");
  }
  // Deployments: where this version serves now or served before.
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT environment, valid_from, valid_to FROM deployments WHERE model_version_id = ?"
      " ORDER BY valid_from, id",
      {model_version_id}, [&](const store::Row& r) {
        const std::string id = "env:" + r.Text(0);
        const std::optional<std::string> to = r.OptionalText(2);
        if (b.Add({id, "deployment", r.Text(0),
                   "from " + r.Text(1) + (to ? " to " + *to : " (serving)")})) {
          b.Edge(model_id, id, to ? "was deployed" : "deployed");
        }
        return Status::Ok();
      }));
  AddServingSide(b, version, model_id, serving);
  // Upstream, level by level as walked: each run with what it read and wrote.
  for (int64_t run_id : walk.run_order) {
    const RunNode& run = walk.runs.at(run_id);
    if (!add_run(run)) break;
    for (const RunDataRef& out : run.outputs) {
      if (walk.HasDigest(out.digest) && add_data(out.digest)) {
        b.Edge(RunId(run), DataId(out.digest), "output");
      }
    }
    for (const RunDataRef& in : run.inputs) {
      if (add_data(in.digest)) b.Edge(DataId(in.digest), RunId(run), in.role);
    }
  }
  return std::move(b.graph);
}

}  // namespace airm::lineage
