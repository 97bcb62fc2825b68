#include "eval_findings.h"

#include <algorithm>
#include <cstdio>

#include "airm/slices.h"

namespace airm {
namespace {

std::string Num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

// The headline metric of a task, for plain sentences.
const char* HeadlineMetric(TaskType t) { return t == TaskType::kRegression ? "mae" : "accuracy"; }

}  // namespace

std::vector<Finding> CollectEvalFindings(const EvalResult& r) {
  std::vector<Finding> out;
  const char* headline = HeadlineMetric(r.task);
  for (const SliceResult& s : r.slices) {
    if (!s.significant) continue;
    if (s.confirmed.has_value() && !*s.confirmed) continue;
    const std::string name = DescribeSlice(s.predicates);
    Finding f = MakeFinding(Severity::kWarn, "eval.slice.weak", name,
                            "Errors are concentrated where " + name + ": error " +
                                Num(s.error_rate) + " vs " + Num(s.overall_error) + " overall (" +
                                Num(s.lift) + "x), " + std::to_string(s.rows) + " rows");
    f.evidence["error_rate"] = s.error_rate;
    f.evidence["lift"] = s.lift;
    if (s.q_value) f.evidence["q_value"] = *s.q_value;
    out.push_back(std::move(f));
  }
  for (const FairnessResult& fr : r.fairness) {
    auto di = fr.disparities.find("disparate_impact");
    if (di != fr.disparities.end() && di->second.value && !fr.four_fifths_rule_passed) {
      Finding f = MakeFinding(Severity::kFail, "eval.fairness.four_fifths_rule", fr.attribute,
                              "Selection rates differ across " + fr.attribute +
                                  " groups: the lowest is " + Num(*di->second.value) +
                                  " of the highest, below the four-fifths (0.8) rule");
      f.evidence["disparate_impact"] = *di->second.value;
      out.push_back(std::move(f));
    }
    const auto& chi = fr.errors_independent_chi2;
    if (chi.p_value && *chi.p_value < r.config.alpha) {
      Finding f =
          MakeFinding(Severity::kWarn, "eval.fairness.errors_concentrated", fr.attribute,
                      "Errors are not random across " + fr.attribute +
                          " groups (chi-square p = " + Num(*chi.p_value) + "): " + fr.verdict);
      f.evidence["p_value"] = *chi.p_value;
      out.push_back(std::move(f));
    }
  }
  if (r.calibration.available && r.calibration.ece && *r.calibration.ece > 0.05) {
    Finding f =
        MakeFinding(Severity::kWarn, "eval.calibration.ece", "calibration",
                    "Stated confidences do not match outcomes: expected calibration error " +
                        Num(*r.calibration.ece) + " (above 0.05)");
    f.evidence["ece"] = *r.calibration.ece;
    out.push_back(std::move(f));
  }
  if (r.tail.available) {
    auto t = r.tail.tail_metrics.find(headline);
    auto rest = r.tail.rest_metrics.find(headline);
    if (t != r.tail.tail_metrics.end() && rest != r.tail.rest_metrics.end() && t->second.value &&
        rest->second.value) {
      const bool worse = r.task == TaskType::kRegression
                             ? *t->second.value > 1.5 * *rest->second.value
                             : *t->second.value < *rest->second.value - 0.1;
      if (worse) {
        out.push_back(MakeFinding(Severity::kWarn, "eval.tail.worse", "unusual rows",
                                  std::string("On the most unusual ") + Num(100 * r.tail.share) +
                                      "% of rows " + headline + " is " + Num(*t->second.value) +
                                      " vs " + Num(*rest->second.value) + " on the rest"));
      }
    }
  }
  for (const SegmentResult& s : r.segments) {
    if (!s.sufficient) {
      out.push_back(
          MakeFinding(Severity::kInfo, "eval.segment.insufficient", s.column + "=" + s.value,
                      "Too few rows (" + std::to_string(s.rows) + ") in " + s.column + " = " +
                          s.value + " for reliable metrics: insufficient evidence"));
    }
  }
  if (r.rows_excluded > 0) {
    out.push_back(
        MakeFinding(Severity::kInfo, "eval.rows_excluded", "data",
                    std::to_string(r.rows_excluded) + " rows were excluded from evaluation"));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

}  // namespace airm
