// Visiting the valid values of a numeric column as doubles, with one loop
// per storage type instead of a switch per row: whole-column scans (ranges,
// distinct values, counts) spent as long in NumericAt's switch as in their
// own work.
#pragma once

#include <cstddef>
#include <span>
#include <type_traits>

#include "airm/column.h"

namespace airm {

// Calls fn(row, value) for each valid row of `column` in row order, `value`
// being exactly what NumericAt(row) returns. When fn returns bool, false
// stops the scan. REQUIRES: column.is_numeric().
template <typename Fn>
void ForEachValidNumber(const Column& column, Fn&& fn) {
  const auto visit = [&](std::size_t row, double value) {
    if constexpr (std::is_same_v<std::invoke_result_t<Fn&, std::size_t, double>, bool>) {
      return fn(row, value);
    } else {
      fn(row, value);
      return true;
    }
  };
  const auto scan = [&](auto values, auto to_double) {
    const bool all_valid = column.null_count() == 0;
    for (std::size_t row = 0; row < values.size(); ++row) {
      if (!all_valid && !column.IsValid(row)) continue;
      if (!visit(row, to_double(values[row]))) return;
    }
  };
  switch (column.type()) {
    case DataType::kFloat64:
      scan(column.float64_values(), [](double v) { return v; });
      return;
    case DataType::kInt64:
      scan(column.int64_values(), [](int64_t v) { return static_cast<double>(v); });
      return;
    case DataType::kTimestamp:
      scan(column.int64_values(), [](int64_t v) { return static_cast<double>(v) / 1e6; });
      return;
    case DataType::kBool:
      scan(column.bool_values(), [](uint8_t v) { return static_cast<double>(v); });
      return;
    case DataType::kCategorical:
    case DataType::kString:
      return;
  }
}

}  // namespace airm
