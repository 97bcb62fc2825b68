// ProfileTable (in memory, exact) against numpy on real data, plus edge cases.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "airm/profile.h"
#include "credit_fixture.h"

namespace airm {
namespace {

using testing::CreditExpected;
using testing::CreditTable;
using testing::F64;
using testing::I64;
using testing::MakeTable;
using testing::Str;

// numpy and airm compute means by different (both compensated or pairwise)
// summation orders; 1e-12 relative covers that rounding on these columns.
constexpr double kMomentRelTol = 1e-12;

TEST(ProfileTable, MatchesNumpyOnCreditData) {
  const Table table = CreditTable();
  const nlohmann::json expected = CreditExpected();
  auto profile = ProfileTable(table, ProfileOptions{.num_threads = 2});
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_TRUE(profile->exact());
  EXPECT_EQ(profile->num_rows, expected["rows"].get<uint64_t>());
  const std::vector<double> levels = expected["levels"];
  ASSERT_EQ(profile->options.quantiles, levels);

  for (const auto& [name, e] : expected["columns"].items()) {
    SCOPED_TRACE(name);
    const ColumnProfile* c = profile->FindColumn(name);
    ASSERT_NE(c, nullptr);
    EXPECT_TRUE(c->exact);
    EXPECT_EQ(DataTypeName(c->type), e["type"].get<std::string>());
    EXPECT_EQ(c->count, e["count"].get<uint64_t>());
    EXPECT_EQ(c->null_count, e["null_count"].get<uint64_t>());
    EXPECT_EQ(c->distinct_count, e["distinct_count"].get<uint64_t>());
    EXPECT_EQ(c->quantile_rank_error, 0.0);
    EXPECT_EQ(c->frequent_items_max_error, 0u);
    ASSERT_EQ(c->top_values.size(), e["top_values"].size());
    for (size_t i = 0; i < c->top_values.size(); ++i) {
      EXPECT_EQ(c->top_values[i].value, e["top_values"][i][0].get<std::string>()) << i;
      EXPECT_EQ(c->top_values[i].count, e["top_values"][i][1].get<uint64_t>()) << i;
      EXPECT_EQ(c->top_values[i].max_overestimate, 0u);
    }
    if (!e.contains("mean")) {
      EXPECT_EQ(c->kind, ColumnProfileKind::kText);
      EXPECT_FALSE(c->mean.has_value());
      EXPECT_TRUE(c->quantiles.empty());
      continue;
    }
    EXPECT_EQ(c->finite_count, c->count - c->null_count);
    EXPECT_EQ(*c->min, e["min"].get<double>());
    EXPECT_EQ(*c->max, e["max"].get<double>());
    const double mean = e["mean"], std = e["std"];
    EXPECT_NEAR(*c->mean, mean, kMomentRelTol * std::fabs(mean));
    EXPECT_NEAR(*c->stddev, std, kMomentRelTol * std);
    ASSERT_EQ(c->quantiles.size(), levels.size());
    for (size_t i = 0; i < levels.size(); ++i) {
      const double want = e["quantiles"][i];
      EXPECT_EQ(c->quantiles[i].level, levels[i]);
      // Same virtual index and lerp as numpy: equal up to one rounding.
      EXPECT_NEAR(c->quantiles[i].value, want,
                  4 * std::numeric_limits<double>::epsilon() * std::max(1.0, std::fabs(want)))
          << "q=" << levels[i];
    }
    ASSERT_EQ(c->histogram.size(), 20u);
    for (size_t i = 0; i < 20; ++i) {
      EXPECT_EQ(c->histogram[i].count, e["histogram_counts"][i].get<uint64_t>()) << "bin " << i;
      EXPECT_DOUBLE_EQ(c->histogram[i].lower, e["histogram_edges"][i].get<double>());
      EXPECT_DOUBLE_EQ(c->histogram[i].upper, e["histogram_edges"][i + 1].get<double>());
    }
  }
}

TEST(ProfileTable, ThreadCountDoesNotChangeTheResult) {
  const Table table = CreditTable(0, 700);
  auto one = ProfileTable(table, ProfileOptions{.num_threads = 1});
  auto many = ProfileTable(table, ProfileOptions{.num_threads = 4});
  ASSERT_TRUE(one.ok() && many.ok());
  EXPECT_EQ(SerializeProfile(*one), SerializeProfile(*many));
}

TEST(ProfileTable, NanAndInfAreCountedAndExcludedFromMoments) {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const Table table = MakeTable({F64("x", {1.0, nan, inf, -inf, std::nullopt, 3.0, nan, 2.0})});
  auto profile = ProfileTable(table);
  ASSERT_TRUE(profile.ok());
  const ColumnProfile& c = profile->columns[0];
  EXPECT_EQ(c.count, 8u);
  EXPECT_EQ(c.null_count, 1u);
  EXPECT_EQ(c.nan_count, 2u);
  EXPECT_EQ(c.pos_inf_count, 1u);
  EXPECT_EQ(c.neg_inf_count, 1u);
  EXPECT_EQ(c.finite_count, 3u);
  EXPECT_EQ(*c.min, 1.0);
  EXPECT_EQ(*c.max, 3.0);
  EXPECT_DOUBLE_EQ(*c.mean, 2.0);
  EXPECT_DOUBLE_EQ(*c.stddev, 1.0);
  EXPECT_DOUBLE_EQ(c.quantiles[4].value, 2.0);  // the median of the finite values
  // NaN, Inf, -Inf, 1, 2, 3 are six distinct values; NaN is the most frequent.
  EXPECT_EQ(c.distinct_count, 6u);
  ASSERT_FALSE(c.top_values.empty());
  EXPECT_EQ(c.top_values[0].value, "NaN");
  EXPECT_EQ(c.top_values[0].count, 2u);
  uint64_t histogram_total = 0;
  for (const HistogramBin& b : c.histogram) histogram_total += b.count;
  EXPECT_EQ(histogram_total, 3u) << "the histogram holds finite values only";
}

TEST(ProfileTable, UndefinedStatisticsAreNullopt) {
  const Table table =
      MakeTable({F64("all_null", {std::nullopt, std::nullopt}), F64("one", {std::nullopt, 5.0}),
                 Str("text", {std::nullopt, std::nullopt})});
  auto profile = ProfileTable(table);
  ASSERT_TRUE(profile.ok());
  const ColumnProfile& all_null = profile->columns[0];
  EXPECT_FALSE(all_null.min.has_value());
  EXPECT_FALSE(all_null.mean.has_value());
  EXPECT_FALSE(all_null.stddev.has_value());
  EXPECT_TRUE(all_null.quantiles.empty());
  EXPECT_TRUE(all_null.histogram.empty());
  EXPECT_EQ(all_null.distinct_count, 0u);
  const ColumnProfile& one = profile->columns[1];
  EXPECT_EQ(*one.mean, 5.0);
  EXPECT_FALSE(one.stddev.has_value()) << "sample stddev needs two values";
  // numpy.histogram of one value: 20 bins over [v - 0.5, v + 0.5]; v in bin 10.
  ASSERT_EQ(one.histogram.size(), 20u);
  EXPECT_DOUBLE_EQ(one.histogram.front().lower, 4.5);
  EXPECT_DOUBLE_EQ(one.histogram.back().upper, 5.5);
  EXPECT_EQ(one.histogram[10].count, 1u);
  EXPECT_EQ(profile->columns[2].top_values.size(), 0u);
}

TEST(ProfileTable, EmptyTable) {
  const Table table = MakeTable({F64("x", {}), Str("s", {})});
  auto profile = ProfileTable(table);
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->num_rows, 0u);
  EXPECT_EQ(profile->columns[0].count, 0u);
  EXPECT_FALSE(profile->columns[0].mean.has_value());
  auto no_columns = ProfileTable(Table());
  ASSERT_TRUE(no_columns.ok());
  EXPECT_TRUE(no_columns->columns.empty());
}

TEST(ProfileTable, TopValuesUseEachTypesTextForm) {
  ValidityBitmap valid;
  valid.AppendMany(true, 3);
  std::vector<Column> columns;
  columns.push_back(Column::Bool("b", {1, 1, 0}, valid));
  columns.push_back(Column::Timestamp("t", {0, 0, 1500000}, valid));
  columns.push_back(I64("i", {7, 7, -3}));
  columns.push_back(F64("f", {0.25, 0.25, 1e300}));
  auto profile = ProfileTable(MakeTable(std::move(columns)));
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->columns[0].top_values[0].value, "true");
  EXPECT_EQ(profile->columns[1].top_values[0].value, FormatTimestamp(0));
  EXPECT_EQ(profile->columns[1].top_values[1].value, FormatTimestamp(1500000));
  EXPECT_EQ(profile->columns[2].top_values[0].value, "7");
  EXPECT_EQ(profile->columns[2].top_values[1].value, "-3");
  EXPECT_EQ(profile->columns[3].top_values[0].value, "0.25");
  EXPECT_EQ(profile->columns[3].top_values[1].value, "1e+300");
  EXPECT_DOUBLE_EQ(*profile->columns[1].max, 1.5) << "timestamps profile as seconds";
}

TEST(ProfileOptions, ValidateNamesTheOption) {
  auto bad_level = ProfileTable(Table(), ProfileOptions{.quantiles = {0.5, 1.5}});
  EXPECT_EQ(bad_level.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad_level.status().message().find("option quantiles"), std::string::npos);
  EXPECT_NE(ProfileOptions{.kll_k = 2}.Validate().message().find("kll_k"), std::string::npos);
  EXPECT_NE(ProfileOptions{.hll_precision = 30}.Validate().message().find("hll_precision"),
            std::string::npos);
  EXPECT_NE(ProfileOptions{.histogram_bins = 0}.Validate().message().find("histogram_bins"),
            std::string::npos);
  EXPECT_TRUE(ProfileOptions{}.Validate().ok());
}

}  // namespace
}  // namespace airm
