// BuildEvalData: task inference, positive label choice, exclusions, errors.
#include "airm/eval_data.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace airm {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

ValidityBitmap Validity(size_t n, std::vector<size_t> nulls = {}) {
  ValidityBitmap v;
  for (size_t i = 0; i < n; ++i) {
    bool valid = true;
    for (size_t k : nulls) valid = valid && k != i;
    v.Append(valid);
  }
  return v;
}

Column Text(const std::string& name, const std::vector<std::string>& values,
            std::vector<size_t> nulls = {}) {
  std::vector<std::string> dictionary;
  std::vector<int32_t> codes;
  for (const std::string& v : values) {
    auto it = std::find(dictionary.begin(), dictionary.end(), v);
    if (it == dictionary.end()) {
      dictionary.push_back(v);
      it = dictionary.end() - 1;
    }
    codes.push_back(static_cast<int32_t>(it - dictionary.begin()));
  }
  return Column::Categorical(name, codes, dictionary, Validity(values.size(), nulls));
}

Column Numbers(const std::string& name, const std::vector<double>& values,
               std::vector<size_t> nulls = {}) {
  return Column::Float64(name, values, Validity(values.size(), nulls));
}

Column Ints(const std::string& name, const std::vector<int64_t>& values) {
  return Column::Int64(name, values, Validity(values.size()));
}

Table MakeTable(std::vector<Column> columns) {
  auto table = Table::Make(std::move(columns));
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return std::move(table).value();
}

void ExpectInvalid(const Result<EvalData>& result, const std::string& substring) {
  ASSERT_FALSE(result.ok()) << "expected an error containing: " << substring;
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr(substring));
}

TEST(TaskTypeName, Names) {
  EXPECT_STREQ(TaskTypeName(TaskType::kBinary), "binary");
  EXPECT_STREQ(TaskTypeName(TaskType::kMulticlass), "multiclass");
  EXPECT_STREQ(TaskTypeName(TaskType::kRegression), "regression");
}

