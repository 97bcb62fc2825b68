#include "slice_test_util.h"

#include <map>

namespace airm::testing {

Column Cat(const std::string& name, const std::vector<std::optional<std::string>>& values) {
  std::map<std::string, int32_t> dict_index;
  std::vector<std::string> dict;
  std::vector<int32_t> codes;
  ValidityBitmap validity;
  for (const auto& v : values) {
    validity.Append(v.has_value());
    if (!v) {
      codes.push_back(0);
      continue;
    }
    auto [it, inserted] = dict_index.emplace(*v, static_cast<int32_t>(dict.size()));
    if (inserted) dict.push_back(*v);
    codes.push_back(it->second);
  }
  return Column::Categorical(name, std::move(codes), std::move(dict), std::move(validity));
}

Column Num(const std::string& name, const std::vector<std::optional<double>>& values) {
  std::vector<double> v;
  ValidityBitmap validity;
  for (const auto& x : values) {
    validity.Append(x.has_value());
    v.push_back(x.value_or(0.0));
  }
  return Column::Float64(name, std::move(v), std::move(validity));
}

Table MakeTable(std::vector<Column> columns) {
  auto t = Table::Make(std::move(columns));
  return std::move(t).value();
}

EvalData BinaryEval(const std::vector<double>& errors) {
  EvalData d;
  d.task = TaskType::kBinary;
  d.classes = {"0", "1"};
  for (size_t i = 0; i < errors.size(); ++i) {
    const int32_t y = static_cast<int32_t>(i % 2);
    d.y_true.push_back(y);
    d.y_pred.push_back(errors[i] != 0 ? 1 - y : y);
    d.source_rows.push_back(static_cast<uint32_t>(i));
  }
  d.rows_total = errors.size();
  return d;
}

}  // namespace airm::testing
