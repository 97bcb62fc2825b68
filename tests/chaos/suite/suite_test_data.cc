#include "suite_test_data.h"

#include <gtest/gtest.h>

#include "airm/reader.h"

namespace airm::chaos::testing {

Table SmallTable() {
  ValidityBitmap x_valid, n_valid, city_valid, y_valid;
  for (int i = 0; i < 6; ++i) {
    x_valid.Append(i != 2);
    n_valid.Append(true);
    city_valid.Append(i != 4);
    y_valid.Append(true);
  }
  std::vector<Column> columns;
  columns.push_back(Column::Float64("x", {1.5, 2.0, 0, 4.0, 0.5, 3.0}, x_valid));
  columns.push_back(Column::Int64("n", {10, 20, 30, 40, 50, 60}, n_valid));
  columns.push_back(
      Column::Categorical("city", {0, 1, 0, 2, 0, 1}, {"Oslo", "Bergen", "tromsø"}, city_valid));
  columns.push_back(Column::Categorical("y", {0, 1, 0, 0, 1, 0}, {"no", "yes"}, y_valid));
  Result<Table> table = Table::Make(std::move(columns));
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return std::move(table).value();
}

Table CreditTable() {
  Result<Table> table = ReadTable(SourcePath("examples/credit/current.csv"));
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return std::move(table).value();
}

}  // namespace airm::chaos::testing
