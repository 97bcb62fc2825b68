// Determinism: the same batch scored twice must score the same.
#include "catalogue.h"

namespace airm::chaos::internal {

std::vector<CasePlan> DeterminismCases(const ModelInput& input) {
  return {MakePlan(Family::kDeterminism, "repeat", "repeat", "",
                   "the unperturbed batch sent again; every score must repeat",
                   Invariance::kMustMatch, [&input] { return CopyOfBase(input); })};
}

}  // namespace airm::chaos::internal
