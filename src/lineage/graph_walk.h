// Breadth-first walks over the lineage graph, one level per round of queries.
//
// Upstream: from data to the runs that wrote the same digest (any name) and
// on to their inputs, down to sources with no producer. Downstream: from data
// to the runs that read it and on to their outputs. Both keep a visited set
// of digests and of runs, so a cycle (a run reading what a later run wrote)
// ends the walk instead of hanging it.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/lineage/lineage_graph.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage::internal {

struct Walk {
  std::vector<std::string> digests;  // in discovery order (roots first)
  std::map<std::string, int> depth;  // digest -> level
  std::vector<int64_t> run_order;    // runs in discovery order
  std::map<int64_t, RunNode> runs;
  // Upstream: digest -> runs that wrote it; downstream: digest -> runs that read it.
  std::map<std::string, std::vector<int64_t>> edges;

  bool HasDigest(const std::string& digest) const { return depth.count(digest) > 0; }
};

// Walks upstream from `root_digests` (level 0) and from the inputs of
// `root_runs` (level 1; the runs themselves are part of the walk whatever
// their start). Producers that started after `as_of` are not followed.
// Adds to `walk`, so a second call extends the first without revisiting.
Status WalkUpstream(store::Database& db, const std::vector<std::string>& root_digests,
                    const std::vector<int64_t>& root_runs, const std::string& as_of, Walk* walk);

// Walks downstream from `root_digest` (level 0).
Status WalkDownstream(store::Database& db, const std::string& root_digest, Walk* walk);

// DataNodes for `digests` with their registrations, producers (from
// walk.edges when `producers_from_walk`), quality checks and column lineage
// up to `as_of`. Checks get seconds_from_reference when `reference_time` is set.
struct DecorateOptions {
  std::string as_of;
  std::optional<std::string> reference_time;
  bool producers_from_walk = true;
  bool checks_and_columns = true;  // impact leaves them out
};
Result<std::vector<DataNode>> BuildDataNodes(store::Database& db, const Walk& walk,
                                             const std::vector<std::string>& digests,
                                             const DecorateOptions& options);

}  // namespace airm::lineage::internal
