// Evaluation by merged counts (the Dask path): parts counted under the
// classes decided over all parts, merged, give the whole table's metrics of
// the counts, overall and per segment, exactly.
#include "airm/usecases/evaluation_counts.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/reader.h"
#include "airm/usecases/run_evaluation.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

using EvaluationCountsTest = WorkspaceTest;

constexpr const char* kHeader = "y,g,s\n";

// Rows [begin, end) of a deterministic scored table, sorted by label so a
// part can hold one class.
std::string Rows(int begin, int end) {
  std::string text = kHeader;
  for (int i = begin; i < end; ++i) {
    const bool positive = i >= 120;
    text += std::string(positive ? "bad" : "good") + "," + (i % 3 ? "a" : "b") + "," +
            std::to_string(((i * 37) % 100) / 100.0) + "\n";
  }
  return text;
}

TEST_F(EvaluationCountsTest, MergedPartsEqualTheWhole) {
  const std::vector<std::pair<int, int>> bounds = {{0, 90}, {90, 150}, {150, 200}};
  std::vector<Table> parts;
  for (size_t i = 0; i < bounds.size(); ++i) {
    parts.push_back(*ReadTable(
        WriteFile("part" + std::to_string(i) + ".csv", Rows(bounds[i].first, bounds[i].second))));
  }
  EvalSpec spec;
  spec.target = "y";
  spec.score = "s";
  spec.positive_label = "bad";
  std::vector<LabelCounts> labels;
  for (const Table& part : parts) labels.push_back(*TargetLabels(part, "y"));
  auto choice = DecideBinaryClasses(labels, spec);
  ASSERT_TRUE(choice.ok()) << choice.status().ToString();
  EXPECT_EQ(choice->classes, (std::vector<std::string>{"good", "bad"}));
  spec.classes = choice->classes;
  std::vector<EvaluationCounts> counted;
  for (const Table& part : parts) {
    auto counts = CountEvaluationPart(part, spec, {"g"});
    ASSERT_TRUE(counts.ok()) << counts.status().ToString();
    counted.push_back(*counts);
  }
  auto merged = MergeEvaluationCounts(counted);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EvalConfig config;
  config.segment_columns = {"g"};
  const EvalResult from_counts = EvaluationFromCounts(*merged, config, {}, choice->note);

  RunEvaluationOptions whole{.data = WriteFile("whole.csv", Rows(0, 200))};
  whole.spec.target = "y";
  whole.spec.score = "s";
  whole.spec.positive_label = "bad";
  whole.config.segment_columns = {"g"};
  whole.config.bootstrap = 0;
  auto expected = RunEvaluation(whole);
  ASSERT_TRUE(expected.ok()) << expected.status().ToString();
  EXPECT_EQ(from_counts.rows_used, 200u);
  for (const auto& [name, m] : from_counts.metrics) {
    if (name == "roc_auc" || name == "log_loss" || name == "brier") {
      // Sums in another order (and, for ROC AUC, bins that here hold one
      // score each): equal up to rounding; score_histogram_test checks the bound.
      ASSERT_TRUE(m.value.has_value()) << name;
      EXPECT_NEAR(*m.value, *expected->metrics.at(name).value, 1e-12) << name;
      continue;
    }
    EXPECT_EQ(m.value, expected->metrics.at(name).value) << name;
    if (m.ci_method == "wilson") {
      EXPECT_EQ(m.ci_low, expected->metrics.at(name).ci_low) << name;
    }
  }
  ASSERT_EQ(from_counts.segments.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(from_counts.segments[i].value, expected->segments[i].value);
    EXPECT_EQ(from_counts.segments[i].rows, expected->segments[i].rows);
    EXPECT_EQ(from_counts.segments[i].metrics.at("recall").value,
              expected->segments[i].metrics.at("recall").value);
  }
}

TEST_F(EvaluationCountsTest, WhatCountsCannotReproduceIsRefused) {
  const Table part = *ReadTable(WriteFile("p.csv", Rows(0, 10)));
  EvalSpec spec;
  spec.target = "y";
  spec.score = "s";
  auto unset = CountEvaluationPart(part, spec, {});
  ASSERT_FALSE(unset.ok());
  EXPECT_THAT(unset.status().message(), HasSubstr("classes decided over all parts"));
  spec.classes = {"good", "bad"};
  auto numeric = CountEvaluationPart(part, spec, {"s"});
  ASSERT_FALSE(numeric.ok());
  EXPECT_THAT(numeric.status().message(), HasSubstr("--segment s: a numeric column"));
  EvaluationCounts a = *CountEvaluationPart(part, spec, {});
  EvaluationCounts b = a;
  b.threshold = 0.7;
  auto mixed = MergeEvaluationCounts({a, b});
  ASSERT_FALSE(mixed.ok());
  EXPECT_THAT(mixed.status().message(), HasSubstr("part 2"));
  EvaluationCounts unscored = a;
  unscored.scores.reset();
  auto scored_and_not = MergeEvaluationCounts({a, unscored});
  ASSERT_FALSE(scored_and_not.ok());
  EXPECT_THAT(scored_and_not.status().message(), HasSubstr("score"));
}

}  // namespace
}  // namespace airm::usecases
