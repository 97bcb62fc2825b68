#include "airm/quality.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <set>
#include <string>
#include <tuple>

#include "../drift/test_tables.h"

namespace airm {
namespace {

using testing::AllValid;

Table Numeric(std::vector<double> values, std::vector<bool> valid = {}) {
  ValidityBitmap v;
  for (size_t i = 0; i < values.size(); ++i) v.Append(valid.empty() || valid[i]);
  std::vector<Column> cols;
  cols.push_back(Column::Float64("v", std::move(values), v));
  return std::move(Table::Make(std::move(cols))).value();
}

Table Text(std::vector<std::string> values) {
  std::vector<Column> cols;
  size_t n = values.size();
  cols.push_back(Column::String("t", std::move(values), AllValid(n)));
  return std::move(Table::Make(std::move(cols))).value();
}

const QualityCheck* Find(const std::vector<QualityCheck>& checks, const std::string& name) {
  for (const auto& c : checks) {
    if (c.check == name) return &c;
  }
  return nullptr;
}

TEST(QualityTest, OutOfRangeShareCountsValuesBeyondReferenceMinMax) {
  Table ref = Numeric({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  Table cur = Numeric({0, 2, 3, 4, 5, 6, 7, 8, 9, 11});  // 2 of 10 outside [1, 10]
  auto checks = CheckQuality(ref, cur, {"v"}, DefaultQualityThresholds());
  const QualityCheck* q = Find(checks, "out_of_range_share");
  ASSERT_NE(q, nullptr);
  EXPECT_DOUBLE_EQ(*q->value, 0.2);
  EXPECT_EQ(q->status, CheckStatus::kFail);
}

// The reference range ignores NaN and ±Inf wherever they sit (the scan runs
// in lanes of four plus a tail), and current infinities are not "outside".
TEST(QualityTest, ReferenceRangeSkipsNonFiniteValuesInAnyPosition) {
  Table ref = Numeric({-INFINITY, 3, NAN, 2, 7, INFINITY, 5, NAN, 4, 6, -1});  // finite: [-1, 7]
  Table cur = Numeric({-2, 0, 1, 8, INFINITY, 3, 9, NAN, 7, -1});              // -2, 8, 9 outside
  auto checks = CheckQuality(ref, cur, {"v"}, DefaultQualityThresholds());
  const QualityCheck* q = Find(checks, "out_of_range_share");
  ASSERT_NE(q, nullptr);
  EXPECT_DOUBLE_EQ(*q->value, 3.0 / 8);  // of the 8 finite current values
  EXPECT_THAT(q->message, ::testing::HasSubstr("[-1, 7]"));
}

TEST(QualityTest, MissingShareChangeAndNonFinite) {
  Table ref = Numeric({1, 2, 3, 4});
  Table cur = Numeric({1, NAN, INFINITY, 4}, {true, false, true, true});
  auto checks = CheckQuality(ref, cur, {"v"}, DefaultQualityThresholds());
  EXPECT_DOUBLE_EQ(*Find(checks, "missing_share_change")->value, 0.25);
  EXPECT_EQ(Find(checks, "missing_share_change")->status, CheckStatus::kFail);
  const QualityCheck* nf = Find(checks, "non_finite_share");
  ASSERT_NE(nf, nullptr);
  EXPECT_NEAR(*nf->value, 1.0 / 3, 1e-12);
  EXPECT_EQ(nf->status, CheckStatus::kFail);
}

TEST(QualityTest, NewAndVanishedCategoriesAreNamed) {
  Table ref = Text({"a", "a", "b", "c"});
  Table cur = Text({"a", "a", "b", "d"});
  auto checks = CheckQuality(ref, cur, {"t"}, DefaultQualityThresholds());
  const QualityCheck* fresh = Find(checks, "new_category_share");
  ASSERT_NE(fresh, nullptr);
  EXPECT_DOUBLE_EQ(*fresh->value, 0.25);
  EXPECT_NE(fresh->message.find("'d'"), std::string::npos);
  EXPECT_NE(Find(checks, "vanished_category_share")->message.find("'c'"), std::string::npos);
}

TEST(QualityTest, DuplicateRowsCountOnlyTheIncrease) {
  Table ref = Text({"a", "a", "b", "c"});  // 25% duplicates already
  Table cur = Text({"a", "a", "a", "b"});  // 50%
  auto checks = CheckQuality(ref, cur, {"t"}, DefaultQualityThresholds());
  EXPECT_DOUBLE_EQ(*Find(checks, "duplicate_row_share")->value, 0.25);
}

// Rows are equal cell by cell: a null equals only a null (whatever value
// sits under it), floats compare by bits (NaN equals NaN, -0.0 differs from
// 0.0). The row hashes only group candidates; the count is exact.
TEST(QualityTest, DuplicateRowsCompareCellsByBitsAndNulls) {
  Table ref = Numeric({1, 2, 3, 4, 5, 6, 7, 8});
  const double nan = std::nan("");
  // Rows: 0.0, -0.0 (distinct), NaN, NaN (dup), null over 5, null over 9 (dup), 5 (distinct
  // from the null), 0.0 (dup of row 0).
  Table cur = Numeric({0.0, -0.0, nan, nan, 5, 9, 5, 0.0},
                      {true, true, true, true, false, false, true, true});
  auto checks = CheckQuality(ref, cur, {"v"}, DefaultQualityThresholds());
  const QualityCheck* q = Find(checks, "duplicate_row_share");
  ASSERT_NE(q, nullptr);
  EXPECT_DOUBLE_EQ(*q->value, 3.0 / 8.0);
}

// Issue 13: a table that is mostly copies of a few thousand rows (a file
// repeated) took minutes in the duplicate check. Copies are interleaved,
// some rows differ only in the sign of a zero or in which cell is null, and
// NaN rows repeat; the count must be exact (the reference count is a set of
// the rows' bits).
TEST(QualityTest, DuplicateRowsManyCopiesCountedExactly) {
  constexpr size_t kRows = 60000;
  constexpr size_t kDistinctKeys = 2000;
  std::vector<double> x(kRows);
  std::vector<int64_t> y(kRows);
  std::vector<std::string> s(kRows);
  ValidityBitmap x_valid, y_valid;
  std::set<std::tuple<bool, uint64_t, bool, int64_t, std::string>> distinct;
  for (size_t i = 0; i < kRows; ++i) {
    const size_t k = (i * 7919) % kDistinctKeys;
    x[i] = k < 100 ? (k % 2 ? -0.0 : 0.0) : (k % 13 == 0 ? std::nan("") : k / 4.0);
    y[i] = static_cast<int64_t>(k / 2);
    s[i] = "s" + std::to_string(k % 3);
    const bool xv = k % 17 != 0, yv = k % 5 != 0;
    x_valid.Append(xv);
    y_valid.Append(yv);
    distinct.insert({xv, xv ? std::bit_cast<uint64_t>(x[i]) : 0, yv, yv ? y[i] : 0, s[i]});
  }
  std::vector<Column> cols;
  cols.push_back(Column::Float64("x", std::move(x), x_valid));
  cols.push_back(Column::Int64("y", std::move(y), y_valid));
  cols.push_back(Column::String("s", std::move(s), AllValid(kRows)));
  Table cur = std::move(Table::Make(std::move(cols))).value();
  Table ref = Numeric({1, 2, 3});
  auto checks = CheckQuality(ref, cur, {}, DefaultQualityThresholds());
  const QualityCheck* q = Find(checks, "duplicate_row_share");
  ASSERT_NE(q, nullptr);
  // Of the 2000 keys, pairs differing in a null x or y collapse: fewer rows
  // are distinct than keys.
  ASSERT_LT(distinct.size(), kDistinctKeys);
  EXPECT_DOUBLE_EQ(*q->value, static_cast<double>(kRows - distinct.size()) / kRows);
}

// Few copies among many distinct rows: only the rows whose hash repeats are
// grouped, and a table of distinct rows has none.
TEST(QualityTest, DuplicateRowsFewCopiesAmongManyDistinctRows) {
  constexpr size_t kDistinct = 20000;
  std::vector<double> x;
  for (size_t i = 0; i < kDistinct; ++i) x.push_back(static_cast<double>(i) * 0.37);
  Table ref = Numeric({1, 2, 3});
  const auto share = [&](const std::vector<double>& values) {
    auto checks = CheckQuality(ref, Numeric(values), {}, DefaultQualityThresholds());
    const QualityCheck* q = Find(checks, "duplicate_row_share");
    return q != nullptr && q->value ? *q->value : -1.0;
  };
  EXPECT_EQ(share(x), 0.0);
  std::vector<double> with_copies = x;
  for (size_t k = 0; k < 37; ++k) with_copies.push_back(x[(k * 541) % kDistinct]);
  with_copies.push_back(x[5]);  // a third copy of one row
  with_copies.push_back(x[5]);
  EXPECT_DOUBLE_EQ(share(with_copies), 39.0 / with_copies.size());
}

TEST(QualityTest, ConstantColumnAndEmptyBatch) {
  Table ref = Numeric({1, 2, 3});
  Table cur = Numeric({7, 7, 7});
  auto checks = CheckQuality(ref, cur, {"v"}, DefaultQualityThresholds());
  ASSERT_NE(Find(checks, "constant_column"), nullptr);
  EXPECT_EQ(Find(checks, "constant_column")->status, CheckStatus::kWarn);
  Table empty = Numeric({});
  auto e = CheckQuality(ref, empty, {"v"}, DefaultQualityThresholds());
  EXPECT_EQ(Find(e, "empty_batch")->status, CheckStatus::kFail);
  EXPECT_EQ(WorstStatus(e), CheckStatus::kFail);
}

TEST(QualityTest, ThresholdOverrides) {
  auto t = DefaultQualityThresholds();
  ASSERT_TRUE(ParseQualityThreshold("out_of_range_share=0.3,0.5", &t).ok());
  EXPECT_DOUBLE_EQ(t["out_of_range_share"].warn, 0.3);
  ASSERT_TRUE(ParseQualityThreshold("missing_share_change=0.4", &t).ok());
  EXPECT_DOUBLE_EQ(t["missing_share_change"].warn, 0.4);
  EXPECT_NE(ParseQualityThreshold("nope=1", &t).message().find("unknown check 'nope'"),
            std::string::npos);
  EXPECT_EQ(ParseQualityThreshold("out_of_range_share=0.5,0.1", &t).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseQualityThreshold("out_of_range_share=abc", &t).code(),
            StatusCode::kInvalidArgument);
  Table ref = Numeric({1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  Table cur = Numeric({0, 2, 3, 4, 5, 6, 7, 8, 9, 11});
  auto checks = CheckQuality(ref, cur, {"v"}, t);
  EXPECT_EQ(Find(checks, "out_of_range_share")->status, CheckStatus::kPass);
}

}  // namespace
}  // namespace airm
