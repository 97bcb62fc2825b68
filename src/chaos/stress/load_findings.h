// Findings of a load test, most severe first:
//   load.baseline_failed  (fail) the unloaded pass over the pool failed
//   load.errors           (fail) a run had failed or timed-out requests
//   load.answers_changed  (fail) answers served under load differ from unloaded ones
//   load.accuracy_drop    (fail) served answers less accurate than unloaded ones, same rows
//   load.slo_p99          (fail) p99 latency above LoadOptions::slo_p99_seconds
//   load.unstable         (warn) no three consecutive windows agreed
//   load.no_success       (fail) a run had no succeeded request at all
#pragma once

#include <vector>

#include "airm/chaos/load_test.h"
#include "airm/finding.h"

namespace airm::chaos::load {

std::vector<Finding> LoadFindings(const LoadResult& result);

}  // namespace airm::chaos::load
