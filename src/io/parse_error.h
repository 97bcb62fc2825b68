// Uniform text of reader errors: "<file>: line L, column C ('name'): what".
// Lines are 1-based physical lines of the (decompressed) file; columns are
// 1-based field indexes.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::io {

inline Status ParseErrorAt(const std::string& file, std::size_t line, std::size_t column,
                           const std::vector<std::string>* names, std::string_view what) {
  std::string message = file + ": line " + std::to_string(line);
  if (column > 0) {
    message += ", column " + std::to_string(column);
    if (names != nullptr && column <= names->size()) {
      message += " ('" + (*names)[column - 1] + "')";
    }
  }
  message += ": ";
  message += what;
  return Status::ParseError(std::move(message));
}

// A short printable rendering of a byte for messages.
inline std::string DescribeByte(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 15];
}

}  // namespace airm::io
