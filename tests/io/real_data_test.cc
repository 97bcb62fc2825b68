// A real file: tests/data/credit_ref.csv is a copy of the shared data set
// scored/credit_data_shifted_reference.csv (credit scoring, 3,386 rows).
#include <gtest/gtest.h>

#include "airm/reader.h"

namespace airm {
namespace {

TEST(RealData, CreditReference) {
  auto result = ReadTable(std::string(AIRM_TEST_DATA_DIR) + "/credit_ref.csv");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  const Table& t = *result;
  EXPECT_EQ(t.num_rows(), 3386u);
  ASSERT_EQ(t.num_columns(), 16u);
  // Expected types and null counts were counted independently with Python's
  // csv module (empty field = null; no NA/NaN/null/None tokens occur):
  //   /usr/bin/python3 -c "import csv; r=list(csv.DictReader(open('credit_ref.csv')));
  //     print({k: sum(x[k]=='' for x in r) for k in r[0]})"
  struct Expected {
    const char* name;
    DataType type;
    size_t nulls;
  };
  const Expected expected[] = {
      {"Status", DataType::kCategorical, 0},
      {"Seniority", DataType::kInt64, 0},
      {"Home", DataType::kCategorical, 4},
      {"Time", DataType::kInt64, 0},
      {"Age", DataType::kInt64, 0},
      {"Marital", DataType::kCategorical, 1},
      {"Records", DataType::kCategorical, 0},
      {"Job", DataType::kCategorical, 2},
      {"Expenses", DataType::kInt64, 0},
      {"Income", DataType::kInt64, 283},
      {"Assets", DataType::kInt64, 24},
      {"Debt", DataType::kInt64, 10},
      {"Amount", DataType::kInt64, 0},
      {"Price", DataType::kInt64, 0},
      {"prediction", DataType::kCategorical, 0},
      {"score", DataType::kFloat64, 0},
  };
  for (size_t i = 0; i < 16; ++i) {
    EXPECT_EQ(t.column(i).name(), expected[i].name);
    EXPECT_EQ(t.column(i).type(), expected[i].type) << expected[i].name;
    EXPECT_EQ(t.column(i).null_count(), expected[i].nulls) << expected[i].name;
  }
  EXPECT_EQ(t.column(0).dictionary().size(), 2u);  // good / bad
  EXPECT_EQ(t.column(0).TextAt(0), "good");
  EXPECT_EQ(t.column(15).Float64At(0), 0.135813);
}

}  // namespace
}  // namespace airm
