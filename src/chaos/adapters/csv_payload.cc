#include "csv_payload.h"

#include <cmath>
#include <variant>

#include "number_text.h"

namespace airm::chaos {
namespace {

void AppendField(std::string_view text, std::string* out) {
  if (!text.empty() && text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (const char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendCell(const Cell& cell, std::string* out) {
  if (const double* number = std::get_if<double>(&cell)) {
    if (std::isnan(*number)) {
      out->append("nan");
    } else if (std::isinf(*number)) {
      out->append(*number > 0 ? "inf" : "-inf");
    } else {
      out->append(ShortestNumber(*number));
    }
  } else if (const std::string* text = std::get_if<std::string>(&cell)) {
    AppendField(*text, out);
  }  // null: an empty field
}

}  // namespace

std::string EncodeCsv(const std::vector<std::string>& columns,
                      std::span<const std::vector<Cell>> rows) {
  std::string out;
  for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
    if (column_idx > 0) out.push_back(',');
    AppendField(columns[column_idx], &out);
  }
  out.push_back('\n');
  for (const std::vector<Cell>& row : rows) {
    // A lone null would make a blank line, which CSV readers skip (Python's
    // csv and pandas do), losing the row: write it as "" instead.
    if (row.size() == 1 && std::holds_alternative<std::monostate>(row[0])) {
      out.append("\"\"\n");
      continue;
    }
    for (size_t cell_idx = 0; cell_idx < row.size(); ++cell_idx) {
      if (cell_idx > 0) out.push_back(',');
      AppendCell(row[cell_idx], &out);
    }
    out.push_back('\n');
  }
  return out;
}

}  // namespace airm::chaos
