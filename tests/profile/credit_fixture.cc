#include "credit_fixture.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

namespace airm::testing {
namespace {

std::vector<std::vector<std::string>> ReadCsv() {
  std::ifstream in(std::string(AIRM_PROFILE_FIXTURE_DIR) + "/credit_columns.csv");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

const std::vector<std::vector<std::string>>& Rows() {
  static const auto* rows = new std::vector<std::vector<std::string>>(ReadCsv());
  return *rows;
}

}  // namespace

size_t CreditRows() { return Rows().size(); }

nlohmann::json CreditExpected() {
  std::ifstream in(std::string(AIRM_PROFILE_FIXTURE_DIR) + "/credit_expected.json");
  return nlohmann::json::parse(in);
}

Column F64(const std::string& name, const std::vector<std::optional<double>>& values) {
  std::vector<double> data;
  ValidityBitmap validity;
  for (const auto& v : values) {
    data.push_back(v.value_or(0.0));
    validity.Append(v.has_value());
  }
  return Column::Float64(name, std::move(data), std::move(validity));
}

Column I64(const std::string& name, const std::vector<std::optional<int64_t>>& values) {
  std::vector<int64_t> data;
  ValidityBitmap validity;
  for (const auto& v : values) {
    data.push_back(v.value_or(0));
    validity.Append(v.has_value());
  }
  return Column::Int64(name, std::move(data), std::move(validity));
}

Column Str(const std::string& name, const std::vector<std::optional<std::string>>& values) {
  std::vector<std::string> data;
  ValidityBitmap validity;
  for (const auto& v : values) {
    data.push_back(v.value_or(""));
    validity.Append(v.has_value());
  }
  return Column::String(name, std::move(data), std::move(validity));
}

Table MakeTable(std::vector<Column> columns) {
  auto table = Table::Make(std::move(columns));
  return std::move(table).value();
}

Table CreditTable(size_t begin, size_t end) {
  const auto& rows = Rows();
  end = std::min(end, rows.size());
  std::vector<std::optional<int64_t>> age, price;
  std::vector<std::optional<double>> income, score;
  std::vector<std::optional<std::string>> home;
  std::vector<int32_t> job_codes;
  std::vector<std::string> job_dictionary;
  std::map<std::string, int32_t> job_index;
  ValidityBitmap job_validity;
  for (size_t r = begin; r < end; ++r) {
    const auto& f = rows[r];
    age.push_back(std::stoll(f[0]));
    income.push_back(f[1].empty() ? std::nullopt : std::optional<double>(std::stod(f[1])));
    price.push_back(std::stoll(f[2]));
    score.push_back(std::stod(f[3]));
    home.push_back(f[4].empty() ? std::nullopt : std::optional<std::string>(f[4]));
    if (f[5].empty()) {
      job_codes.push_back(0);
      job_validity.Append(false);
    } else {
      auto [it, inserted] = job_index.emplace(f[5], static_cast<int32_t>(job_dictionary.size()));
      if (inserted) job_dictionary.push_back(f[5]);
      job_codes.push_back(it->second);
      job_validity.Append(true);
    }
  }
  std::vector<Column> columns;
  columns.push_back(I64("Age", age));
  columns.push_back(F64("Income", income));
  columns.push_back(I64("Price", price));
  columns.push_back(F64("score", score));
  columns.push_back(Str("Home", home));
  columns.push_back(Column::Categorical("Job", std::move(job_codes), std::move(job_dictionary),
                                        std::move(job_validity)));
  return MakeTable(std::move(columns));
}

std::vector<double> SortedFinite(const Table& table, const std::string& column) {
  const Column& c = table.column(*table.FindColumn(column));
  std::vector<double> out;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.IsValid(i) && std::isfinite(c.NumericAt(i))) out.push_back(c.NumericAt(i));
  }
  std::sort(out.begin(), out.end());
  return out;
}

double RankDistance(const std::vector<double>& sorted, double v, double q) {
  const double n = static_cast<double>(sorted.size());
  const double below = (std::lower_bound(sorted.begin(), sorted.end(), v) - sorted.begin()) / n;
  const double at_or_below =
      (std::upper_bound(sorted.begin(), sorted.end(), v) - sorted.begin()) / n;
  return std::max({0.0, below - q, q - at_or_below});
}

}  // namespace airm::testing
