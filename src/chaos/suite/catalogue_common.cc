// Helpers every catalogue family uses.
#include <algorithm>
#include <numeric>

#include "airm/splitmix64.h"
#include "catalogue.h"

namespace airm::chaos::internal {

CasePlan MakePlan(Family family, std::string name, std::string mode, std::string feature,
                  std::string perturbation, Invariance invariance,
                  std::function<CaseInput()> build) {
  CasePlan plan;
  plan.family = family;
  plan.name = std::move(name);
  plan.mode = std::move(mode);
  plan.feature = std::move(feature);
  plan.perturbation = std::move(perturbation);
  plan.invariance = invariance;
  plan.build = std::move(build);
  return plan;
}

CaseInput CopyOfBase(const ModelInput& input) {
  CaseInput out;
  out.batch = input.base;
  out.source_rows.resize(input.rows());
  std::iota(out.source_rows.begin(), out.source_rows.end(), int64_t{0});
  out.affected.assign(input.rows(), 0);
  return out;
}

std::vector<size_t> SampleRows(size_t n, double share, uint64_t seed) {
  if (n == 0) return {};
  size_t k = static_cast<size_t>(share * static_cast<double>(n) + 0.5);
  k = std::clamp<size_t>(k, 1, n);
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), size_t{0});
  SplitMix64 rng(seed);
  // Partial Fisher-Yates: the first k positions are a uniform sample.
  for (size_t i = 0; i < k; ++i) std::swap(rows[i], rows[i + rng.Below(n - i)]);
  rows.resize(k);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace airm::chaos::internal
