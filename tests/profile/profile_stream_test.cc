// ProfileBuilder: streaming chunks against the exact in-memory profile.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "airm/profile.h"
#include "credit_fixture.h"

namespace airm {
namespace {

using testing::CreditRows;
using testing::CreditTable;
using testing::F64;
using testing::I64;
using testing::MakeTable;
using testing::RankDistance;
using testing::SortedFinite;
using testing::Str;

// Chan et al. merges of chunk moments differ from one pass by rounding only.
constexpr double kMomentRelTol = 1e-12;

// Every claim an approximate column makes, checked against the exact one and
// the data: counts and moments equal, quantiles within the rank error,
// distinct within 3 standard errors, top values within their bounds.
void ExpectWithinBounds(const Table& data, const ColumnProfile& approx,
                        const ColumnProfile& exact) {
  SCOPED_TRACE(approx.name);
  EXPECT_FALSE(approx.exact);
  EXPECT_EQ(approx.count, exact.count);
  EXPECT_EQ(approx.null_count, exact.null_count);
  EXPECT_EQ(approx.nan_count, exact.nan_count);
  EXPECT_EQ(approx.finite_count, exact.finite_count);
  EXPECT_EQ(approx.min, exact.min);
  EXPECT_EQ(approx.max, exact.max);
  if (exact.mean) {
    EXPECT_NEAR(*approx.mean, *exact.mean, kMomentRelTol * std::fabs(*exact.mean));
    EXPECT_NEAR(*approx.stddev, *exact.stddev, kMomentRelTol * *exact.stddev);
  }
  const double n = static_cast<double>(exact.distinct_count);
  EXPECT_NEAR(static_cast<double>(approx.distinct_count), n,
              std::max(0.5, 3 * approx.distinct_relative_error * n));
  EXPECT_GT(approx.distinct_relative_error, 0.0);
  if (approx.kind == ColumnProfileKind::kNumeric) {
    const std::vector<double> sorted = SortedFinite(data, approx.name);
    EXPECT_GT(approx.quantile_rank_error, 0.0);
    ASSERT_EQ(approx.quantiles.size(), exact.quantiles.size());
    for (const QuantileValue& q : approx.quantiles) {
      EXPECT_LE(RankDistance(sorted, q.value, q.level), approx.quantile_rank_error)
          << "q=" << q.level;
    }
    ASSERT_EQ(approx.histogram.size(), exact.histogram.size());
    const double slack = 2 * approx.quantile_rank_error * static_cast<double>(sorted.size());
    for (size_t i = 0; i < approx.histogram.size(); ++i) {
      EXPECT_NEAR(static_cast<double>(approx.histogram[i].count),
                  static_cast<double>(exact.histogram[i].count), slack)
          << "bin " << i;
    }
  }
  // Exact counts of every value, from the exact profile's top list when it is
  // complete, else checked only for values the exact list contains.
  std::map<std::string, uint64_t> truth;
  for (const FrequentValue& f : exact.top_values) truth[f.value] = f.count;
  for (const FrequentValue& f : approx.top_values) {
    EXPECT_LE(f.max_overestimate, approx.frequent_items_max_error);
    auto it = truth.find(f.value);
    if (it == truth.end()) continue;
    EXPECT_GE(it->second, f.count - f.max_overestimate) << f.value;
    EXPECT_LE(it->second, f.count) << f.value;
  }
  // The true most frequent value is reported first when it beats the bound.
  if (!exact.top_values.empty() && !approx.top_values.empty() &&
      exact.top_values[0].count >
          2 * approx.frequent_items_max_error +
              (exact.top_values.size() > 1 ? exact.top_values[1].count : 0)) {
    EXPECT_EQ(approx.top_values[0].value, exact.top_values[0].value);
  }
}

TEST(ProfileBuilder, ChunksMatchExactProfileWithinBounds) {
  const Table whole = CreditTable();
  auto exact = ProfileTable(whole);
  ASSERT_TRUE(exact.ok());
  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  const size_t chunk = 300;  // uneven last chunk
  for (size_t begin = 0; begin < CreditRows(); begin += chunk) {
    ASSERT_TRUE(builder->Add(CreditTable(begin, begin + chunk)).ok());
  }
  auto streamed = builder->Finish();
  ASSERT_TRUE(streamed.ok());
  EXPECT_FALSE(streamed->exact());
  EXPECT_EQ(streamed->num_rows, whole.num_rows());
  ASSERT_EQ(streamed->columns.size(), exact->columns.size());
  for (size_t i = 0; i < exact->columns.size(); ++i) {
    ExpectWithinBounds(whole, streamed->columns[i], exact->columns[i]);
  }
}

TEST(ProfileBuilder, LargeStreamStaysWithinStatedErrors) {
  // 200k rows in 20 chunks, enough to force KLL compaction and HLL estimation.
  std::vector<std::optional<double>> all;
  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  uint64_t state = 12345;
  for (int c = 0; c < 20; ++c) {
    std::vector<std::optional<double>> chunk;
    for (int i = 0; i < 10000; ++i) {
      state = state * 6364136223846793005ULL + 1442695040888963407ULL;
      const double u = static_cast<double>(state >> 11) / 9007199254740992.0;
      chunk.push_back(std::floor(-std::log(1 - u) * 1000.0) / 10.0);  // exponential, rounded
    }
    all.insert(all.end(), chunk.begin(), chunk.end());
    ASSERT_TRUE(builder->Add(MakeTable({F64("x", chunk)})).ok());
  }
  const Table whole = MakeTable({F64("x", all)});
  auto exact = ProfileTable(whole);
  auto streamed = builder->Finish();
  ASSERT_TRUE(exact.ok() && streamed.ok());
  ExpectWithinBounds(whole, streamed->columns[0], exact->columns[0]);
}

TEST(ProfileBuilder, ColumnSetMustNotChange) {
  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  ASSERT_TRUE(builder->Add(MakeTable({F64("a", {1.0}), F64("b", {2.0})})).ok());
  Status missing = builder->Add(MakeTable({F64("a", {1.0})}));
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.message().find("'b'"), std::string::npos) << missing.message();
  Status extra = builder->Add(MakeTable({F64("a", {1.0}), F64("b", {2.0}), F64("c", {3.0})}));
  EXPECT_EQ(extra.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(extra.message().find("'c'"), std::string::npos) << extra.message();
  // Failed chunks leave no trace; column order of later chunks is free.
  ASSERT_TRUE(builder->Add(MakeTable({F64("b", {4.0}), F64("a", {3.0})})).ok());
  auto profile = builder->Finish();
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->num_rows, 2u);
  EXPECT_DOUBLE_EQ(*profile->FindColumn("a")->mean, 2.0);
  EXPECT_DOUBLE_EQ(*profile->FindColumn("b")->mean, 3.0);
}

TEST(ProfileBuilder, EmptyBuilderGivesEmptyProfile) {
  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  auto profile = builder->Finish();
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->num_rows, 0u);
  EXPECT_TRUE(profile->columns.empty());
  EXPECT_EQ(ProfileBuilder::Make(ProfileOptions{.top_values = -1}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ProfileBuilder, Int64WidensToFloat64) {
  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  ASSERT_TRUE(builder->Add(MakeTable({I64("x", {1, 2})})).ok());
  ASSERT_TRUE(builder->Add(MakeTable({F64("x", {2.0, 2.5, std::nullopt})})).ok());
  auto profile = builder->Finish();
  ASSERT_TRUE(profile.ok());
  const ColumnProfile& x = profile->columns[0];
  EXPECT_EQ(x.type, DataType::kFloat64);
  EXPECT_EQ(x.kind, ColumnProfileKind::kNumeric);
  EXPECT_EQ(x.count, 5u);
  EXPECT_EQ(x.null_count, 1u);
  EXPECT_NEAR(*x.mean, 7.5 / 4, 1e-15);
  ASSERT_EQ(x.notes.size(), 1u);
  EXPECT_NE(x.notes[0].find("int64 to float64"), std::string::npos);
  EXPECT_NE(x.notes[0].find("row 2"), std::string::npos);
  EXPECT_EQ(x.top_values[0].value, "2") << "int64 2 and float64 2.0 count as one value";
  EXPECT_EQ(x.top_values[0].count, 2u);
}

TEST(ProfileBuilder, NumericWidensToTextKeepingCounts) {
  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  ASSERT_TRUE(builder->Add(MakeTable({I64("x", {7, 7, std::nullopt})})).ok());
  ASSERT_TRUE(builder->Add(MakeTable({Str("x", {"7", "abc"})})).ok());
  ASSERT_TRUE(builder->Add(MakeTable({I64("x", {8})})).ok());  // stays text
  auto profile = builder->Finish();
  ASSERT_TRUE(profile.ok());
  const ColumnProfile& x = profile->columns[0];
  EXPECT_EQ(x.type, DataType::kString);
  EXPECT_EQ(x.kind, ColumnProfileKind::kText);
  EXPECT_EQ(x.count, 6u);
  EXPECT_EQ(x.null_count, 1u);
  EXPECT_EQ(x.finite_count, 2u) << "counts from the numeric chunks are kept";
  EXPECT_FALSE(x.mean.has_value()) << "moments describe part of the column only: dropped";
  EXPECT_TRUE(x.quantiles.empty());
  ASSERT_FALSE(x.top_values.empty());
  EXPECT_EQ(x.top_values[0].value, "7");
  EXPECT_EQ(x.top_values[0].count, 3u) << "number 7 and text \"7\" are one value";
  ASSERT_EQ(x.notes.size(), 1u);
  EXPECT_NE(x.notes[0].find("int64 to string"), std::string::npos);
}

}  // namespace
}  // namespace airm