// The library must not know the bundled example's label: "bad" is no
// conventional positive name, so a good/bad tie falls to the minority rule
// (ties: the label sorting last).
TEST(BuildEvalData, BinaryWithScoreThresholdsAtHalfAndDoesNotGuessDomainWords) {
  const Table t = MakeTable(
      {Text("Status", {"good", "bad", "good", "bad"}), Numbers("p", {0.2, 0.7, 0.5, 0.4})});
  auto d = BuildEvalData(t, {.target = "Status", .score = "p"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->task, TaskType::kBinary);
  EXPECT_THAT(d->classes, ElementsAre("bad", "good"));
  EXPECT_THAT(d->y_true, ElementsAre(1, 0, 1, 0));
  EXPECT_THAT(d->y_pred, ElementsAre(0, 1, 1, 0));  // 0.5 >= 0.5 is positive
  EXPECT_EQ(d->rows_excluded, 0u);
  ASSERT_EQ(d->exclusion_notes.size(), 1u);
  EXPECT_THAT(d->exclusion_notes[0], HasSubstr("positive label 'good' (the minority label"));
}

TEST(GuessPositiveLabel, ConventionalNamesThenMinority) {
  std::string note;
  EXPECT_EQ(GuessPositiveLabel({{"no", 3}, {"YES", 9}}, &note), 1u);
  EXPECT_THAT(note, HasSubstr("conventional"));
  // "bad" is the majority here: no domain word is guessed, the minority wins.
  EXPECT_EQ(GuessPositiveLabel({{"bad", 70}, {"good", 30}}, &note), 1u);
  EXPECT_THAT(note, HasSubstr("positive label 'good' (the minority label"));
}

TEST(BuildEvalData, PositiveLabelRules) {
  // Explicit label wins over the conventional name.
  const Table t =
      MakeTable({Text("y", {"yes", "no", "no", "no"}), Numbers("p", {0.9, 0.1, 0.2, 0.8})});
  auto explicit_label = BuildEvalData(t, {.target = "y", .score = "p", .positive_label = "no"});
  ASSERT_TRUE(explicit_label.ok());
  EXPECT_THAT(explicit_label->classes, ElementsAre("yes", "no"));
  EXPECT_TRUE(explicit_label->exclusion_notes.empty());
  auto conventional = BuildEvalData(t, {.target = "y", .score = "p"});
  ASSERT_TRUE(conventional.ok());
  EXPECT_THAT(conventional->classes, ElementsAre("no", "yes"));

  // Numeric 0/1 target: "1" is conventional.
  const Table numeric = MakeTable({Ints("y", {1, 0, 1, 1}), Numbers("p", {0.9, 0.1, 0.2, 0.8})});
  auto ones = BuildEvalData(numeric, {.target = "y", .score = "p"});
  ASSERT_TRUE(ones.ok());
  EXPECT_THAT(ones->classes, ElementsAre("0", "1"));

  // No conventional name: the minority label.
  const Table other = MakeTable(
      {Text("y", {"cat", "dog", "dog", "dog"}), Text("pred", {"cat", "cat", "dog", "dog"})});
  auto minority = BuildEvalData(other, {.target = "y", .prediction = "pred"});
  ASSERT_TRUE(minority.ok());
  EXPECT_THAT(minority->classes, ElementsAre("dog", "cat"));
  EXPECT_THAT(minority->y_pred, ElementsAre(1, 1, 0, 0));
  EXPECT_THAT(minority->exclusion_notes[0], HasSubstr("minority label"));
}

TEST(BuildEvalData, ExclusionsAreCountedOncePerRowWithNotes) {
  const Table t = MakeTable({
      Text("y", {"a", "b", "a", "b", "a", "b", "a"}, {0}),
      Numbers("p", {0.1, 0.9, NAN, 1.5, 0.3, 0.6, -0.1}, {1}),
  });
  auto d = BuildEvalData(t, {.target = "y", .score = "p", .positive_label = "b"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->rows_total, 7u);
  EXPECT_EQ(d->rows_excluded, 5u);
  EXPECT_THAT(d->source_rows, ElementsAre(4, 5));
  EXPECT_THAT(d->score, ElementsAre(0.3, 0.6));
  EXPECT_THAT(d->exclusion_notes,
              ElementsAre("1 row with a missing --target 'y'", "1 row with a missing --score 'p'",
                          "3 rows whose --score 'p' is NaN or outside [0, 1]"));
}

TEST(BuildEvalData, ExplicitThresholdOverridesThePredictionColumn) {
  const Table t = MakeTable(
      {Text("y", {"0", "1", "1"}), Numbers("p", {0.2, 0.35, 0.9}), Text("pred", {"1", "0", "1"})});
  auto from_column = BuildEvalData(t, {.target = "y", .score = "p", .prediction = "pred"});
  ASSERT_TRUE(from_column.ok());
  EXPECT_THAT(from_column->y_pred, ElementsAre(1, 0, 1));
  auto thresholded =
      BuildEvalData(t, {.target = "y", .score = "p", .prediction = "pred", .threshold = 0.3});
  ASSERT_TRUE(thresholded.ok());
  EXPECT_THAT(thresholded->y_pred, ElementsAre(0, 1, 1));
  EXPECT_DOUBLE_EQ(thresholded->threshold, 0.3);
}

TEST(BuildEvalData, PredictionOutsideTheClassesIsExcluded) {
  const Table t = MakeTable({Text("y", {"a", "b", "c", "a"}), Text("pred", {"a", "z", "c", "b"})});
  auto d = BuildEvalData(t, {.target = "y", .prediction = "pred"});
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->task, TaskType::kMulticlass);
  EXPECT_THAT(d->classes, ElementsAre("a", "b", "c"));
  EXPECT_THAT(d->y_pred, ElementsAre(0, 2, 1));
  EXPECT_THAT(
      d->exclusion_notes,
      ElementsAre("1 row whose --prediction 'pred' label is not one of the target's classes"));
}

TEST(BuildEvalData, MulticlassFromProbabilitiesUsesArgmaxAndSortedClasses) {
  const Table t = MakeTable({
      Text("obs", {"VF", "F", "M", "L"}),
      Numbers("p_F", {0.1, 0.6, 0.2, 0.1}),
      Numbers("p_L", {0.0, 0.1, 0.1, 0.5}),
      Numbers("p_M", {0.1, 0.2, 0.3, 0.3}),
      Numbers("p_VF", {0.8, 0.1, 0.4, 0.1}),
  });
  auto d = BuildEvalData(t, {.target = "obs", .proba_prefix = "p_"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->task, TaskType::kMulticlass);
  EXPECT_THAT(d->classes, ElementsAre("F", "L", "M", "VF"));
  EXPECT_THAT(d->y_true, ElementsAre(3, 0, 2, 1));
  EXPECT_THAT(d->y_pred, ElementsAre(3, 0, 3, 1));
  ASSERT_EQ(d->proba.size(), 4u);
  EXPECT_THAT(d->proba[3], ElementsAre(0.8, 0.1, 0.4, 0.1));
}

TEST(BuildEvalData, NumericMulticlassClassesSortNumerically) {
  const Table t = MakeTable({Ints("y", {10, 2, 1, 2}), Ints("pred", {10, 2, 2, 1})});
  auto d = BuildEvalData(t, {.target = "y", .prediction = "pred"});
  ASSERT_TRUE(d.ok());
  EXPECT_THAT(d->classes, ElementsAre("1", "2", "10"));
}

TEST(BuildEvalData, RegressionInferredFromManyNumericValues) {
  std::vector<double> y, y_hat;
  for (int i = 0; i < 12; ++i) {
    y.push_back(i * 1.5);
    y_hat.push_back(i * 1.4);
  }
  y_hat[3] = std::numeric_limits<double>::infinity();
  const Table t = MakeTable({Numbers("y", y), Numbers("yhat", y_hat, {5})});
  auto d = BuildEvalData(t, {.target = "y", .prediction = "yhat"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->task, TaskType::kRegression);
  EXPECT_EQ(d->size(), 10u);
  EXPECT_THAT(d->exclusion_notes, ElementsAre("1 row with a missing --prediction 'yhat'",
                                              "1 row whose target or prediction is infinite"));

  // Ten distinct values: classification (multiclass).
  const Table few = MakeTable({Ints("y", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 1}),
                               Ints("pred", {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 2})});
  auto m = BuildEvalData(few, {.target = "y", .prediction = "pred"});
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->task, TaskType::kMulticlass);
  auto forced =
      BuildEvalData(few, {.target = "y", .prediction = "pred", .task = TaskType::kRegression});
  ASSERT_TRUE(forced.ok());
  EXPECT_EQ(forced->task, TaskType::kRegression);
}

TEST(BuildEvalData, ErrorsNameTheOption) {
  const Table t = MakeTable({Text("Status", {"good", "bad", "good"}),
                             Text("label", {"x", "y", "x"}), Numbers("p", {0.1, 0.8, 0.3}),
                             Text("three", {"a", "b", "c"}), Text("one", {"a", "a", "a"})});
  ExpectInvalid(BuildEvalData(t, {}), "--target is required");
  ExpectInvalid(BuildEvalData(t, {.target = "X", .score = "p"}),
                "--target names column 'X', which the data does not have");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .score = "q"}),
                "--score names column 'q', which the data does not have");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .prediction = "q"}),
                "--prediction names column 'q', which the data does not have");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .score = "label"}),
                "--score column 'label' is not numeric");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .score = "p", .positive_label = "x"}),
                "--positive-label 'x' never occurs in --target 'Status'");
  ExpectInvalid(
      BuildEvalData(t, {.target = "one", .score = "p"}),
      "--target 'one' has only one label ('a'); a classification task needs at least two");
  ExpectInvalid(BuildEvalData(t, {.target = "three", .score = "p"}),
                "--target 'three' has 3 labels ('a', 'b', 'c'); a binary task needs exactly two");
  ExpectInvalid(BuildEvalData(t, {.target = "Status"}),
                "evaluation needs --score, --prediction or --proba-prefix");
  ExpectInvalid(BuildEvalData(t, {.target = "three", .proba_prefix = "prob_"}),
                "--proba-prefix 'prob_': the data has no column 'prob_a' for class 'a'");
  ExpectInvalid(BuildEvalData(t, {.target = "three", .score = "p", .proba_prefix = "p"}),
                "cannot be used together");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .score = "p", .threshold = 2.0}),
                "--threshold must be a number in [0, 1]");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .prediction = "label"}),
                "no rows left to evaluate (3 rows read; 3 rows whose --prediction 'label'");
  ExpectInvalid(
      BuildEvalData(t, {.target = "Status", .prediction = "p", .task = TaskType::kRegression}),
      "--target column 'Status' is not numeric, which a regression task needs");
  ExpectInvalid(BuildEvalData(t, {.target = "p", .task = TaskType::kRegression}),
                "a regression task needs --prediction");
  ExpectInvalid(BuildEvalData(t, {.target = "three", .prediction = "three", .positive_label = "a"}),
                "--positive-label applies to binary tasks only");
  ExpectInvalid(BuildEvalData(t, {.target = "Status", .score = "p", .task = TaskType::kMulticlass}),
                "--score needs a binary task");
}

