#include "candidate_scorer.h"

#include <cmath>

namespace airm::chaos::manipulation {

bool Flips(double score, bool positive, double threshold) {
  return std::isfinite(score) && IsPositive(score, threshold) != positive;
}

Result<std::vector<double>> CandidateScorer::Score(const Batch& batch, const std::string& step) {
  if (batch.rows.empty()) return std::vector<double>{};
  ++calls_;
  rows_scored_ += static_cast<int64_t>(batch.rows.size());
  PredictOutcome outcome = adapter_.Predict(batch);
  if (!outcome.ok()) {
    return Status::Unavailable("manipulation test: the model failed to score " +
                               std::to_string(batch.rows.size()) + " rows (" + step +
                               "): " + FailureKindName(outcome.failure) + ": " + outcome.detail);
  }
  if (outcome.scores.size() != batch.rows.size()) {
    return Status::Unavailable("manipulation test: the model answered " +
                               std::to_string(outcome.scores.size()) + " scores for " +
                               std::to_string(batch.rows.size()) + " rows (" + step + ")");
  }
  return std::move(outcome.scores);
}

}  // namespace airm::chaos::manipulation
