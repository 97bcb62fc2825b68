#include "graph_walk.h"

#include <algorithm>
#include <set>

#include "graph_queries.h"
#include "time_text.h"

namespace airm::lineage::internal {
namespace {

// Loads the runs not yet in the walk and returns the digests of their inputs
// (or outputs, downstream) that the walk has not seen, marking them at `level`.
Status TakeRuns(store::Database& db, const std::vector<int64_t>& run_ids, bool follow_inputs,
                int level, Walk* walk, std::vector<std::string>* next) {
  std::vector<int64_t> fresh;
  std::set<int64_t> taken;
  for (int64_t id : run_ids) {
    if (walk->runs.count(id) == 0 && taken.insert(id).second) fresh.push_back(id);
  }
  if (fresh.empty()) return Status::Ok();
  std::map<int64_t, RunNode> loaded;
  AIRM_RETURN_IF_ERROR(LoadRuns(db, fresh, &loaded));
  for (int64_t id : fresh) {
    auto it = loaded.find(id);
    if (it == loaded.end()) continue;
    const std::vector<RunDataRef>& data = follow_inputs ? it->second.inputs : it->second.outputs;
    for (const RunDataRef& ref : data) {
      if (walk->HasDigest(ref.digest)) continue;
      walk->depth[ref.digest] = level;
      walk->digests.push_back(ref.digest);
      next->push_back(ref.digest);
    }
    walk->run_order.push_back(id);
    walk->runs[id] = std::move(it->second);
  }
  return Status::Ok();
}

void AddEdge(Walk* walk, const std::string& digest, int64_t run_id) {
  std::vector<int64_t>& runs = walk->edges[digest];
  if (std::find(runs.begin(), runs.end(), run_id) == runs.end()) runs.push_back(run_id);
}

}  // namespace

Status WalkUpstream(store::Database& db, const std::vector<std::string>& root_digests,
                    const std::vector<int64_t>& root_runs, const std::string& as_of, Walk* walk) {
  std::vector<std::string> frontier;
  for (const std::string& digest : root_digests) {
    if (walk->HasDigest(digest)) continue;
    walk->depth[digest] = 0;
    walk->digests.push_back(digest);
    frontier.push_back(digest);
  }
  std::vector<int64_t> pending_runs = root_runs;
  for (int level = 0; !frontier.empty() || !pending_runs.empty(); ++level) {
    std::vector<std::pair<std::string, int64_t>> producers;
    AIRM_RETURN_IF_ERROR(FindProducers(db, frontier, as_of, &producers));
    std::vector<int64_t> runs = std::move(pending_runs);
    pending_runs.clear();
    for (const auto& [digest, run_id] : producers) {
      AddEdge(walk, digest, run_id);
      runs.push_back(run_id);
    }
    std::vector<std::string> next;
    AIRM_RETURN_IF_ERROR(TakeRuns(db, runs, /*follow_inputs=*/true, level + 1, walk, &next));
    frontier = std::move(next);
  }
  return Status::Ok();
}

Status WalkDownstream(store::Database& db, const std::string& root_digest, Walk* walk) {
  std::vector<std::string> frontier;
  if (!walk->HasDigest(root_digest)) {
    walk->depth[root_digest] = 0;
    walk->digests.push_back(root_digest);
    frontier.push_back(root_digest);
  }
  for (int level = 0; !frontier.empty(); ++level) {
    std::vector<std::pair<std::string, int64_t>> consumers;
    AIRM_RETURN_IF_ERROR(FindConsumers(db, frontier, &consumers));
    std::vector<int64_t> runs;
    for (const auto& [digest, run_id] : consumers) {
      AddEdge(walk, digest, run_id);
      runs.push_back(run_id);
    }
    std::vector<std::string> next;
    AIRM_RETURN_IF_ERROR(TakeRuns(db, runs, /*follow_inputs=*/false, level + 1, walk, &next));
    frontier = std::move(next);
  }
  return Status::Ok();
}

Result<std::vector<DataNode>> BuildDataNodes(store::Database& db, const Walk& walk,
                                             const std::vector<std::string>& digests,
                                             const DecorateOptions& options) {
  std::map<std::string, std::vector<DatasetVersionRef>> registrations;
  AIRM_RETURN_IF_ERROR(LoadRegistrations(db, digests, &registrations));
  std::vector<int64_t> version_ids;
  for (const auto& [digest, refs] : registrations) {
    for (const DatasetVersionRef& ref : refs) version_ids.push_back(ref.id);
  }
  std::map<int64_t, std::vector<QualityCheckRef>> checks;
  std::map<int64_t, std::vector<ColumnDerivation>> columns;
  if (options.checks_and_columns) {
    AIRM_RETURN_IF_ERROR(LoadQualityChecks(db, version_ids, options.as_of, &checks));
    AIRM_RETURN_IF_ERROR(LoadColumnLineage(db, version_ids, options.as_of, &columns));
  }

  std::vector<DataNode> nodes;
  nodes.reserve(digests.size());
  for (const std::string& digest : digests) {
    DataNode node;
    node.digest = digest;
    auto depth = walk.depth.find(digest);
    node.depth = depth == walk.depth.end() ? 0 : depth->second;
    if (auto it = registrations.find(digest); it != registrations.end()) {
      node.registrations = it->second;
    }
    if (options.producers_from_walk) {
      if (auto it = walk.edges.find(digest); it != walk.edges.end()) {
        for (int64_t run_id : it->second) {
          auto run = walk.runs.find(run_id);
          if (run != walk.runs.end()) node.produced_by.push_back(run->second.uuid);
        }
      }
    }
    for (const DatasetVersionRef& ref : node.registrations) {
      if (auto it = checks.find(ref.id); it != checks.end()) {
        node.quality_checks.insert(node.quality_checks.end(), it->second.begin(), it->second.end());
      }
      if (auto it = columns.find(ref.id); it != columns.end()) {
        node.columns.insert(node.columns.end(), it->second.begin(), it->second.end());
      }
    }
    std::stable_sort(node.quality_checks.begin(), node.quality_checks.end(),
                     [](const QualityCheckRef& a, const QualityCheckRef& b) {
                       return a.executed_at < b.executed_at;
                     });
    if (options.reference_time) {
      for (QualityCheckRef& check : node.quality_checks) {
        check.seconds_from_reference = SecondsBetween(*options.reference_time, check.executed_at);
      }
    }
    nodes.push_back(std::move(node));
  }
  return nodes;
}

}  // namespace airm::lineage::internal