TEST(BuildEvalData, MissingProbabilityRowsAreExcluded) {
  const Table t = MakeTable({
      Text("y", {"a", "b", "c", "a"}),
      Numbers("p_a", {0.5, 0.2, 0.1, 0.7}, {1}),
      Numbers("p_b", {0.3, 0.7, NAN, 0.2}),
      Numbers("p_c", {0.2, 0.1, 0.8, 1.2}),
  });
  auto d = BuildEvalData(t, {.target = "y", .proba_prefix = "p_"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_THAT(d->source_rows, ElementsAre(0));
  EXPECT_THAT(
      d->exclusion_notes,
      ElementsAre("1 row with a missing --proba-prefix 'p_' probability",
                  "2 rows with a --proba-prefix 'p_' probability that is NaN or outside [0, 1]"));
}

}  // namespace
}  // namespace airm

namespace airm {
namespace {

// A part of a larger table (a Dask partition) evaluated under the classes
// decided over all parts: one class, or none left, is not an error.
TEST(BuildEvalData, GivenClassesIndexAPartHoldingOneClass) {
  const Table part = MakeTable({Text("y", {"bad", "bad", "bad"}), Numbers("s", {0.9, 0.2, 0.6})});
  EvalSpec spec;
  spec.target = "y";
  spec.score = "s";
  spec.task = TaskType::kBinary;
  ExpectInvalid(BuildEvalData(part, spec), "only one label ('bad')");
  spec.classes = {"good", "bad"};
  auto data = BuildEvalData(part, spec);
  ASSERT_TRUE(data.ok()) << data.status().ToString();
  EXPECT_THAT(data->classes, ElementsAre("good", "bad"));
  EXPECT_THAT(data->y_true, ElementsAre(1, 1, 1));
  EXPECT_THAT(data->y_pred, ElementsAre(1, 0, 1));

  const Table empty = MakeTable({Text("y", {"bad", "good"}, {0, 1}), Numbers("s", {0.9, 0.2})});
  auto none = BuildEvalData(empty, spec);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->size(), 0u);
  EXPECT_EQ(none->rows_excluded, 2u);

