// Internal: sending one case to the model (and the fallback) and filling in
// its ChaosCase: answers, comparison with the baseline, status.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/chaos_result.h"
#include "airm/chaos/model_adapter.h"
#include "baseline_comparison.h"
#include "catalogue.h"
#include "model_input.h"

namespace airm::chaos::internal {

// Sends `batch` in requests of `batch_rows` rows (one request when
// `single_request` or when it is empty), stopping at the first failure, and
// checks the answer: one score per row, finite, and in [0, 1] for a binary
// task. *scores receives the scores when every request was answered.
ServiceAnswer SendBatch(ModelAdapter& adapter, const Batch& batch, size_t batch_rows,
                        bool single_request, bool binary, std::vector<double>* scores);

class CaseRunner {
 public:
  // `comparison` is null when the baseline was not served.
  CaseRunner(const ModelInput& input, const ChaosOptions& options,
             const BaselineComparison* comparison, ModelAdapter* fallback);

  // Builds the plan's input, sends it to `model`, and judges the answer.
  // *mean_abs_change (optional) receives the mean absolute score change
  // against the baseline when it is defined (feature importance).
  ChaosCase Run(const CasePlan& plan, ModelAdapter& model,
                std::optional<double>* mean_abs_change = nullptr) const;

  // For a prepared input (upstream probes reuse the unperturbed batch).
  ChaosCase RunInput(const CasePlan& plan, const CaseInput& input, ModelAdapter& model,
                     std::optional<double>* mean_abs_change = nullptr) const;

 private:
  // Per input row, the first score the batch carried for it (NaN when none),
  // and how many input rows got differing scores from their repeats (or,
  // for invariant cases, from the baseline).
  std::vector<double> PerInputRow(const CaseInput& input, std::span<const double> scores,
                                  bool invariant, uint64_t* inconsistent) const;

  const ModelInput& input_;
  const ChaosOptions& options_;
  const BaselineComparison* comparison_;
  ModelAdapter* fallback_;
};

}  // namespace airm::chaos::internal
