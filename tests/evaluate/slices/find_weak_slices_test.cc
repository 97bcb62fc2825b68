// End-to-end slice search on tables: a planted weak slice, pure noise, the
// minimum support, holdout confirmation, determinism, missingness and bins.
#include <gtest/gtest.h>

#include <cmath>

#include "airm/slices.h"
#include "slice_test_util.h"

namespace airm {
namespace {

using testing::Cat;
using testing::MakeTable;
using testing::Num;
using testing::Rng;

const std::vector<std::string> kColors = {"red", "green", "blue", "yellow"};
const std::vector<std::string> kSizes = {"S", "M", "L", "XL"};

struct Synthetic {
  Table table;
  EvalData data;
  std::vector<double> errors;
};

// color x size x shape x noise; error rate `weak_rate` in color==red &
// size==L (when planted), `base_rate` elsewhere.
Synthetic MakeSynthetic(size_t n, uint64_t seed, bool planted, double base_rate = 0.05,
                        double weak_rate = 0.40) {
  Rng rng(seed);
  std::vector<std::optional<std::string>> color, size, shape;
  std::vector<std::optional<double>> noise;
  Synthetic s;
  for (size_t i = 0; i < n; ++i) {
    const std::string c = kColors[rng.Below(4)];
    const std::string z = kSizes[rng.Below(4)];
    color.push_back(c);
    size.push_back(z);
    shape.push_back(rng.Below(3) == 0 ? "round" : (rng.Below(2) ? "square" : "oval"));
    noise.push_back(rng.Uniform() * 100);
    const double rate = planted && c == "red" && z == "L" ? weak_rate : base_rate;
    s.errors.push_back(rng.Uniform() < rate ? 1.0 : 0.0);
  }
  s.table =
      MakeTable({Cat("color", color), Cat("size", size), Cat("shape", shape), Num("noise", noise)});
  s.data = testing::BinaryEval(s.errors);
  return s;
}

const std::vector<std::string> kCols = {"color", "size", "shape", "noise"};

TEST(FindWeakSlicesTest, PlantedSliceIsTopOneAndSignificant) {
  Synthetic s = MakeSynthetic(20000, 11, true);
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, SliceSearchOptions{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_FALSE(report->slices.empty());
  const SliceResult& top = report->slices[0];
  EXPECT_EQ(DescribeSlice(top.predicates), "color == red & size == L");
  EXPECT_TRUE(top.significant);
  ASSERT_TRUE(top.q_value);
  EXPECT_LT(*top.q_value, 1e-10);
  EXPECT_NEAR(top.error_rate, 0.40, 0.05);
  EXPECT_NEAR(top.lift, top.error_rate / top.overall_error, 1e-12);
  EXPECT_EQ(report->loss_kind, "zero_one");
  EXPECT_EQ(report->min_support, 200u);  // max(30, 1% of 20000)
  EXPECT_EQ(report->slices_tested, report->slices_evaluated + report->slices_pruned_by_bound);
  EXPECT_EQ(report->levels, 2);
  // The worst case is the planted slice, with metrics and intervals on its rows.
  const WorstCase wc = WorstCaseFrom(report->slices, s.data);
  EXPECT_EQ(wc.slice, "color == red & size == L");
  ASSERT_TRUE(wc.metrics.count("accuracy"));
  ASSERT_TRUE(wc.metrics.at("accuracy").value);
  EXPECT_NEAR(*wc.metrics.at("accuracy").value, 1.0 - top.error_rate, 1e-12);
  EXPECT_TRUE(wc.metrics.at("accuracy").ci_low.has_value());
}

TEST(FindWeakSlicesTest, PureNoiseHasNoSignificantSlice) {
  Synthetic s = MakeSynthetic(5000, 99, false, 0.10);
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, SliceSearchOptions{});
  ASSERT_TRUE(report.ok());
  EXPECT_GT(report->slices_tested, 50u);
  for (const SliceResult& r : report->slices) {
    EXPECT_FALSE(r.significant) << DescribeSlice(r.predicates) << " q=" << r.q_value.value_or(-1);
  }
  const WorstCase wc = WorstCaseFrom(report->slices, s.data);
  EXPECT_EQ(wc.slice, "");
  EXPECT_NE(wc.note.find("no significant"), std::string::npos);
}

TEST(FindWeakSlicesTest, FalseDiscoveriesAreRareAcrossSeeds) {
  int seeds_with_discoveries = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Synthetic s = MakeSynthetic(2000, seed, false, 0.10);
    auto slices = FindWeakSlices(s.table, s.data, s.errors, kCols, SliceSearchOptions{});
    ASSERT_TRUE(slices.ok());
    bool any = false;
    for (const SliceResult& r : *slices) any = any || r.significant;
    seeds_with_discoveries += any ? 1 : 0;
  }
  // BH at 5% bounds the chance of any false discovery under the global null
  // by 5% (all nulls true); 20 seeds, allow up to 3 (P(X >= 4) < 2% for Bin(20, 0.05)).
  EXPECT_LE(seeds_with_discoveries, 3);
}

TEST(FindWeakSlicesTest, MinSupportIsRespected) {
  Synthetic s = MakeSynthetic(4000, 3, true);
  SliceSearchOptions options;
  options.min_support = 300;
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->min_support, 300u);
  for (const SliceResult& r : report->slices) EXPECT_GE(r.rows, 300u);
  // 4000 / 16 = 250 rows in red & L: below the support, so it cannot be reported.
  for (const SliceResult& r : report->slices) {
    EXPECT_NE(DescribeSlice(r.predicates), "color == red & size == L");
  }
}

