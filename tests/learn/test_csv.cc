#include "test_csv.h"

#include <charconv>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

namespace airm::learn_test {
namespace {

std::vector<std::string> SplitLine(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

std::optional<double> ParseNumber(const std::string& s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

Result<Table> LoadSimpleCsv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot open " + path);
  std::string line;
  if (!std::getline(in, line)) return Status::ParseError(path + ": empty file");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::vector<std::string> header = SplitLine(line);
  std::vector<std::vector<std::string>> cells(header.size());
  size_t line_no = 1;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    std::vector<std::string> fields = SplitLine(line);
    if (fields.size() != header.size()) {
      return Status::ParseError(path + ":" + std::to_string(line_no) + ": expected " +
                                std::to_string(header.size()) + " fields");
    }
    for (size_t c = 0; c < fields.size(); ++c) cells[c].push_back(std::move(fields[c]));
  }
  std::vector<Column> columns;
  for (size_t c = 0; c < header.size(); ++c) {
    bool numeric = true;
    for (const std::string& s : cells[c]) {
      if (!s.empty() && !ParseNumber(s)) {
        numeric = false;
        break;
      }
    }
    ValidityBitmap validity;
    if (numeric) {
      std::vector<double> values;
      for (const std::string& s : cells[c]) {
        validity.Append(!s.empty());
        values.push_back(s.empty() ? 0.0 : *ParseNumber(s));
      }
      columns.push_back(Column::Float64(header[c], std::move(values), std::move(validity)));
    } else {
      std::map<std::string, int32_t> dict_index;
      std::vector<std::string> dictionary;
      std::vector<int32_t> codes;
      for (const std::string& s : cells[c]) {
        validity.Append(!s.empty());
        if (s.empty()) {
          codes.push_back(0);
          continue;
        }
        auto [it, inserted] = dict_index.emplace(s, static_cast<int32_t>(dictionary.size()));
        if (inserted) dictionary.push_back(s);
        codes.push_back(it->second);
      }
      columns.push_back(Column::Categorical(header[c], std::move(codes), std::move(dictionary),
                                            std::move(validity)));
    }
  }
  return Table::Make(std::move(columns));
}

}  // namespace airm::learn_test
