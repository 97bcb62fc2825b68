#include "airm/column.h"

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <vector>

#include "airm/numeric_values.h"
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

// Runs appended at once equal the same bits appended one by one, across
// word boundaries, for runs shorter and longer than a word.
TEST(ValidityBitmapTest, AppendManyMatchesAppendingOneByOne) {
  ValidityBitmap many, one;
  const size_t runs[] = {1, 63, 2, 64, 64, 1, 130, 0, 7, 200, 5};
  bool valid = true;
  for (size_t run : runs) {
    many.AppendMany(valid, run);
    for (size_t i = 0; i < run; ++i) one.Append(valid);
    valid = !valid;
  }
  ASSERT_EQ(many.size(), one.size());
  EXPECT_EQ(many.null_count(), one.null_count());
  for (size_t i = 0; i < one.size(); ++i) ASSERT_EQ(many.IsValid(i), one.IsValid(i)) << i;
  many.Append(false);
  one.Append(false);
  EXPECT_EQ(many.IsValid(many.size() - 1), false);
  EXPECT_EQ(many.null_count(), one.null_count());
}

// The typed scan gives exactly NumericAt's values, skips nulls, and stops
// when the visitor returns false.
TEST(ForEachValidNumberTest, MatchesNumericAtForEveryNumericType) {
  const std::vector<Column> columns = {
      Column::Float64("f", {1.5, -0.0, 2.25}, Bits({true, false, true})),
      Column::Int64("i", {7, -3, 1LL << 53}, Bits({true, true, true})),
      Column::Bool("b", {1, 0, 1}, Bits({false, true, true})),
      Column::Timestamp("t", {1'700'000'000'123'456, 0, -5}, Bits({true, true, false}))};
  for (const Column& c : columns) {
    std::vector<std::pair<size_t, double>> seen, expected;
    ForEachValidNumber(c, [&](size_t row, double v) { seen.emplace_back(row, v); });
    for (size_t row = 0; row < c.size(); ++row) {
      if (c.IsValid(row)) expected.emplace_back(row, c.NumericAt(row));
    }
    EXPECT_EQ(seen, expected) << c.name();
  }
  size_t visited = 0;
  ForEachValidNumber(columns[1], [&](size_t, double) { return ++visited < 2; });
  EXPECT_EQ(visited, 2u);
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

// Decimal storage reads as the doubles it stands for, through every accessor
// and through copies.
TEST(ColumnTest, DecimalStorageReadsAsItsDoubles) {
  const std::vector<double> expected = {0.30471708, -1.5, 0, 2147483647, 1e-22};
  Column c = Column::Float64Decimal("d", {30471708, -15, 7, 2147483647, 1}, {8, 1, 0, 0, 22},
                                    Bits({true, true, false, true, true}));
  EXPECT_TRUE(c.stores_decimals());
  EXPECT_TRUE(c.float64_array().empty());
  EXPECT_EQ(c.type(), DataType::kFloat64);
  for (size_t row : {0u, 1u, 3u, 4u}) {
    EXPECT_EQ(c.Float64At(row), expected[row]) << row;
    EXPECT_EQ(c.NumericAt(row), expected[row]) << row;
  }
  EXPECT_EQ(c.TextAt(0), "0.30471708");
  EXPECT_EQ(c.ValidNumericValues(), (std::vector<double>{0.30471708, -1.5, 2147483647, 1e-22}));
  std::vector<double> visited;
  ForEachValidNumber(c, [&](size_t, double v) { visited.push_back(v); });
  EXPECT_EQ(visited, c.ValidNumericValues());
  EXPECT_EQ(c.Float64Values()[1], -1.5);
  Column renamed = c.Renamed("e");
  EXPECT_TRUE(renamed.stores_decimals());
  EXPECT_EQ(renamed.Float64At(0), 0.30471708);
  // A column of doubles says so and visits its array.
  Column f = Column::Float64("f", {0.5}, Bits({true}));
  EXPECT_FALSE(f.stores_decimals());
  EXPECT_EQ(f.VisitFloat64([](auto at) { return at(0); }), 0.5);
}

TEST(ColumnTest, BorrowedValuesAreReadInPlaceAndKeptAliveByEveryCopy) {
  auto buffer = std::make_shared<std::vector<double>>(std::vector<double>{1.5, 0, -2});
  std::weak_ptr<std::vector<double>> watch = buffer;
  std::span<const double> values(*buffer);
  {
    Column c = Column::BorrowFloat64("x", values, buffer, Bits({true, false, true}));
    buffer.reset();  // the column is the owner now
    EXPECT_TRUE(c.is_borrowed());
    EXPECT_EQ(c.float64_array().data(), values.data());
    EXPECT_EQ(c.ValidNumericValues(), (std::vector<double>{1.5, -2}));
    EXPECT_EQ(c.TextAt(2), "-2");
    Column renamed = c.Renamed("y");
    EXPECT_EQ(renamed.float64_array().data(), values.data());
    {
      Column moved = std::move(c);
      EXPECT_EQ(moved.NumericAt(0), 1.5);
    }
    EXPECT_FALSE(watch.expired());  // `renamed` still holds it
  }
  EXPECT_TRUE(watch.expired());
}

TEST(ColumnTest, BorrowedInt64AndTimestamps) {
  auto buffer = std::make_shared<std::vector<int64_t>>(std::vector<int64_t>{0, 1500000});
  Column ints = Column::BorrowInt64("n", DataType::kInt64, *buffer, buffer, Bits({true, true}));
  Column times =
      Column::BorrowInt64("t", DataType::kTimestamp, *buffer, buffer, Bits({true, true}));
  EXPECT_EQ(ints.int64_values().data(), buffer->data());
  EXPECT_EQ(ints.NumericAt(1), 1500000);
  EXPECT_EQ(times.type(), DataType::kTimestamp);
  EXPECT_EQ(times.NumericAt(1), 1.5);
  EXPECT_EQ(times.TextAt(1), "1970-01-01T00:00:01.5Z");
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