  const Table other = MakeTable({Text("y", {"bad", "ugly"}), Numbers("s", {0.9, 0.2})});
  ExpectInvalid(BuildEvalData(other, spec), "label 'ugly', not one of the classes");
}

TEST(BinaryClasses, ChosenAsBuildEvalDataChoosesThem) {
  std::string note;
  EvalSpec spec;
  spec.target = "y";
  auto classes = BinaryClasses({{"good", 30}, {"bad", 10}}, spec, &note);
  ASSERT_TRUE(classes.ok());
  EXPECT_THAT(*classes, ElementsAre("good", "bad"));
  EXPECT_THAT(note, HasSubstr("the minority label"));
  spec.positive_label = "good";
  classes = BinaryClasses({{"good", 30}, {"bad", 10}}, spec, &note);
  ASSERT_TRUE(classes.ok());
  EXPECT_THAT(*classes, ElementsAre("bad", "good"));
  EXPECT_EQ(note, "");
  spec.positive_label = "";
  auto three = BinaryClasses({{"a", 1}, {"b", 1}, {"c", 1}}, spec, &note);
  ASSERT_FALSE(three.ok());
  EXPECT_THAT(three.status().message(), HasSubstr("a binary task needs exactly two"));
  auto labels = TargetLabels(MakeTable({Text("y", {"b", "a", "b"}, {1})}), "y");
  ASSERT_TRUE(labels.ok());
  EXPECT_EQ(*labels, (std::vector<std::pair<std::string, uint64_t>>{{"b", 2}}));
}

}  // namespace
}  // namespace airm
