// The lineage graph around the model version that serves an AI system, small
// enough to draw on its dashboard page: the version's data (train,
// validation, test) and everything upstream of it as the trace walks it
// (runs that wrote the same digest and their inputs, down to sources), the
// training run, the version itself and the environments it is deployed to.
// Nodes and edges only; the page lays them out.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/model_results.h"
#include "airm/store/records.h"

namespace airm::lineage {

struct GraphNode {
  std::string id;      // "data:<digest>", "run:<uuid>", "model:<name@version>", "env:<name>"
  std::string kind;    // dataset | run | model | deployment
  std::string label;   // "name@version", the run's job, the model's ref, the environment
  std::string detail;  // one line: the source, the run's status and start, the deployment's span
};

struct GraphEdge {
  std::string from;
  std::string to;
  std::string label;  // the data's role (train, input, output), "trained", "deployed"
};

struct ModelGraph {
  std::vector<GraphNode> nodes;  // the model's data and model first, then upstream by level
  std::vector<GraphEdge> edges;  // between kept nodes only
  bool truncated = false;        // more nodes than max_nodes were found
};

// Errors: NotFound when no model version has id `model_version_id`; store
// errors. At most `max_nodes` nodes are kept (the nearest to the model).
Result<ModelGraph> BuildModelGraph(store::Database& db, int64_t model_version_id,
                                   size_t max_nodes = 40);

// One model linked to an AI system, as its dashboard page shows it.
struct ServingModel {
  store::ModelVersion version;
  bool deployed = false;  // false: not deployed anywhere now; the newest version is shown
  std::vector<store::Deployment> deployments;  // current ones (valid_to unset)
  std::vector<store::ModelResult> chaos;       // its chaos verdicts, newest first
  ModelGraph graph;
};

}  // namespace airm::lineage
