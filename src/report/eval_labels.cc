#include "eval_labels.h"

#include <algorithm>
#include <array>
#include <utility>

namespace airm::report {
namespace {

struct MetricInfo {
  std::string_view name;
  std::string_view label;
  MetricDirection direction;
  bool proportion;
  std::string_view hint;
};

using D = MetricDirection;

// One row per metric the evaluation computes (metric_value.h) plus the
// per-group rates of the fairness analysis, in the order pages list them
// (OrderMetrics): decisions at the threshold (right and wrong, then each kind
// of error), then the scores' ranking and probability quality, regression
// errors, and fairness measures.
constexpr std::array kMetrics = {
    MetricInfo{"accuracy", "Accuracy", D::kHigherIsBetter, true,
               "Share of rows predicted correctly."},
    MetricInfo{"error_rate", "Error rate", D::kLowerIsBetter, true,
               "Share of rows predicted wrongly."},
    MetricInfo{"balanced_accuracy", "Balanced accuracy", D::kHigherIsBetter, true,
               "Average of the recall of each class; not fooled by a rare class."},
    MetricInfo{"precision", "Precision", D::kHigherIsBetter, true,
               "Of the rows predicted positive, the share that really are."},
    MetricInfo{"recall", "Recall", D::kHigherIsBetter, true,
               "Of the truly positive rows, the share the model found (true positive rate)."},
    MetricInfo{"tpr", "True positive rate", D::kHigherIsBetter, true,
               "Of the truly positive rows, the share the model found."},
    MetricInfo{"specificity", "Specificity", D::kHigherIsBetter, true,
               "Of the truly negative rows, the share predicted negative."},
    MetricInfo{"fpr", "False positive rate", D::kLowerIsBetter, true,
               "Of the truly negative rows, the share wrongly flagged positive."},
    MetricInfo{"fnr", "False negative rate", D::kLowerIsBetter, true,
               "Of the truly positive rows, the share the model missed."},
    MetricInfo{"f1", "F1 score", D::kHigherIsBetter, true, "Balance of precision and recall."},
    MetricInfo{"selection_rate", "Selection rate", D::kNeutral, true,
               "Share of rows predicted positive."},
    MetricInfo{"macro_f1", "Macro F1", D::kHigherIsBetter, true,
               "F1 score averaged over classes, each class counting equally."},
    MetricInfo{"macro_recall", "Macro recall", D::kHigherIsBetter, true,
               "Recall averaged over classes."},
    MetricInfo{"macro_precision", "Macro precision", D::kHigherIsBetter, true,
               "Precision averaged over classes."},
    MetricInfo{"weighted_f1", "Weighted F1", D::kHigherIsBetter, true,
               "F1 score averaged over classes, weighted by class size."},
    MetricInfo{"roc_auc", "ROC AUC", D::kHigherIsBetter, true,
               "Chance that a random positive row scores above a random negative one (0.5 = "
               "guessing)."},
    MetricInfo{"average_precision", "Average precision", D::kHigherIsBetter, true,
               "Area under the precision-recall curve."},
    MetricInfo{"log_loss", "Log loss", D::kLowerIsBetter, false,
               "Penalty for confident wrong scores; lower is better."},
    MetricInfo{"brier", "Brier score", D::kLowerIsBetter, false,
               "Mean squared gap between score and outcome; lower is better."},
    MetricInfo{"ece", "Expected calibration error", D::kLowerIsBetter, false,
               "Average gap between predicted probability and observed frequency."},
    MetricInfo{"mae", "Mean absolute error", D::kLowerIsBetter, false,
               "Average size of the error, in the target's units."},
    MetricInfo{"rmse", "Root mean squared error", D::kLowerIsBetter, false,
               "Like the mean absolute error, but large errors weigh more."},
    MetricInfo{"mape", "Mean absolute percentage error", D::kLowerIsBetter, false,
               "Average error relative to the true value (rows with a true value of 0 are "
               "left out)."},
    MetricInfo{"r2", "R\u00b2", D::kHigherIsBetter, false,
               "Share of the target's variation the model explains (1 = perfect, 0 = no better "
               "than the mean)."},
    MetricInfo{"abs_error_p50", "Median absolute error", D::kLowerIsBetter, false,
               "Half of the rows have a smaller error."},
    MetricInfo{"abs_error_p90", "90th percentile absolute error", D::kLowerIsBetter, false,
               "90% of the rows have a smaller error."},
    MetricInfo{"abs_error_p99", "99th percentile absolute error", D::kLowerIsBetter, false,
               "99% of the rows have a smaller error."},
    MetricInfo{"demographic_parity_difference", "Demographic parity difference", D::kLowerIsBetter,
               true, "Largest gap in selection rate between two groups (0 = equal)."},
    MetricInfo{"demographic_parity_ratio", "Demographic parity ratio", D::kHigherIsBetter, true,
               "Lowest selection rate divided by the highest (1 = equal)."},
    MetricInfo{"equalized_odds_difference", "Equalized odds difference", D::kLowerIsBetter, true,
               "The larger of the gaps in true and false positive rate between groups."},
    MetricInfo{"equal_opportunity_difference", "Equal opportunity difference", D::kLowerIsBetter,
               true, "Largest gap in true positive rate between groups."},
    MetricInfo{"disparate_impact", "Disparate impact", D::kHigherIsBetter, true,
               "Each group's selection rate relative to the most-selected group; the lowest "
               "(the four-fifths rule asks for at least 0.8)."},
};

const MetricInfo* Find(std::string_view metric) {
  for (const MetricInfo& m : kMetrics) {
    if (m.name == metric) return &m;
  }
  return nullptr;
}

std::string OperatorText(std::string_view op) {
  if (op == "==") return "=";
  return std::string(op);
}

}  // namespace

std::string PredicateText(const Predicate& p) {
  if (p.op == "is_missing") return p.column + " is missing";
  if (p.value.empty()) return p.column + " " + OperatorText(p.op);
  return p.column + " " + OperatorText(p.op) + " " + p.value;
}

std::string SliceText(const std::vector<Predicate>& predicates) {
  std::string out;
  for (const Predicate& p : predicates) {
    if (!out.empty()) out += " & ";
    out += PredicateText(p);
  }
  return out;
}

MetricDirection DirectionOf(std::string_view metric) {
  const MetricInfo* m = Find(metric);
  return m ? m->direction : MetricDirection::kNeutral;
}

bool IsProportionMetric(std::string_view metric) {
  const MetricInfo* m = Find(metric);
  return m && m->proportion;
}

std::string MetricLabel(std::string_view metric) {
  const MetricInfo* m = Find(metric);
  return std::string(m ? m->label : metric);
}

std::string MetricHint(std::string_view metric) {
  const MetricInfo* m = Find(metric);
  return std::string(m ? m->hint : "");
}

std::vector<std::string> HeadlineMetrics(TaskType task) {
  switch (task) {
    case TaskType::kBinary:
      return {"accuracy", "recall", "fpr", "roc_auc", "balanced_accuracy", "f1", "error_rate"};
    case TaskType::kMulticlass:
      return {"accuracy", "macro_f1", "balanced_accuracy", "macro_recall", "error_rate"};
    case TaskType::kRegression:
      return {"mae", "rmse", "r2", "abs_error_p90"};
  }
  return {};
}

std::vector<std::string> OrderMetrics(TaskType task, std::vector<std::string> names) {
  const std::vector<std::string> headline = HeadlineMetrics(task);
  const auto rank = [&](const std::string& name) -> size_t {
    const auto h = std::find(headline.begin(), headline.end(), name);
    if (h != headline.end()) return static_cast<size_t>(h - headline.begin());
    for (size_t i = 0; i < kMetrics.size(); ++i) {
      if (kMetrics[i].name == name) return headline.size() + i;
    }
    return headline.size() + kMetrics.size();  // unknown: last, by name
  };
  std::stable_sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    const size_t ra = rank(a), rb = rank(b);
    return ra != rb ? ra < rb : a < b;
  });
  return names;
}

bool IsReservedWorstCaseKey(std::string_view key) {
  return key == "slice" || key == "note" || key == "metrics";
}

bool IsReservedFairnessKey(std::string_view key) {
  return key == "attribute" || key == "groups" || key == "disparities" ||
         key == "four_fifths_rule_passed" || key == "errors_independent" || key == "verdict";
}

}  // namespace airm::report