TEST(FindWeakSlicesTest, HoldoutConfirmsThePlantedSlice) {
  Synthetic s = MakeSynthetic(20000, 21, true);
  SliceSearchOptions options;
  options.confirm_holdout = true;
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->rows_searched, 10000u);
  EXPECT_EQ(report->rows_holdout, 10000u);
  ASSERT_FALSE(report->slices.empty());
  EXPECT_EQ(DescribeSlice(report->slices[0].predicates), "color == red & size == L");
  ASSERT_TRUE(report->slices[0].confirmed.has_value());
  EXPECT_TRUE(*report->slices[0].confirmed);
  ASSERT_EQ(report->holdout_p_values.size(), report->slices.size());
  EXPECT_LT(*report->holdout_p_values[0], 1e-6);
  const WorstCase wc = WorstCaseFrom(report->slices, s.data);
  EXPECT_EQ(wc.slice, "color == red & size == L");
  EXPECT_NE(wc.note.find("held-out"), std::string::npos);
}

TEST(FindWeakSlicesTest, HoldoutRejectsASliceFoundByChance) {
  // Small noise sample and a low support: the search half always offers some
  // slice with a high error lift; it must not be confirmed on the other half.
  Synthetic s = MakeSynthetic(400, 5, false, 0.15);
  SliceSearchOptions options;
  options.confirm_holdout = true;
  options.min_support = 10;
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->slices.empty());
  const SliceResult& top = report->slices[0];
  EXPECT_GT(top.lift, 1.5);  // looks weak on the search half
  ASSERT_TRUE(top.confirmed.has_value());
  EXPECT_FALSE(*top.confirmed);
  EXPECT_EQ(WorstCaseFrom(report->slices, s.data).slice, "");
}

TEST(FindWeakSlicesTest, Deterministic) {
  Synthetic s = MakeSynthetic(6000, 8, true);
  SliceSearchOptions options;
  options.confirm_holdout = true;
  auto a = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  auto b = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->slices.size(), b->slices.size());
  for (size_t i = 0; i < a->slices.size(); ++i) {
    EXPECT_EQ(DescribeSlice(a->slices[i].predicates), DescribeSlice(b->slices[i].predicates));
    EXPECT_EQ(a->slices[i].score, b->slices[i].score);
    EXPECT_EQ(a->slices[i].p_value, b->slices[i].p_value);
    EXPECT_EQ(a->slices[i].q_value, b->slices[i].q_value);
    EXPECT_EQ(a->slices[i].confirmed, b->slices[i].confirmed);
  }
  EXPECT_EQ(a->slices_tested, b->slices_tested);
  // Another seed splits differently.
  options.seed = 43;
  auto c = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->slices[0].rows, c->slices[0].rows);
}

TEST(FindWeakSlicesTest, MissingValuePredicateFindsMissingnessSlice) {
  Rng rng(17);
  const size_t n = 3000;
  std::vector<std::optional<std::string>> city;
  std::vector<std::optional<double>> income;
  std::vector<double> errors;
  for (size_t i = 0; i < n; ++i) {
    const bool missing = rng.Uniform() < 0.1;
    city.push_back(rng.Below(2) ? "A" : "B");
    income.push_back(missing ? std::nullopt : std::optional<double>(rng.Uniform() * 1000));
    errors.push_back(rng.Uniform() < (missing ? 0.5 : 0.05) ? 1.0 : 0.0);
  }
  Table table = MakeTable({Cat("city", city), Num("income", income)});
  EvalData data = testing::BinaryEval(errors);
  auto report = SearchWeakSlices(table, data, errors, {"city", "income"}, SliceSearchOptions{});
  ASSERT_TRUE(report.ok());
  ASSERT_FALSE(report->slices.empty());
  EXPECT_EQ(DescribeSlice(report->slices[0].predicates), "income is missing");
  EXPECT_EQ(report->slices[0].predicates[0].op, "is_missing");
  EXPECT_TRUE(report->slices[0].significant);
}

