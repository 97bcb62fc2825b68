#include "airm/monitor/window_rows.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::monitor {
namespace {

using ::testing::HasSubstr;

ValidityBitmap AllValid(size_t n) {
  ValidityBitmap v;
  v.AppendMany(true, n);
  return v;
}

TEST(WindowRowsTest, RowTimesReadTimestampsAndIsoText) {
  Table t = *Table::Make(
      {Column::String("ts", {"2026-01-05T00:00:00Z", "2026-01-05T01:00:00+01:00"}, AllValid(2))});
  auto times = RowTimes(t, "ts", "b.csv");
  ASSERT_TRUE(times.ok()) << times.status().ToString();
  EXPECT_EQ((*times)[0], 1767571200);
  EXPECT_EQ((*times)[1], 1767571200);

  Table bad =
      *Table::Make({Column::String("ts", {"2026-01-05T00:00:00Z", "yesterday"}, AllValid(2))});
  auto err = RowTimes(bad, "ts", "b.csv");
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().code(), StatusCode::kParseError);
  EXPECT_THAT(err.status().message(), HasSubstr("b.csv: row 2"));
  EXPECT_THAT(RowTimes(t, "time", "b.csv").status().message(),
              HasSubstr("'time' (current.timestamp) is not in the file"));
}

TEST(WindowRowsTest, GatherMixesIntegersWithFloatsAndReencodesCategories) {
  Table a = *Table::Make({Column::Int64("x", {1, 2, 3}, AllValid(3)),
                          Column::Categorical("c", {0, 1, 0}, {"p", "q"}, AllValid(3))});
  Table b = *Table::Make({Column::Float64("x", {0.5, 9.0}, AllValid(2)),
                          Column::Categorical("c", {0, 0}, {"r"}, AllValid(2))});
  std::vector<RowSource> sources = {{&a, "a.csv", {0, 2}}, {&b, "b.csv", {1}}};
  auto t = GatherRows(sources);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->num_rows(), 3u);
  EXPECT_EQ(t->column(0).type(), DataType::kFloat64);
  EXPECT_EQ(t->column(0).Float64At(2), 9.0);
  EXPECT_EQ(t->column(1).type(), DataType::kCategorical);
  EXPECT_EQ(t->column(1).TextAt(0), "p");
  EXPECT_EQ(t->column(1).TextAt(1), "p");
  EXPECT_EQ(t->column(1).TextAt(2), "r");

  Table text = *Table::Make({Column::String("x", {"one"}, AllValid(1))});
  std::vector<RowSource> clash = {{&a, "a.csv", {0}}, {&text, "t.csv", {0}}};
  auto err = GatherRows(clash);
  ASSERT_FALSE(err.ok());
  EXPECT_THAT(err.status().message(),
              HasSubstr("column 'x' is int64 in a.csv but string in t.csv"));
}

}  // namespace
}  // namespace airm::monitor
