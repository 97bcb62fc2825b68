// What every adapter does around one request: split a batch into chunks of at
// most max_batch_rows, retry a chunk with exponential backoff when the
// failure may pass (refused, timeout, HTTP 5xx), and join the chunk scores.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"

namespace airm::chaos {

// Some consecutive rows of a Batch, without copying them.
struct BatchView {
  const std::vector<std::string>& columns;
  std::span<const std::vector<Cell>> rows;
  size_t first_row = 0;  // index of rows[0] in the whole Batch, for error messages
};

// One attempt at scoring a chunk. Sets failure/detail/http_status and, on
// success, exactly one score per row (PredictChunked checks the count).
// latency_seconds and attempts are filled in by the caller.
using ChunkAttempt = std::function<PredictOutcome(const BatchView& chunk)>;

// True for failures that a later attempt may not meet: kConnectionRefused,
// kTimeout and kHttpStatus >= 500.
bool IsRetryable(const PredictOutcome& outcome);

// Runs `attempt` on each chunk of `batch` in order (one empty chunk for an
// empty batch), retrying per options.retries / backoff_seconds. Stops at the
// first chunk that still fails after its retries and returns that failure
// with scores cleared; a chunk whose score count differs from its row count
// is kWrongCount. `attempts` counts every attempt of every chunk.
PredictOutcome PredictChunked(const Batch& batch, const AdapterOptions& options,
                              const ChunkAttempt& attempt);

// `text` cut to at most `max_bytes` with "..." appended when cut, so that
// details stay one readable line in reports.
std::string Truncate(std::string_view text, size_t max_bytes = 300);

}  // namespace airm::chaos
