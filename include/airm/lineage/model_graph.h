// The lineage graph around the model version that serves an AI system, small
// enough to draw on its dashboard page: the version's data (train,
// validation, test) and everything upstream of it as the trace walks it
// (runs that wrote the same digest and their inputs, down to sources), the
// training run, the version itself and the environments it is deployed to.
// Nodes and edges only; the page lays them out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/model_results.h"
#include "airm/store/prediction_log_summary.h"
#include "airm/store/records.h"

namespace airm::lineage {

struct GraphNode {
  // "data:<digest>", "run:<uuid>", "model:<name@version>", "env:<name>",
  // "log:<name@version>", "monitor:<name>"
  std::string id;
  std::string kind;   // dataset | run | model | deployment | predictions | monitor
  std::string label;  // "name@version", the run's job, the model's ref, the environment,
                      // "N predictions", the monitor's name
  // One line: the source, the run's status and start, the deployment's span,
  // the log's first and last batch and labels, the monitor's last window and alerts.
  std::string detail;
};

struct GraphEdge {
  std::string from;
  std::string to;
  // The data's role (train, input, output), "trained", "deployed", "logged", "watched"
  std::string label;
};

// The newest window a monitor stored, over its schedules.
struct MonitorLastWindow {
  std::string schedule = "";  // "week-drift"
  std::string label = "";     // "2026-W10"
  std::string window_end = "";
  std::string status = "";  // ok | empty | estimated
  int64_t rows = 0;
};

// An alert episode of the monitor that is pending or firing.
struct MonitorOpenAlert {
  std::string alert = "";
  std::string state = "";  // pending | firing
  std::string severity = "";
  std::string episode = "";  // its uid (POST /api/alerts/{id}/ack)
};

// A monitor of airm.yaml whose `model:` resolves to the version.
struct WatchingMonitor {
  std::string name = "";
  std::string reads = "";  // predictions (the version's log) | files | sqlite | postgres
  std::optional<MonitorLastWindow> last_window = {};  // nullopt: nothing computed yet
  std::vector<MonitorOpenAlert> open_alerts = {};     // firing first
  // "firing" when an episode fires, else "pending" when one is pending, else "ok".
  std::string AlertState() const;
};

// What serves from the version, gathered by the caller (the prediction log
// from the store, the monitors from airm.yaml and the store).
struct ServingSide {
  const store::PredictionLogSummary* predictions = nullptr;  // nullptr or nothing logged: no node
  std::span<const WatchingMonitor> monitors = {};
};

struct ModelGraph {
  std::vector<GraphNode> nodes;  // the model's data and model first, then upstream by level
  std::vector<GraphEdge> edges;  // between kept nodes only
  bool truncated = false;        // more nodes than max_nodes were found
};

// Errors: NotFound when no model version has id `model_version_id`; store
// errors. At most `max_nodes` nodes are kept (the nearest to the model: its
// data, training run, deployments, prediction log and monitors, then
// upstream).
Result<ModelGraph> BuildModelGraph(store::Database& db, int64_t model_version_id,
                                   const ServingSide& serving = {}, size_t max_nodes = 40);

// One model linked to an AI system, as its dashboard page shows it.
struct ServingModel {
  store::ModelVersion version;
  bool deployed = false;  // false: not deployed anywhere now; the newest version is shown
  std::vector<store::Deployment> deployments;  // current ones (valid_to unset)
  std::vector<store::ModelResult> chaos;       // its chaos verdicts, newest first
  store::PredictionLogSummary predictions;
  std::vector<WatchingMonitor> monitors;  // in airm.yaml's order
  ModelGraph graph;
};

}  // namespace airm::lineage
