// Sends candidate rows to the model in one batch per search step and counts
// the traffic. A failed answer ends the search: it cannot go on blind.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/status.h"

namespace airm::chaos::manipulation {

class CandidateScorer {
 public:
  explicit CandidateScorer(ModelAdapter& adapter) : adapter_(adapter) {}

  // One score per row of `batch` (an empty batch needs no call).
  // Unavailable naming `step` and the adapter's failure when the model
  // fails or answers the wrong number of scores.
  Result<std::vector<double>> Score(const Batch& batch, const std::string& step);

  int64_t rows_scored() const { return rows_scored_; }
  int64_t calls() const { return calls_; }

 private:
  ModelAdapter& adapter_;
  int64_t rows_scored_ = 0;
  int64_t calls_ = 0;
};

// Decision helpers shared by the search and the monotonicity check.
inline bool IsPositive(double score, double threshold) { return score >= threshold; }
// Whether `score` lands on the other side of the threshold than `positive`.
// A non-finite score never counts as a flip.
bool Flips(double score, bool positive, double threshold);

}  // namespace airm::chaos::manipulation
