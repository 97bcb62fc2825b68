// Alert thresholds learned from the monitor's reference (`learn: {from:
// reference}`, airm/monitor/learned_threshold.h), as NannyML does: the
// reference is cut into chunks the size of a typical window, each chunk is
// computed exactly as a window is — by RunMonitors' own window analysis,
// handed in as `analyze` — against the reference without that chunk, and
// the threshold is learned from the chunks' values of the rule's metric.
//
// The chunks' values are cached in the workspace's local state folder
// (LocalStateDir/learned-thresholds/<key>.json), keyed by the reference's
// SHA-256, the columns' roles, the monitor, the schedule, the metric, the
// chunk size, the analysis options and airm's version: a `monitor run` with
// an unchanged reference reads one small file per metric and chunk size
// (rules on the same metric share it) instead of recomputing every chunk.
// The cache only holds values; the learning (k, q, min_windows) is redone
// from them each run, so editing those needs no recomputation. A cache file
// that cannot be read or does not match its key is recomputed and replaced.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>

#include "airm/monitor/monitor_config.h"
#include "airm/report.h"
#include "airm/status.h"
#include "airm/table.h"
#include "monitor_learning.h"

namespace airm::usecases::internal {

// One chunk computed as a window of the schedule: `chunk` against `rest`
// (the reference without the chunk). The result JSON a window would store;
// nullopt when the analysis has no result (as for an empty window).
using AnalyzeChunkFn = std::function<Result<std::optional<std::string>>(
    const Table& rest, const InputInfo& rest_info, const Table& chunk, const std::string& label)>;

struct ReferenceLearningInput {
  const monitor::MonitorSpec* monitor = nullptr;
  const monitor::Schedule* schedule = nullptr;
  const Table* reference = nullptr;  // with the monitor's roles
  const InputInfo* reference_info = nullptr;
  std::span<const int64_t> window_rows = {};  // the schedule's stored windows with rows
  std::string cache_dir = "";                 // "" = no cache
  // Whatever else the chunks' values depend on (analysis options).
  std::string fingerprint = "";
  AnalyzeChunkFn analyze = {};
};

// The thresholds of the monitor's rules with `from: reference`, by rule name.
// Chunks shared by rules of the same chunk size are computed once.
Result<std::map<std::string, RuleThreshold>> LearnFromReference(const ReferenceLearningInput& in);

}  // namespace airm::usecases::internal
