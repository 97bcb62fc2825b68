// What a metric is called on a page, and the order pages list metrics in:
// shared by the evaluation report and the model card, so a reader meets
// "False negative rate" (not "fnr") in the same place in both.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/eval_result.h"

namespace airm::report {

// Human-readable name: "accuracy" -> "Accuracy", "roc_auc" -> "ROC AUC",
// "fpr" -> "False positive rate"; unknown names are returned as given.
std::string MetricLabel(std::string_view metric);

// `names` in the order a page lists metrics: the task's headline metrics
// first, then a fixed order by meaning (decisions, ranking, probability
// quality, regression errors, fairness), unknown names last by name.
std::vector<std::string> OrderMetrics(TaskType task, std::vector<std::string> names);

}  // namespace airm::report
