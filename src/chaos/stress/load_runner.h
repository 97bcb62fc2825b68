// The two kinds of load run: threads that send requests and the measuring
// loop that cuts their records into windows until the run is stable.
#pragma once

#include "airm/chaos/load_test.h"
#include "airm/chaos/model_adapter.h"
#include "load_request.h"

namespace airm::chaos::load {

// Closed loop: `concurrency` threads each send, wait, send again.
// Unavailable when the threads cannot be started.
Result<LoadRunResult> RunClosedLoop(ModelAdapter& adapter, const RequestJudge& judge,
                                    int concurrency, const LoadOptions& options);

// Open loop: requests sent at the times of `rate`'s schedule, whatever the
// answers do; latency counts from the scheduled time. Unavailable when the
// sender threads cannot be started.
Result<LoadRunResult> RunOpenLoop(ModelAdapter& adapter, const RequestJudge& judge,
                                  const RequestRate& rate, const LoadOptions& options);

}  // namespace airm::chaos::load
