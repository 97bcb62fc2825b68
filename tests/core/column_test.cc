#include "airm/column.h"

#include <gtest/gtest.h>

#include <cmath>

#include "airm/table.h"

namespace airm {
namespace {

ValidityBitmap Bits(std::initializer_list<bool> v) {
  ValidityBitmap b;
  for (bool x : v) b.Append(x);
  return b;
}

TEST(ValidityBitmapTest, CountsNullsAcrossWordBoundaries) {
  ValidityBitmap b;
  for (int i = 0; i < 130; ++i) b.Append(i % 3 != 0);
  EXPECT_EQ(b.size(), 130u);
  EXPECT_EQ(b.null_count(), 44u);
  EXPECT_FALSE(b.IsValid(129));
  EXPECT_TRUE(b.IsValid(128));
}

TEST(ColumnTest, NumericAccessSkipsNulls) {
  Column c = Column::Int64("x", {1, 0, 3}, Bits({true, false, true}));
  EXPECT_EQ(c.ValidNumericValues(), (std::vector<double>{1, 3}));
  EXPECT_EQ(c.TextAt(2), "3");
}

TEST(ColumnTest, TimestampFormatsAsUtcIso8601) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1706702400000000LL + 500000), "2024-01-31T12:00:00.5Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59.999999Z");
}

TEST(ColumnTest, FloatTextRoundTripsAndNamesNonFinite) {
  Column c = Column::Float64("f", {0.1, NAN, -INFINITY}, Bits({true, true, true}));
  EXPECT_EQ(c.TextAt(0), "0.1");
  EXPECT_EQ(c.TextAt(1), "NaN");
  EXPECT_EQ(c.TextAt(2), "-Inf");
}

TEST(TableTest, RejectsDuplicateNames) {
  std::vector<Column> cols;
  cols.push_back(Column::Int64("a", {1}, Bits({true})));
  cols.push_back(Column::Int64("a", {2}, Bits({true})));
  auto t = Table::Make(std::move(cols));
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("duplicate column name 'a'"), std::string::npos);
}

TEST(TableTest, FindsColumnsAndKeepsRoles) {
  std::vector<Column> cols;
  cols.push_back(Column::Int64("a", {1}, Bits({true})));
  cols.push_back(Column::Categorical("b", {0}, {"x"}, Bits({true})));
  auto t = Table::Make(std::move(cols));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->FindColumn("b"), 1u);
  EXPECT_FALSE(t->FindColumn("c").has_value());
  t->set_role(1, ColumnRole::kSegment);
  EXPECT_EQ(t->role(1), ColumnRole::kSegment);
  EXPECT_STREQ(ColumnRoleName(t->role(0)), "feature");
}

}  // namespace
}  // namespace airm