TEST(FindWeakSlicesTest, NumericBinsAreQuantileIntervals) {
  // x = 0..99; errors only for x >= 75: the top bin [74.25, 99] is the slice.
  std::vector<std::optional<double>> x;
  std::vector<double> errors;
  for (int i = 0; i < 100; ++i) {
    x.push_back(i);
    errors.push_back(i >= 75 ? 1.0 : 0.0);
  }
  Table table = MakeTable({Num("x", x)});
  EvalData data = testing::BinaryEval(errors);
  SliceSearchOptions options;
  options.min_support = 10;
  auto report = SearchWeakSlices(table, data, errors, {"x"}, options);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->predicates, 4u);
  ASSERT_FALSE(report->slices.empty());
  // numpy.quantile(range(100), 0.75) = 74.25; the last bin is closed.
  EXPECT_EQ(DescribeSlice(report->slices[0].predicates), "x in [74.25, 99]");
  EXPECT_EQ(report->slices[0].rows, 25u);
}

TEST(FindWeakSlicesTest, ContinuousLossUsesWelch) {
  Synthetic s = MakeSynthetic(8000, 4, true);
  Rng rng(2);
  std::vector<double> loss;
  for (double e : s.errors) loss.push_back(e * 2.0 + rng.Uniform() * 0.1);
  auto report = SearchWeakSlices(s.table, s.data, loss, kCols, SliceSearchOptions{});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->loss_kind, "continuous");
  ASSERT_FALSE(report->slices.empty());
  EXPECT_EQ(DescribeSlice(report->slices[0].predicates), "color == red & size == L");
  EXPECT_TRUE(report->slices[0].significant);
}

TEST(FindWeakSlicesTest, NoErrorsGivesNoSlicesAndANote) {
  Synthetic s = MakeSynthetic(1000, 1, false, 0.0);
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, SliceSearchOptions{});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->slices.empty());
  ASSERT_FALSE(report->notes.empty());
  EXPECT_NE(report->notes.back().find("no errors"), std::string::npos);
}

TEST(FindWeakSlicesTest, EmptyDataGivesNoSlicesAndANote) {
  Table table = MakeTable({Cat("color", {})});
  EvalData data = testing::BinaryEval({});
  auto report = SearchWeakSlices(table, data, {}, {"color"}, SliceSearchOptions{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->slices.empty());
  ASSERT_FALSE(report->notes.empty());
  EXPECT_NE(report->notes.back().find("no rows"), std::string::npos);
}

TEST(FindWeakSlicesTest, TruncationsAreNoted) {
  Synthetic s = MakeSynthetic(2000, 6, true);
  SliceSearchOptions options;
  options.max_columns = 2;
  options.max_values_per_column = 2;
  auto report = SearchWeakSlices(s.table, s.data, s.errors, kCols, options);
  ASSERT_TRUE(report.ok());
  // color and size only, two values each.
  EXPECT_EQ(report->predicates, 4u);
  ASSERT_EQ(report->notes.size(), 3u);
  EXPECT_NE(report->notes[0].find("first 2 of 4 columns"), std::string::npos);
  EXPECT_NE(report->notes[1].find("'color': only the 2 most frequent of 4"), std::string::npos);
}

TEST(FindWeakSlicesTest, InvalidInputsNameTheProblem) {
  Synthetic s = MakeSynthetic(200, 1, true);
  auto r = FindWeakSlices(s.table, s.data, s.errors, {"colour"}, SliceSearchOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'colour'"), std::string::npos);

  std::vector<double> short_errors(10, 0.0);
  r = FindWeakSlices(s.table, s.data, short_errors, kCols, SliceSearchOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("10 errors for 200 rows"), std::string::npos);

  std::vector<double> bad = s.errors;
  bad[7] = std::nan("");
  r = FindWeakSlices(s.table, s.data, bad, kCols, SliceSearchOptions{});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("row 7"), std::string::npos);

  SliceSearchOptions o;
  o.size_weight = 0;
  r = FindWeakSlices(s.table, s.data, s.errors, kCols, o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("size_weight"), std::string::npos);
}

}  // namespace
}  // namespace airm
