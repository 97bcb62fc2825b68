#include "findings.h"

#include <algorithm>

namespace airm::chaos::internal {

ChaosSummary Summarise(const std::vector<ChaosCase>& cases) {
  ChaosSummary s;
  for (const ChaosCase& c : cases) {
    ++s.cases;
    auto it = std::find_if(s.by_family.begin(), s.by_family.end(),
                           [&](const FamilySummary& f) { return f.family == c.family; });
    if (it == s.by_family.end()) {
      s.by_family.push_back(FamilySummary{c.family, 0, 0, 0});
      it = s.by_family.end() - 1;
    }
    switch (c.status) {
      case CaseStatus::kHandled:
        ++s.handled;
        ++it->handled;
        break;
      case CaseStatus::kDegraded:
        ++s.degraded;
        ++it->degraded;
        break;
      case CaseStatus::kFailed:
        ++s.failed;
        ++it->failed;
        break;
    }
    s.verdict = std::max(s.verdict, c.status);
  }
  std::sort(s.by_family.begin(), s.by_family.end(),
            [](const FamilySummary& a, const FamilySummary& b) { return a.family < b.family; });
  return s;
}

std::vector<Finding> ChaosFindings(const std::vector<ChaosCase>& cases,
                                   std::vector<Finding> extra) {
  std::vector<Finding> out;
  for (const ChaosCase& c : cases) {
    if (c.status == CaseStatus::kHandled) continue;
    const bool failed = c.status == CaseStatus::kFailed;
    Finding f =
        MakeFinding(failed ? Severity::kFail : Severity::kWarn,
                    std::string("chaos.") + FamilyName(c.family) + "." + CaseStatusName(c.status),
                    c.name, c.perturbation + ": " + c.reason + ".");
    for (const MetricChange& m : c.metrics) {
      if (m.delta) f.evidence["delta_" + m.metric] = *m.delta;
    }
    for (const MetricChange& m : c.fallback_metrics) {
      if (m.perturbed) f.evidence["fallback_" + m.metric] = *m.perturbed;
    }
    if (c.changed_share) f.evidence["changed_share"] = *c.changed_share;
    f.evidence["rows_affected"] = static_cast<double>(c.rows_affected);
    out.push_back(std::move(f));
  }
  for (Finding& f : extra) out.push_back(std::move(f));
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

}  // namespace airm::chaos::internal
