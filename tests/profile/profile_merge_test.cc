// MergeProfiles: merge(profile(A), profile(B)) against profile(A ∪ B).
#include <gtest/gtest.h>

#include <cmath>

#include "airm/profile.h"
#include "credit_fixture.h"

namespace airm {
namespace {

using testing::CreditRows;
using testing::CreditTable;
using testing::F64;
using testing::MakeTable;
using testing::RankDistance;
using testing::SortedFinite;
using testing::Str;

constexpr double kMomentRelTol = 1e-12;

TEST(MergeProfiles, EqualsWholeDataProfile) {
  const size_t cut = 777;
  auto a = ProfileTable(CreditTable(0, cut));
  auto b = ProfileTable(CreditTable(cut));
  const Table whole = CreditTable();
  auto all = ProfileTable(whole);
  ASSERT_TRUE(a.ok() && b.ok() && all.ok());
  auto merged = MergeProfiles(*a, *b);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->num_rows, CreditRows());
  EXPECT_FALSE(merged->exact()) << "merged profiles answer from sketches";
  for (const ColumnProfile& want : all->columns) {
    SCOPED_TRACE(want.name);
    const ColumnProfile* got = merged->FindColumn(want.name);
    ASSERT_NE(got, nullptr);
    EXPECT_EQ(got->count, want.count);
    EXPECT_EQ(got->null_count, want.null_count);
    EXPECT_EQ(got->min, want.min);
    EXPECT_EQ(got->max, want.max);
    if (want.mean) {
      EXPECT_NEAR(*got->mean, *want.mean, kMomentRelTol * std::fabs(*want.mean));
      EXPECT_NEAR(*got->stddev, *want.stddev, kMomentRelTol * *want.stddev);
      const auto sorted = SortedFinite(whole, want.name);
      for (const QuantileValue& q : got->quantiles) {
        EXPECT_LE(RankDistance(sorted, q.value, q.level), got->quantile_rank_error);
      }
    }
    const double n = static_cast<double>(want.distinct_count);
    EXPECT_NEAR(static_cast<double>(got->distinct_count), n,
                std::max(0.5, 3 * got->distinct_relative_error * n));
    // Exact inputs have exact top lists, so the merged counts of common
    // values are exact sums when both sides store them.
    ASSERT_FALSE(got->top_values.empty());
    EXPECT_EQ(got->top_values[0].value, want.top_values[0].value);
    EXPECT_LE(got->top_values[0].count - got->top_values[0].max_overestimate,
              want.top_values[0].count);
    EXPECT_GE(got->top_values[0].count, want.top_values[0].count);
  }
}

TEST(MergeProfiles, IsAssociativeForCountsMomentsAndDistinct) {
  auto p1 = ProfileTable(CreditTable(0, 500));
  auto p2 = ProfileTable(CreditTable(500, 1200));
  auto p3 = ProfileTable(CreditTable(1200));
  ASSERT_TRUE(p1.ok() && p2.ok() && p3.ok());
  auto left = MergeProfiles(*MergeProfiles(*p1, *p2), *p3);
  auto right = MergeProfiles(*p1, *MergeProfiles(*p2, *p3));
  ASSERT_TRUE(left.ok() && right.ok());
  for (size_t i = 0; i < left->columns.size(); ++i) {
    const ColumnProfile& l = left->columns[i];
    const ColumnProfile& r = right->columns[i];
    SCOPED_TRACE(l.name);
    EXPECT_EQ(l.count, r.count);
    EXPECT_EQ(l.null_count, r.null_count);
    EXPECT_EQ(l.min, r.min);
    EXPECT_EQ(l.max, r.max);
    if (l.mean) {
      EXPECT_NEAR(*l.mean, *r.mean, kMomentRelTol * std::fabs(*l.mean));
      EXPECT_NEAR(*l.stddev, *r.stddev, kMomentRelTol * *l.stddev);
    }
    EXPECT_TRUE(l.sketches.distinct == r.sketches.distinct) << "HLL merge is a register max";
    EXPECT_EQ(l.distinct_count, r.distinct_count);
    EXPECT_EQ(l.sketches.quantiles.n(), r.sketches.quantiles.n());
  }
}

TEST(MergeProfiles, ColumnsMustMatch) {
  auto a = ProfileTable(MakeTable({F64("x", {1.0}), F64("y", {1.0})}));
  auto b = ProfileTable(MakeTable({F64("x", {2.0})}));
  ASSERT_TRUE(a.ok() && b.ok());
  auto ab = MergeProfiles(*a, *b);
  EXPECT_EQ(ab.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ab.status().message().find("'y'"), std::string::npos) << ab.status().message();
  auto ba = MergeProfiles(*b, *a);
  EXPECT_NE(ba.status().message().find("'y'"), std::string::npos);
}

TEST(MergeProfiles, SketchParametersMustMatch) {
  const Table t = MakeTable({F64("x", {1.0})});
  auto a = ProfileTable(t);
  auto b = ProfileTable(t, ProfileOptions{.kll_k = 100});
  ASSERT_TRUE(a.ok() && b.ok());
  auto merged = MergeProfiles(*a, *b);
  EXPECT_EQ(merged.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(merged.status().message().find("kll_k"), std::string::npos);
}

TEST(MergeProfiles, NumericAndTextMergeAsText) {
  auto a = ProfileTable(MakeTable({F64("x", {1.5, 1.5})}));
  auto b = ProfileTable(MakeTable({Str("x", {"1.5", "z"})}));
  ASSERT_TRUE(a.ok() && b.ok());
  auto merged = MergeProfiles(*a, *b);
  ASSERT_TRUE(merged.ok());
  const ColumnProfile& x = merged->columns[0];
  EXPECT_EQ(x.kind, ColumnProfileKind::kText);
  EXPECT_EQ(x.count, 4u);
  EXPECT_EQ(x.top_values[0].value, "1.5");
  EXPECT_EQ(x.top_values[0].count, 3u);
  EXPECT_FALSE(x.notes.empty());
}

}  // namespace
}  // namespace airm
