#include "call_policy.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace airm::chaos {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

PredictOutcome AttemptWithRetries(const BatchView& chunk, const AdapterOptions& options,
                                  const ChunkAttempt& attempt) {
  double backoff = options.backoff_seconds;
  for (int attempt_idx = 0;; ++attempt_idx) {
    const Clock::time_point start = Clock::now();
    PredictOutcome outcome = attempt(chunk);
    outcome.latency_seconds = SecondsSince(start);
    outcome.attempts = attempt_idx + 1;
    if (outcome.ok() && outcome.scores.size() != chunk.rows.size()) {
      outcome.failure = FailureKind::kWrongCount;
      outcome.detail = "expected " + std::to_string(chunk.rows.size()) + " predictions, got " +
                       std::to_string(outcome.scores.size());
      outcome.scores.clear();
    }
    if (outcome.ok() || !IsRetryable(outcome) || attempt_idx >= options.retries) return outcome;
    std::this_thread::sleep_for(std::chrono::duration<double>(backoff));
    // Doubling, but never past a minute (or the configured start, if larger).
    backoff = std::min(backoff * 2, std::max(options.backoff_seconds, 60.0));
  }
}

}  // namespace

bool IsRetryable(const PredictOutcome& outcome) {
  switch (outcome.failure) {
    case FailureKind::kConnectionRefused:
    case FailureKind::kTimeout:
      return true;
    case FailureKind::kHttpStatus:
      return outcome.http_status >= 500;
    default:
      return false;
  }
}

PredictOutcome PredictChunked(const Batch& batch, const AdapterOptions& options,
                              const ChunkAttempt& attempt) {
  PredictOutcome total;
  total.attempts = 0;
  total.scores.reserve(batch.rows.size());
  const size_t chunk_rows = static_cast<size_t>(std::max(1, options.max_batch_rows));
  const std::span<const std::vector<Cell>> all_rows(batch.rows);
  size_t begin = 0;
  do {
    const size_t count = std::min(chunk_rows, all_rows.size() - begin);
    const BatchView chunk{batch.columns, all_rows.subspan(begin, count), begin};
    PredictOutcome outcome = AttemptWithRetries(chunk, options, attempt);
    total.attempts += outcome.attempts;
    total.latency_seconds += outcome.latency_seconds;
    if (!outcome.ok()) {
      outcome.attempts = total.attempts;
      outcome.latency_seconds = total.latency_seconds;
      if (batch.rows.size() > count) {
        outcome.detail = "rows " + std::to_string(begin) + "-" + std::to_string(begin + count - 1) +
                         ": " + outcome.detail;
      }
      outcome.scores.clear();
      return outcome;
    }
    total.scores.insert(total.scores.end(), outcome.scores.begin(), outcome.scores.end());
    begin += count;
  } while (begin < all_rows.size());
  return total;
}

std::string Truncate(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  // Never cut inside a UTF-8 sequence: step back over continuation bytes.
  while (max_bytes > 0 && (static_cast<unsigned char>(text[max_bytes]) & 0xC0) == 0x80) {
    --max_bytes;
  }
  return std::string(text.substr(0, max_bytes)) + "...";
}

}  // namespace airm::chaos
