#include "status_rules.h"

#include <cmath>
#include <cstdio>

namespace airm::chaos::internal {
namespace {

std::string Fixed(double x, int digits = 3) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.*f", digits, x);
  return buf;
}

std::string Percent(double share) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * share);
  return buf;
}

bool CleanRejection(const ServiceAnswer& a) {
  return a.failure == FailureKind::kRejectedInput ||
         (a.failure == FailureKind::kHttpStatus && a.http_status >= 400 && a.http_status < 500);
}

// "ROC AUC fell by 0.062" / "RMSE rose by 7.1%".
std::string DropText(const std::string& metric, double drop) {
  if (metric == "rmse") {
    if (std::abs(drop) < 0.0005) return "RMSE unchanged";
    return std::string(drop >= 0 ? "RMSE rose by " : "RMSE fell by ") + Percent(std::abs(drop));
  }
  const std::string name = metric == "roc_auc" ? "ROC AUC" : metric;
  if (std::abs(drop) < 0.0005) return name + " unchanged";
  return name + (drop >= 0 ? " fell by " : " rose by ") + Fixed(std::abs(drop));
}
}  // namespace

std::optional<double> WorstDrop(const std::vector<MetricChange>& metrics, std::string* which) {
  std::optional<double> worst;
  for (const MetricChange& m : metrics) {
    std::optional<double> drop;
    if ((m.metric == "roc_auc" || m.metric == "accuracy") && m.delta) {
      drop = -*m.delta;
    } else if (m.metric == "rmse" && m.delta && m.baseline && *m.baseline > 0) {
      drop = *m.delta / *m.baseline;
    }
    if (drop && (!worst || *drop > *worst)) {
      worst = drop;
      if (which != nullptr) *which = m.metric;
    }
  }
  return worst;
}

Judgement JudgeCase(const ChaosCase& c, bool invariant, bool baseline_served,
                    const StatusThresholds& t) {
  if (!Served(c.primary)) {
    const std::string failure = DescribeFailure(c.primary);
    if (c.fallback_used) {
      if (!Served(c.fallback)) {
        return {CaseStatus::kFailed, "the model failed (" + failure +
                                         ") and the fallback failed too (" +
                                         DescribeFailure(c.fallback) + ")"};
      }
      std::string metric;
      const std::optional<double> drop = WorstDrop(c.fallback_metrics, &metric);
      if (drop && *drop > t.failed_drop) {
        return {CaseStatus::kFailed, "the model failed (" + failure +
                                         "); the fallback served, but its " +
                                         DropText(metric, *drop) + " against the model"};
      }
      return {CaseStatus::kDegraded,
              "the model failed (" + failure + "); the fallback served" +
                  (drop ? " (" + DropText(metric, *drop) + " against the model)"
                        : " (its accuracy is undefined here: insufficient evidence)")};
    }
    if (CleanRejection(c.primary) && c.family != Family::kUpstream) {
      return {CaseStatus::kDegraded,
              "the input was rejected cleanly (" + failure +
                  "); nothing was served. Degraded, not handled: a clean refusal is safe, but "
                  "these rows got no prediction, so callers need a fallback or an error path"};
    }
    return {CaseStatus::kFailed, failure};
  }
  if (c.inconsistent_rows && *c.inconsistent_rows > 0) {
    return {CaseStatus::kFailed,
            std::to_string(*c.inconsistent_rows) +
                (invariant ? " rows scored differently although their input meant the same"
                           : " rows sent more than once scored differently")};
  }
  if (c.rows_sent == 0)
    return {CaseStatus::kHandled, "the empty batch was answered with no scores"};
  if (!baseline_served) {
    return {CaseStatus::kHandled,
            "answered; no comparison (insufficient evidence: the baseline was not served)"};
  }
  std::string metric;
  const std::optional<double> drop = WorstDrop(c.metrics, &metric);
  if (drop && *drop > t.failed_drop) return {CaseStatus::kFailed, DropText(metric, *drop)};
  if (drop && *drop > t.degraded_drop) return {CaseStatus::kDegraded, DropText(metric, *drop)};
  if (c.changed_share && *c.changed_share > t.degraded_changed_share) {
    return {CaseStatus::kDegraded, Percent(*c.changed_share) + " of decisions changed"};
  }
  std::string reason = "answered";
  if (drop) {
    reason += "; " + DropText(metric, *drop);
  } else {
    reason += "; metric changes undefined (insufficient evidence)";
  }
  if (c.changed_share) reason += ", " + Percent(*c.changed_share) + " of decisions changed";
  return {CaseStatus::kHandled, reason};
}

}  // namespace airm::chaos::internal
