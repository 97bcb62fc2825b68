#include "test_util.h"

#include <cmath>
#include <fstream>

namespace airm::groups_testing {

nlohmann::json LoadFixture(const std::string& name) {
  const std::string path = std::string(AIRM_GROUPS_FIXTURE_DIR) + "/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  if (!in.good()) return nlohmann::json::object();
  return nlohmann::json::parse(in);
}

::testing::AssertionResult Near(const std::optional<double>& actual,
                                const nlohmann::json& expected) {
  if (expected.is_null()) {
    if (!actual) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "expected undefined, got " << *actual;
  }
  if (!actual) return ::testing::AssertionFailure() << "undefined, expected " << expected;
  const double e = expected.get<double>();
  if (std::abs(*actual - e) <= kTol) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << *actual << " vs expected " << e << " (diff " << *actual - e << ")";
}

Column TextColumn(const std::string& name, const std::vector<std::optional<std::string>>& values) {
  std::vector<std::string> strings;
  ValidityBitmap valid;
  for (const auto& v : values) {
    strings.push_back(v.value_or(""));
    valid.Append(v.has_value());
  }
  return Column::String(name, std::move(strings), std::move(valid));
}

Column IntColumn(const std::string& name, const std::vector<int64_t>& values) {
  ValidityBitmap valid;
  valid.AppendMany(true, values.size());
  return Column::Int64(name, values, std::move(valid));
}

Column FloatColumn(const std::string& name, const std::vector<double>& values) {
  ValidityBitmap valid;
  valid.AppendMany(true, values.size());
  return Column::Float64(name, values, std::move(valid));
}

Table MakeTable(std::vector<Column> columns) {
  Result<Table> t = Table::Make(std::move(columns));
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(t).value() : Table();
}

EvalData BinaryData(const std::vector<int32_t>& y_true, const std::vector<int32_t>& y_pred,
                    const std::vector<double>& score) {
  EvalData d;
  d.task = TaskType::kBinary;
  d.classes = {"neg", "pos"};
  d.y_true = y_true;
  d.y_pred = y_pred;
  d.score = score;
  for (uint32_t i = 0; i < y_true.size(); ++i) d.source_rows.push_back(i);
  d.rows_total = y_true.size();
  return d;
}

std::vector<std::optional<std::string>> Texts(const nlohmann::json& array) {
  std::vector<std::optional<std::string>> out;
  for (const auto& v : array) {
    out.push_back(v.is_null() ? std::nullopt : std::optional<std::string>(v.get<std::string>()));
  }
  return out;
}

}  // namespace airm::groups_testing
