// From request records to the numbers a load run reports: windows, latency
// percentiles, rates and the accuracy of the answers served.
#pragma once

#include <span>
#include <vector>

#include "airm/chaos/load_test.h"
#include "load_request.h"

namespace airm::chaos::load {

// p50/p90/p95/p99 by linear interpolation between order statistics
// (numpy.percentile's default, Hyndman & Fan type 7), max and mean.
// All empty for no latencies.
LatencySummary SummarizeLatency(std::vector<double> latencies);

// The window [start, start + duration) over `records` finished in it.
// REQUIRES: `records` are exactly the records finished in the window.
LoadWindow SummarizeWindow(std::span<const RequestRecord> records, double start, double duration);

// Totals, rates, latency and served-answer accuracy of a run whose measured
// records (finished inside the windows) are `records`. Sets every field of
// `run` except mode, concurrency, request_rate, windows and stable.
void SummarizeRun(std::span<const RequestRecord> records, double duration,
                  const RequestJudge& judge, LoadRunResult* run);

}  // namespace airm::chaos::load
