#include "method_choice.h"

#include <array>

namespace airm::drift {
namespace {

constexpr std::array<std::string_view, 5> kTests = {"ks", "chi2", "z_proportions",
                                                    "cramer_von_mises", "anderson_darling"};
constexpr std::array<std::string_view, 8> kDistances = {
    "energy", "wasserstein", "wasserstein_norm", "psi", "jensen_shannon", "hellinger", "kl", "tvd"};

}  // namespace

bool NeedsNumericValues(std::string_view m) {
  return m == "ks" || m == "cramer_von_mises" || m == "anderson_darling" || m == "energy" ||
         m == "wasserstein" || m == "wasserstein_norm";
}

const char* ColumnKindName(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::kContinuous:
      return "continuous";
    case ColumnKind::kCategorical:
      return "categorical";
    case ColumnKind::kBinary:
      return "binary";
  }
  return "unknown";
}

bool IsSignificanceTest(std::string_view method) {
  for (auto t : kTests) {
    if (t == method) return true;
  }
  return false;
}

bool IsKnownMethod(std::string_view name) {
  if (IsSignificanceTest(name)) return true;
  for (auto d : kDistances) {
    if (d == name) return true;
  }
  return false;
}

bool MethodApplies(std::string_view method, ColumnKind kind) {
  if (method == "z_proportions") return kind == ColumnKind::kBinary;
  if (NeedsNumericValues(method)) return kind == ColumnKind::kContinuous;
  return IsKnownMethod(method);
}

double DefaultDistanceThreshold(std::string_view method) {
  // PSI >= 0.2 is the conventional "significant shift" cut-off in credit
  // risk practice (0.1-0.2 "moderate"); the bounded distances use 0.1.
  return method == "psi" ? 0.2 : 0.1;
}

MethodPlan ChooseMethod(ColumnKind kind, std::string_view requested, double alpha) {
  MethodPlan plan;
  plan.threshold = alpha;
  switch (kind) {
    case ColumnKind::kContinuous:
      plan.method = "ks";
      plan.effect_size_name = "wasserstein_norm";
      break;
    case ColumnKind::kBinary:
      plan.method = "z_proportions";
      plan.effect_size_name = "jensen_shannon";
      break;
    case ColumnKind::kCategorical:
      plan.method = "chi2";
      plan.effect_size_name = "jensen_shannon";
      break;
  }
  plan.effect_size_threshold = 0.1;
  if (requested == "auto" || requested.empty()) return plan;
  if (!MethodApplies(requested, kind)) {
    plan.note = std::string(requested) + " does not apply to a " + ColumnKindName(kind) +
                " column, so the automatic choice was used";
    return plan;
  }
  plan.method = std::string(requested);
  plan.method_is_test = IsSignificanceTest(requested);
  plan.threshold = plan.method_is_test ? alpha : DefaultDistanceThreshold(requested);
  return plan;
}

bool IsOutputRole(ColumnRole role) {
  return role == ColumnRole::kTarget || role == ColumnRole::kPrediction ||
         role == ColumnRole::kScore;
}

void UseShareChangeForProportions(ColumnRole role, ColumnKind kind, MethodPlan* plan) {
  if (!IsOutputRole(role) || kind == ColumnKind::kContinuous) return;
  plan->effect_size_name = "tvd";
  plan->effect_size_threshold = kOutputShareChangeThreshold;
}

}  // namespace airm::drift
