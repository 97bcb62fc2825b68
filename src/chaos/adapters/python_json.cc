#include "python_json.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <variant>

#include "number_text.h"

namespace airm::chaos {
namespace {

// A token starts at `pos` and is not the tail of a longer identifier.
bool TokenAt(std::string_view body, size_t pos, std::string_view token) {
  if (body.substr(pos, token.size()) != token) return false;
  const size_t after = pos + token.size();
  if (after < body.size()) {
    const char next = body[after];
    if (std::isalnum(static_cast<unsigned char>(next)) || next == '_') return false;
  }
  return true;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  out->push_back('"');
  for (const char c : text) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof(escaped), "\\u%04x", static_cast<unsigned char>(c));
          out->append(escaped);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

void AppendJsonNumber(double value, std::string* out) {
  if (std::isnan(value)) {
    out->append("NaN");
  } else if (std::isinf(value)) {
    out->append(value > 0 ? "Infinity" : "-Infinity");
  } else {
    out->append(ShortestNumber(value));
  }
}

void AppendJsonCell(const Cell& cell, std::string* out) {
  if (const double* number = std::get_if<double>(&cell)) {
    AppendJsonNumber(*number, out);
  } else if (const std::string* text = std::get_if<std::string>(&cell)) {
    AppendJsonString(*text, out);
  } else {
    out->append("null");
  }
}

std::string EncodeDataframeSplit(const std::vector<std::string>& columns,
                                 std::span<const std::vector<Cell>> rows) {
  std::string out = R"({"dataframe_split": {"columns": [)";
  for (size_t column_idx = 0; column_idx < columns.size(); ++column_idx) {
    if (column_idx > 0) out.append(", ");
    AppendJsonString(columns[column_idx], &out);
  }
  out.append(R"(], "data": [)");
  for (size_t row_idx = 0; row_idx < rows.size(); ++row_idx) {
    if (row_idx > 0) out.append(", ");
    out.push_back('[');
    const std::vector<Cell>& row = rows[row_idx];
    for (size_t cell_idx = 0; cell_idx < row.size(); ++cell_idx) {
      if (cell_idx > 0) out.append(", ");
      AppendJsonCell(row[cell_idx], &out);
    }
    out.push_back(']');
  }
  out.append("]}}");
  return out;
}

std::string StrictJsonFromPython(std::string_view body) {
  std::string out;
  out.reserve(body.size());
  bool in_string = false;
  for (size_t pos = 0; pos < body.size(); ++pos) {
    const char c = body[pos];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && pos + 1 < body.size()) {
        out.push_back(body[++pos]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
      out.push_back(c);
    } else if (TokenAt(body, pos, "NaN")) {
      AppendJsonString(kNanSentinel, &out);
      pos += 2;
    } else if (TokenAt(body, pos, "Infinity")) {
      AppendJsonString(kInfSentinel, &out);
      pos += 7;
    } else if (TokenAt(body, pos, "-Infinity")) {
      AppendJsonString(kNegInfSentinel, &out);
      pos += 8;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool SentinelNumber(std::string_view text, double* value) {
  if (text == kNanSentinel) {
    *value = std::nan("");
  } else if (text == kInfSentinel) {
    *value = INFINITY;
  } else if (text == kNegInfSentinel) {
    *value = -INFINITY;
  } else {
    return false;
  }
  return true;
}

}  // namespace airm::chaos
