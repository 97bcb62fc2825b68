#include "load_request.h"

#include <cmath>
#include <utility>

namespace airm::chaos::load {

bool CorrectAt(double score, double label, double threshold) {
  if (!std::isfinite(score)) return false;
  return (score >= threshold) == (label >= 0.5);
}

RequestJudge::RequestJudge(const Batch& pool, std::vector<double> baseline,
                           const std::vector<double>* labels, const LoadOptions& options)
    : pool_(pool), baseline_(std::move(baseline)), labels_(labels), options_(options) {}

size_t RequestJudge::PoolRow(int64_t k, int i) const {
  const uint64_t n = pool_.rows.size();
  const uint64_t first = static_cast<uint64_t>(k) * options_.rows_per_request % n;
  return static_cast<size_t>((first + static_cast<uint64_t>(i)) % n);
}

Batch RequestJudge::MakeRequest(int64_t k) const {
  Batch batch;
  batch.columns = pool_.columns;
  batch.rows.reserve(options_.rows_per_request);
  for (int i = 0; i < options_.rows_per_request; ++i)
    batch.rows.push_back(pool_.rows[PoolRow(k, i)]);
  return batch;
}

void RequestJudge::Judge(int64_t k, const PredictOutcome& outcome, RequestRecord* record) const {
  record->rows = options_.rows_per_request;
  record->failure = outcome.failure;
  if (!outcome.ok()) return;
  if (outcome.scores.size() != static_cast<size_t>(options_.rows_per_request)) {
    // The adapter contract promises one score per row; hold it to that.
    record->failure = FailureKind::kWrongCount;
    return;
  }
  if (options_.timeout_seconds && record->latency() > *options_.timeout_seconds) {
    record->slow = true;
    return;
  }
  for (int i = 0; i < options_.rows_per_request; ++i) {
    const size_t row = PoolRow(k, i);
    const double served = outcome.scores[i];
    if (has_baseline()) {
      const double unloaded = baseline_[row];
      const bool same = (std::isnan(served) && std::isnan(unloaded)) || served == unloaded ||
                        std::fabs(served - unloaded) <= options_.answer_tolerance;
      if (!same) ++record->rows_changed;
    }
    if (labels_ && std::isfinite((*labels_)[row])) {
      ++record->labelled;
      if (CorrectAt(served, (*labels_)[row], options_.decision_threshold)) ++record->correct;
      if (has_baseline() &&
          CorrectAt(baseline_[row], (*labels_)[row], options_.decision_threshold)) {
        ++record->correct_unloaded;
      }
    }
  }
}

}  // namespace airm::chaos::load
