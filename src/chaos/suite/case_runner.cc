#include "case_runner.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "status_rules.h"

namespace airm::chaos::internal {
namespace {

using Clock = std::chrono::steady_clock;

// Flags scores a caller cannot use: NaN / ±Inf, and outside [0, 1] for a
// probability. Returns the reason, or "" when every score is valid.
std::string InvalidScores(std::span<const double> scores, bool binary) {
  size_t non_finite = 0, outside = 0;
  for (double s : scores) {
    if (!std::isfinite(s)) {
      ++non_finite;
    } else if (binary && (s < 0 || s > 1)) {
      ++outside;
    }
  }
  std::string out;
  if (non_finite > 0) out = std::to_string(non_finite) + " scores are not finite";
  if (outside > 0) {
    out += (out.empty() ? "" : "; ") + std::to_string(outside) +
           " scores are outside [0, 1] for a probability";
  }
  return out;
}

void Absorb(const PredictOutcome& o, ServiceAnswer* a) {
  a->failure = o.failure;
  a->http_status = o.http_status;
  a->detail = o.detail;
  a->attempts += o.attempts;
}

bool Differs(double a, double b, double tolerance) {
  if (std::isnan(a) || std::isnan(b)) return std::isnan(a) != std::isnan(b);
  return std::abs(a - b) > tolerance * std::max(1.0, std::abs(b));
}

}  // namespace

ServiceAnswer SendBatch(ModelAdapter& adapter, const Batch& batch, size_t batch_rows,
                        bool single_request, bool binary, std::vector<double>* scores) {
  ServiceAnswer answer;
  scores->clear();
  scores->reserve(batch.rows.size());
  const Clock::time_point start = Clock::now();
  const auto send = [&](const Batch& part) {
    ++answer.requests;
    PredictOutcome o = adapter.Predict(part);
    Absorb(o, &answer);
    if (!o.ok()) return false;
    if (o.scores.size() != part.rows.size()) {
      answer.failure = FailureKind::kWrongCount;
      answer.detail = "sent " + std::to_string(part.rows.size()) + " rows, got " +
                      std::to_string(o.scores.size()) + " scores";
      return false;
    }
    scores->insert(scores->end(), o.scores.begin(), o.scores.end());
    return true;
  };
  bool ok = true;
  if (single_request || batch.rows.size() <= batch_rows) {
    ok = send(batch);
  } else {
    Batch part;
    part.columns = batch.columns;
    for (size_t first = 0; ok && first < batch.rows.size(); first += batch_rows) {
      const size_t last = std::min(batch.rows.size(), first + batch_rows);
      part.rows.assign(batch.rows.begin() + first, batch.rows.begin() + last);
      ok = send(part);
    }
  }
  answer.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!ok) {
    scores->clear();
    return answer;
  }
  answer.answered = true;
  const std::string invalid = InvalidScores(*scores, binary);
  if (!invalid.empty()) {
    answer.invalid_output = true;
    answer.detail = invalid;
  }
  return answer;
}

CaseRunner::CaseRunner(const ModelInput& input, const ChaosOptions& options,
                       const BaselineComparison* comparison, ModelAdapter* fallback)
    : input_(input), options_(options), comparison_(comparison), fallback_(fallback) {}

std::vector<double> CaseRunner::PerInputRow(const CaseInput& in, std::span<const double> scores,
                                            bool invariant, uint64_t* inconsistent) const {
  const double tolerance = options_.thresholds.invariance_tolerance;
  std::vector<double> per_row(input_.rows(), std::nan(""));
  std::vector<uint8_t> bad(input_.rows(), 0);
  for (size_t i = 0; i < scores.size() && i < in.source_rows.size(); ++i) {
    const int64_t source = in.source_rows[i];
    if (source < 0) continue;
    double& first = per_row[source];
    if (std::isnan(first)) {
      first = scores[i];
    } else if (Differs(first, scores[i], tolerance)) {
      bad[source] = 1;
    }
    if (invariant && comparison_ != nullptr &&
        Differs(comparison_->baseline_scores()[source], scores[i], tolerance)) {
      bad[source] = 1;
    }
  }
  *inconsistent = std::count(bad.begin(), bad.end(), 1);
  return per_row;
}

ChaosCase CaseRunner::Run(const CasePlan& plan, ModelAdapter& model,
                          std::optional<double>* mean_abs_change) const {
  const CaseInput in = plan.build();
  return RunInput(plan, in, model, mean_abs_change);
}

ChaosCase CaseRunner::RunInput(const CasePlan& plan, const CaseInput& in, ModelAdapter& model,
                               std::optional<double>* mean_abs_change) const {
  ChaosCase c;
  c.name = plan.name;
  c.family = plan.family;
  c.mode = plan.mode;
  c.feature = plan.feature;
  c.perturbation = plan.perturbation;
  c.rows_sent = in.batch.rows.size();
  c.rows_affected = in.rows_affected;

  std::vector<double> scores;
  c.primary =
      SendBatch(model, in.batch, options_.batch_rows, in.single_request, input_.binary, &scores);
  if (Served(c.primary)) {
    uint64_t inconsistent = 0;
    const std::vector<double> per_row = PerInputRow(in, scores, plan.invariant(), &inconsistent);
    const bool repeats = in.source_rows.size() > input_.rows();
    if (plan.invariant() || repeats) c.inconsistent_rows = inconsistent;
    if (comparison_ != nullptr && c.rows_sent > 0) {
      Comparison cmp = comparison_->Compare(per_row, in.affected);
      c.rows_compared = cmp.rows_compared;
      c.metrics = std::move(cmp.metrics);
      c.changed_share = cmp.changed_share;
      c.changed_share_affected = cmp.changed_share_affected;
      c.max_abs_score_change = cmp.max_abs_score_change;
      if (mean_abs_change != nullptr) *mean_abs_change = cmp.mean_abs_score_change;
    }
  } else if (fallback_ != nullptr) {
    c.fallback_used = true;
    std::vector<double> fallback_scores;
    c.fallback = SendBatch(*fallback_, in.batch, options_.batch_rows, in.single_request,
                           input_.binary, &fallback_scores);
    if (Served(c.fallback) && comparison_ != nullptr && c.rows_sent > 0) {
      uint64_t ignored = 0;
      const std::vector<double> per_row = PerInputRow(in, fallback_scores, false, &ignored);
      c.fallback_metrics = comparison_->Compare(per_row, in.affected).metrics;
    }
  }
  const Judgement j = JudgeCase(c, plan.invariant(), comparison_ != nullptr, options_.thresholds);
  c.status = j.status;
  c.reason = j.reason;
  return c;
}

}  // namespace airm::chaos::internal
