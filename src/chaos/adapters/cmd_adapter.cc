// cmd:COMMAND — a model run as a process: `sh -c COMMAND` reads the batch as
// CSV (csv_payload.h) on stdin and writes one number per line on stdout.
//
// One process per chunk of at most max_batch_rows rows: simple, and a crash
// spoils only that call. At most pool_size processes run at once; further
// calls wait their turn (the wait is not part of the timeout).
//
// How an answer is judged, in order:
//   /bin/sh cannot be spawned, or exits 126/127 (command not executable /
//   not found)                                    -> kConnectionRefused
//   no EOF and exit within timeout_seconds        -> kTimeout (group killed)
//   exit status != 0, or killed by a signal       -> kCrash (stderr tail in detail)
//   more than 64 MiB on stdout, or a line that is not one number (after
//   trimming spaces; nan/inf accepted)            -> kMalformed
//   a line count other than the row count         -> kWrongCount
// A final newline is optional; a blank line is a malformed line.
#include <signal.h>
#include <string.h>

#include <condition_variable>
#include <mutex>

#include "adapter_factories.h"
#include "airm/child_process.h"
#include "call_policy.h"
#include "csv_payload.h"
#include "number_text.h"

namespace airm::chaos {
namespace {

std::string WithStderr(std::string detail, const std::string& stderr_tail) {
  const std::string_view tail = TrimSpace(stderr_tail);
  if (tail.empty()) return detail;
  // Keep the end of stderr: that is where the error usually is.
  constexpr size_t kMaxTail = 240;
  const std::string_view shown =
      tail.size() > kMaxTail ? tail.substr(tail.size() - kMaxTail) : tail;
  return detail + "; stderr: " + (tail.size() > kMaxTail ? "..." : "") + std::string(shown);
}

PredictOutcome Judge(const ChildRun& run, size_t expected_rows, double timeout_seconds) {
  PredictOutcome outcome;
  if (!run.spawned) {
    outcome.failure = FailureKind::kConnectionRefused;
    outcome.detail = "cannot start the model process: " + run.spawn_error;
    return outcome;
  }
  if (run.timed_out) {
    outcome.failure = FailureKind::kTimeout;
    outcome.detail = "no complete answer within " + ShortestNumber(timeout_seconds) +
                     " s; the process group was killed";
    return outcome;
  }
  if (run.exited && (run.exit_code == 126 || run.exit_code == 127)) {
    outcome.failure = FailureKind::kConnectionRefused;
    outcome.detail = WithStderr(
        "the command could not start (sh exit status " + std::to_string(run.exit_code) + ")",
        run.stderr_tail);
    return outcome;
  }
  if (!run.exited || run.exit_code != 0) {
    outcome.failure = FailureKind::kCrash;
    std::string how;
    if (run.exited) {
      how = "the model process exited with status " + std::to_string(run.exit_code);
    } else if (run.term_signal != 0) {
      const char* name = sigabbrev_np(run.term_signal);
      how = "the model process was killed by signal " + std::to_string(run.term_signal) +
            (name != nullptr ? std::string(" (SIG") + name + ")" : "");
    } else {
      how = "the model process ended with an unknown status";
    }
    outcome.detail = WithStderr(how, run.stderr_tail);
    return outcome;
  }
  if (run.stdout_overflow) {
    outcome.failure = FailureKind::kMalformed;
    outcome.detail = "more than " + std::to_string(kMaxStdoutBytes >> 20) + " MiB on stdout";
    return outcome;
  }
  // Lines of stdout without the final newline; "" has none, "\n" one blank.
  std::string_view text = run.stdout_text;
  if (!text.empty() && text.back() == '\n') text.remove_suffix(1);
  size_t line_number = 0;
  while (!run.stdout_text.empty()) {
    const size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    ++line_number;
    const std::optional<double> value = ParseNumber(TrimSpace(line));
    if (!value) {
      outcome.failure = FailureKind::kMalformed;
      outcome.detail = "stdout line " + std::to_string(line_number) + ": '" + Truncate(line, 80) +
                       "' is not a number";
      outcome.scores.clear();
      return outcome;
    }
    outcome.scores.push_back(*value);
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  if (outcome.scores.size() != expected_rows) {
    outcome.failure = FailureKind::kWrongCount;
    outcome.detail = "expected " + std::to_string(expected_rows) + " lines on stdout, got " +
                     std::to_string(outcome.scores.size());
    outcome.scores.clear();
  }
  return outcome;
}

class CmdAdapter : public ModelAdapter {
 public:
  CmdAdapter(std::string command, const AdapterOptions& options)
      : command_(std::move(command)), options_(options) {}

  PredictOutcome Predict(const Batch& batch) override {
    return PredictChunked(batch, options_, [this](const BatchView& chunk) { return Run(chunk); });
  }

  std::string Describe() const override {
    return "cmd:" + command_ + " (process: CSV on stdin, one score per line on stdout)";
  }
  bool IsLocal() const override { return true; }

 private:
  PredictOutcome Run(const BatchView& chunk) {
    const std::string input = EncodeCsv(chunk.columns, chunk.rows);
    {
      std::unique_lock<std::mutex> lock(mutex_);
      slot_free_.wait(lock, [this] { return running_ < options_.pool_size; });
      ++running_;
    }
    const ChildRun run = RunShellCommand(command_, input, options_.timeout_seconds);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      --running_;
    }
    slot_free_.notify_one();
    return Judge(run, chunk.rows.size(), options_.timeout_seconds);
  }

  std::string command_;
  AdapterOptions options_;
  std::mutex mutex_;
  std::condition_variable slot_free_;
  int running_ = 0;
};

}  // namespace

std::unique_ptr<ModelAdapter> MakeCmdAdapter(const std::string& command,
                                             const AdapterOptions& options) {
  return std::make_unique<CmdAdapter>(command, options);
}

}  // namespace airm::chaos
