// MetricValue: one metric with its confidence interval, or why it is undefined.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace airm {

struct MetricValue {
  std::optional<double> value;   // nullopt: undefined (zero denominator, one class, ...)
  std::optional<double> ci_low;  // 95% interval; nullopt when not computable
  std::optional<double> ci_high;
  std::string ci_method;  // "wilson", "delong", "bootstrap", "" when none
  std::string note;       // why undefined, or a caveat ("insufficient evidence: ...")
};

// Keyed by metric name: accuracy, balanced_accuracy, precision, recall,
// specificity, f1, fpr, fnr, selection_rate, error_rate, roc_auc,
// average_precision, log_loss, brier; mae, rmse, mape, r2, abs_error_p50,
// abs_error_p90, abs_error_p99; multiclass adds macro_f1, macro_recall, ...
using MetricMap = std::map<std::string, MetricValue>;

}  // namespace airm
