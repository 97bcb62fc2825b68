// ModelAdapter: how `airm chaos` talks to a model, whatever serves it.
//
// A spec string picks the adapter (see MakeModelAdapter). Every adapter turns
// a Batch (named columns, rows of JSON-like cells) into one score per row, or
// into a PredictOutcome whose failure says what went wrong. Adapters never
// throw and never crash airm: a refused connection, a timeout, an HTTP 5xx,
// a malformed answer or a dead child process are all data (FailureKind).
//
// Thread-safety: Predict may be called from several threads at once (the load
// test does); adapters pool their connections or processes internally.
// Wire formats, the prediction-reading rules and when each FailureKind is
// reported: docs/chaos-adapters.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "airm/status.h"

namespace airm::chaos {

// One input value as it goes over the wire. monostate is JSON null; a double
// may be NaN or ±Inf (sent as the NaN / Infinity / -Infinity tokens that
// Python's json and pandas accept); a string may sit in a numeric column on
// purpose (the "types" failure modes).
using Cell = std::variant<std::monostate, double, std::string>;

struct Batch {
  std::vector<std::string> columns;     // in payload order; a column may be absent on purpose
  std::vector<std::vector<Cell>> rows;  // rows[i].size() == columns.size()
};

enum class FailureKind {
  kNone = 0,
  kConnectionRefused,  // nothing listening / process could not start (sh exit 126 or 127)
  kTimeout,            // no complete answer within AdapterOptions::timeout_seconds
  kHttpStatus,         // a non-2xx answer (http_status says which)
  kMalformed,          // the answer is not the protocol's shape (bad JSON, missing field)
  kWrongCount,         // the answer has a different number of predictions than rows sent
  kCrash,              // the model died mid-request: a cmd: model exited non-zero or on a
                       // signal, or an HTTP server closed the connection without answering
  kRejectedInput,      // the adapter itself cannot encode the batch (xgboost: string in numeric)
};

// "none", "connection_refused", "timeout", "http_status", "malformed",
// "wrong_count", "crash", "rejected_input": stable names for result files.
const char* FailureKindName(FailureKind kind);

struct PredictOutcome {
  FailureKind failure = FailureKind::kNone;
  int http_status = 0;  // for kHttpStatus
  std::string detail;   // human-readable, e.g. "HTTP 500: model error" (truncated to ~300 chars)
  int attempts = 1;     // requests (or processes) made, retries and every batch chunk included
  // Wall time of the successful (or last) attempt; summed over chunks when
  // the batch was split. Failed earlier attempts and backoff sleeps excluded.
  double latency_seconds = 0;
  // One per row on success: a probability of the positive class for
  // classifiers (or a class score), the predicted value for regressors. May
  // hold NaN/Inf if the model returned them; the caller judges validity.
  std::vector<double> scores;
  bool ok() const { return failure == FailureKind::kNone; }
};

// What an xgboost: model file may cost. A model file is untrusted input: it is
// read whole (at most max_bytes), every tree is checked (docs/chaos-adapters.md,
// "Model files are untrusted") and only then handed to libxgboost. A file past
// a limit is refused with a message naming the limit and the `airm chaos` flag
// that raises it. Parsing holds at most one JSON value per file byte (about
// 16 x max_bytes of memory at worst); XGBoost then holds ~40 bytes per node.
struct ModelFileLimits {
  uint64_t max_bytes = uint64_t{64} << 20;  // --max-model-bytes
  uint64_t max_trees = 100'000;             // --max-model-trees
  uint64_t max_nodes = 4'000'000;           // --max-model-nodes, summed over all trees
  uint64_t max_depth = 256;                 // --max-model-depth, the root is depth 0
};

struct AdapterOptions {
  double timeout_seconds = 10.0;  // per request: connect, and each send / receive
                                  // (cmd: the whole process run; xgboost: unused)
  int max_batch_rows = 1000;      // larger batches are split into requests of at most this size
  int retries = 2;                // on refused / timeout / 5xx only; never on 4xx, malformed,
                                  // wrong count, crash or rejected input
  double backoff_seconds = 0.05;  // doubled after each retry, up to max(60 s, this)
  int pool_size = 8;              // max concurrent connections / processes
  // Which output to read when a prediction is an object (the key of that
  // name) or a probability vector (when it is an integer index): the
  // positive class's probability (see docs/chaos-adapters.md).
  std::optional<std::string> positive_label;
  ModelFileLimits model_limits;  // xgboost: only

  // InvalidArgument naming the option when a value is out of range:
  // timeout_seconds in (0, 86400], max_batch_rows >= 1, retries in [0, 100],
  // backoff_seconds in [0, 3600], pool_size in [1, 4096], every model limit
  // >= 1. MakeModelAdapter calls it.
  Status Validate() const;
};

class ModelAdapter {
 public:
  virtual ~ModelAdapter() = default;
  // Scores every row of `batch`, splitting into max_batch_rows requests. A
  // failure of any part fails the whole call (scores empty). A batch of zero
  // rows is still sent once (an empty request is a failure mode to probe).
  virtual PredictOutcome Predict(const Batch& batch) = 0;
  // "http://127.0.0.1:5001/invocations (MLflow scoring protocol)" etc.
  virtual std::string Describe() const = 0;
  // True for adapters whose target runs on this machine (the load test only
  // runs against loopback or in-process targets).
  virtual bool IsLocal() const = 0;
};

// Spec grammar:
//   http://HOST:PORT/PATH            MLflow scoring protocol (dataframe_split)
//   kserve://HOST:PORT/MODEL         Open Inference Protocol v2 /v2/models/MODEL/infer
//   cmd:COMMAND                      sh -c COMMAND; CSV (header + rows) on stdin, one score per
//   line on stdout xgboost:MODEL.json[:META.json]   in-process XGBoost (Debian libxgboost) with a
//   feature-encoding meta
// http:// without a path posts to /invocations. xgboost: splits at the last
// ':' (paths containing ':' are not supported); without META it reads
// MODEL's name with ".json" replaced by "_meta.json" when that file exists.
// Returns InvalidArgument for an unknown scheme or a malformed spec, and
// IoError / ParseError when an xgboost model or meta file cannot be loaded.
Result<std::unique_ptr<ModelAdapter>> MakeModelAdapter(std::string_view spec,
                                                       const AdapterOptions& options);

}  // namespace airm::chaos
