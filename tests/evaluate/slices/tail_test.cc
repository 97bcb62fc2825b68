// Tail behaviour: CVaR by hand, unusualness ranking, tiny-n shares.
#include "airm/tail.h"

#include <gtest/gtest.h>

#include <cmath>

#include "slice_test_util.h"

namespace airm {
namespace {

using testing::Cat;
using testing::MakeTable;
using testing::Num;
using testing::Rng;

TEST(UpperTailMeanTest, HandComputed) {
  const std::vector<double> loss = {0.1, 5.0, 0.3, 2.0, 0.2, 0.0, 1.0, 0.4, 0.6, 0.5};
  // ceil(0.2 * 10) = 2 largest: (5 + 2) / 2
  EXPECT_DOUBLE_EQ(*UpperTailMean(loss, 0.2), 3.5);
  // ceil(0.25 * 10) = 3 largest: (5 + 2 + 1) / 3
  EXPECT_DOUBLE_EQ(*UpperTailMean(loss, 0.25), 8.0 / 3.0);
  // share 1: the mean
  EXPECT_DOUBLE_EQ(*UpperTailMean(loss, 1.0), 10.1 / 10.0);
  // 0.07 * 100 is 7.000000000000001 in binary: still 7 rows.
  std::vector<double> hundred(100);
  for (int i = 0; i < 100; ++i) hundred[i] = i;
  EXPECT_DOUBLE_EQ(*UpperTailMean(hundred, 0.07), (99 + 98 + 97 + 96 + 95 + 94 + 93) / 7.0);
  EXPECT_FALSE(UpperTailMean({}, 0.05));
  EXPECT_FALSE(UpperTailMean(loss, 0.0));
  EXPECT_FALSE(UpperTailMean(loss, 1.5));
}

TEST(UpperTailMeanTest, TinyNTakesAtLeastOneRow) {
  const std::vector<double> three = {1.0, 4.0, 2.0};
  EXPECT_DOUBLE_EQ(*UpperTailMean(three, 0.05), 4.0);  // ceil(0.15) = 1
  EXPECT_DOUBLE_EQ(*UpperTailMean(three, 0.5), 3.0);   // ceil(1.5) = 2
}

TEST(AnalyzeTailTest, TailIsTheMostUnusualRows) {
  // 20 rows; the 2 most unusual (rows 3 and 17) are both misclassified.
  std::vector<double> errors(20, 0.0), unusual(20, 0.1), loss(20, 0.1);
  errors[3] = errors[17] = 1.0;
  unusual[3] = 5.0;
  unusual[17] = 4.0;
  loss[3] = 2.0;
  loss[10] = 3.0;
  EvalData data = testing::BinaryEval(errors);
  TailOptions options;
  options.share = 0.1;
  const TailResult t = AnalyzeTail(data, unusual, loss, "zero_one", options);
  ASSERT_TRUE(t.available) << t.note;
  EXPECT_EQ(t.tail_rows, 2u);
  EXPECT_DOUBLE_EQ(*t.tail_metrics.at("accuracy").value, 0.0);
  EXPECT_DOUBLE_EQ(*t.rest_metrics.at("accuracy").value, 1.0);
  EXPECT_DOUBLE_EQ(*t.cvar_loss, 2.5);  // (3 + 2) / 2
  EXPECT_NEAR(*t.mean_loss, (18 * 0.1 + 2.0 + 3.0) / 20, 1e-12);
  EXPECT_EQ(t.loss_name, "zero_one");
}

TEST(AnalyzeTailTest, TinyNAndUndefinedCases) {
  std::vector<double> errors = {1.0};
  EvalData one = testing::BinaryEval(errors);
  std::vector<double> u = {0.0}, l = {0.7};
  TailResult t = AnalyzeTail(one, u, l, "zero_one", TailOptions{});
  ASSERT_TRUE(t.available);
  EXPECT_EQ(t.tail_rows, 1u);  // ceil(0.05 * 1)
  EXPECT_TRUE(t.rest_metrics.empty());
  EXPECT_NE(t.note.find("no rest"), std::string::npos);
  EXPECT_DOUBLE_EQ(*t.cvar_loss, 0.7);

  EvalData empty;
  t = AnalyzeTail(empty, {}, {}, "zero_one", TailOptions{});
  EXPECT_FALSE(t.available);
  EXPECT_NE(t.note.find("no rows"), std::string::npos);

  std::vector<double> two_u = {0.0, 1.0};
  t = AnalyzeTail(one, two_u, l, "zero_one", TailOptions{});
  EXPECT_FALSE(t.available);

  TailOptions bad;
  bad.share = 0;
  t = AnalyzeTail(one, u, l, "zero_one", bad);
  EXPECT_FALSE(t.available);
  EXPECT_NE(t.note.find("share"), std::string::npos);
}

TEST(UnusualnessTest, UnseenCategoryAndExtremeValueRankAboveTypicalRows) {
  Rng rng(9);
  std::vector<std::optional<std::string>> ref_cat;
  std::vector<std::optional<double>> ref_x, ref_y;
  for (int i = 0; i < 2000; ++i) {
    ref_cat.push_back(rng.Below(2) ? "a" : "b");
    const double x = rng.Uniform() * 10;
    ref_x.push_back(x);
    ref_y.push_back(x + rng.Uniform());  // y tracks x
  }
  Table reference = MakeTable({Cat("cat", ref_cat), Num("x", ref_x), Num("y", ref_y)});
  // Rows: 0-4 typical, 5 unseen category, 6 extreme x, 7 broken x/y relation
  // inside both marginal ranges, 8 missing cat (never missing in reference).
  std::vector<std::optional<std::string>> cat = {"a",   "b", "a", "b",         "a",
                                                 "zzz", "a", "b", std::nullopt};
  std::vector<std::optional<double>> x = {5, 2, 8, 4, 6, 5, 1000, 0.5, 5};
  std::vector<std::optional<double>> y = {5.5, 2.5, 8.5, 4.5, 6.5, 5.5, 1000.5, 9.5, 5.5};
  Table data_table = MakeTable({Cat("cat", cat), Num("x", x), Num("y", y)});
  EvalData data = testing::BinaryEval(std::vector<double>(9, 0.0));
  auto scores = UnusualnessScores(data_table, data, &reference, {"cat", "x", "y"});
  ASSERT_TRUE(scores.ok()) << scores.status().ToString();
  ASSERT_EQ(scores->size(), 9u);
  double typical_max = 0;
  for (int i = 0; i < 5; ++i) typical_max = std::max(typical_max, (*scores)[i]);
  EXPECT_GT((*scores)[5], typical_max + 0.5);  // unseen category adds ~1
  EXPECT_GT((*scores)[6], typical_max + 1.5);  // x and y far beyond p99
  EXPECT_GT((*scores)[7], typical_max);        // multivariate component
  EXPECT_GT((*scores)[8], typical_max + 0.5);  // missingness never seen
  for (double s : *scores) EXPECT_LE(s, 4.0);  // 3 columns + 1 multivariate
}

TEST(UnusualnessTest, ReferenceDefaultsToTheDataAndErrorsAreNamed) {
  std::vector<std::optional<std::string>> cat;
  for (int i = 0; i < 99; ++i) cat.push_back("common");
  cat.push_back("rare");
  Table t = MakeTable({Cat("cat", cat)});
  EvalData data = testing::BinaryEval(std::vector<double>(100, 0.0));
  auto scores = UnusualnessScores(t, data, nullptr, {"cat"});
  ASSERT_TRUE(scores.ok());
  // -ln(1/100) / ln(101) and -ln(99/100) / ln(101)
  EXPECT_NEAR((*scores)[99], std::log(100.0) / std::log(101.0), 1e-12);
  EXPECT_NEAR((*scores)[0], -std::log(0.99) / std::log(101.0), 1e-12);

  auto bad = UnusualnessScores(t, data, nullptr, {"nope"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'nope'"), std::string::npos);
  Table other = MakeTable({Num("cat", std::vector<std::optional<double>>(3, 1.0))});
  bad = UnusualnessScores(t, data, &other, {"cat"});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("numeric in one table"), std::string::npos);
}

}  // namespace
}  // namespace airm
