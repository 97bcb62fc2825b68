// Words and conventions shared by the evaluation renderers (JSON, HTML):
// how a slice is named, what a metric is called in prose, which direction is
// "better", and which metrics headline a report for each task.
//
// Kept apart from the renderers so the JSON "name" of a slice and the text a
// reviewer reads on the page can never disagree.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/eval_result.h"
#include "airm/report/metric_names.h"  // MetricLabel, OrderMetrics

namespace airm::report {

// One predicate in words: "Home = rent", "Age in [20, 30)",
// "Income is missing". Unknown operators are printed as given.
std::string PredicateText(const Predicate& p);

// The predicates joined with " & " ("Home = rent & Job = partime"); "" for
// none (the whole data set).
std::string SliceText(const std::vector<Predicate>& predicates);

// Whether a larger value of a metric is better, worse, or neither (counts,
// selection rate: a property of the data, not a quality).
enum class MetricDirection { kHigherIsBetter, kLowerIsBetter, kNeutral };
MetricDirection DirectionOf(std::string_view metric);

// True for metrics that are proportions in [0, 1] (accuracy, rates, AUC),
// which the page prints on a common scale.
bool IsProportionMetric(std::string_view metric);

// A one-line explanation for a reader who is not a statistician; "" when
// there is none for the metric.
std::string MetricHint(std::string_view metric);

// The metrics the page headlines (and the heat map shows) for a task, in
// order of importance. Callers keep only those the result actually has.
std::vector<std::string> HeadlineMetrics(TaskType task);

// Keys of the flattened views in the JSON document that a metric or
// disparity name must not overwrite (documented in docs/evaluation-report.md).
bool IsReservedWorstCaseKey(std::string_view key);
bool IsReservedFairnessKey(std::string_view key);

}  // namespace airm::report
