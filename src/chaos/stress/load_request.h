// The requests a load run sends and how each answer is judged.
//
// Request k carries rows_per_request consecutive pool rows starting at row
// (k × rows_per_request) mod pool size, wrapping around, so every answer is
// for known rows and can be compared with the unloaded answer for the same
// rows and with their labels.
#pragma once

#include <cstdint>
#include <vector>

#include "airm/chaos/load_test.h"
#include "airm/chaos/model_adapter.h"

namespace airm::chaos::load {

// What one request yielded. Times are seconds since the run started.
struct RequestRecord {
  double scheduled = 0;  // open loop: the scheduled send time; closed loop: == sent
  double sent = 0;
  double finished = 0;
  FailureKind failure = FailureKind::kNone;
  bool slow = false;  // answered, but later than LoadOptions::timeout_seconds
  int rows = 0;
  // Per-row comparisons of a succeeded request.
  int32_t rows_changed = 0;
  int32_t labelled = 0;
  int32_t correct = 0;
  int32_t correct_unloaded = 0;

  bool succeeded() const { return failure == FailureKind::kNone && !slow; }
  double latency() const { return finished - scheduled; }
};

class RequestJudge {
 public:
  // `baseline` holds the unloaded score per pool row, or is empty when the
  // unloaded pass failed; `labels` is null or one label per pool row.
  RequestJudge(const Batch& pool, std::vector<double> baseline, const std::vector<double>* labels,
               const LoadOptions& options);

  // The payload of request k.
  Batch MakeRequest(int64_t k) const;
  // Fills failure / slow / per-row comparisons of `record` (times set).
  void Judge(int64_t k, const PredictOutcome& outcome, RequestRecord* record) const;

  bool has_baseline() const { return !baseline_.empty(); }
  bool has_labels() const { return labels_ != nullptr; }

 private:
  size_t PoolRow(int64_t k, int i) const;

  const Batch& pool_;
  std::vector<double> baseline_;
  const std::vector<double>* labels_;
  const LoadOptions& options_;
};

// Correct at the threshold: a finite score on the label's side (label 1:
// score >= threshold). A non-finite score is never correct.
bool CorrectAt(double score, double label, double threshold);

}  // namespace airm::chaos::load
