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
  // `at` maps a row to its value; one instantiation per storage.
  const auto scan = [&](auto at) {
    const bool all_valid = column.null_count() == 0;
    const std::size_t n = column.size();
    for (std::size_t row = 0; row < n; ++row) {
      if (!all_valid && !column.IsValid(row)) continue;
      if (!visit(row, at(row))) return;
    }
  };
  switch (column.type()) {
    case DataType::kFloat64:
      column.VisitFloat64(scan);
      return;
    case DataType::kInt64: {
      const auto v = column.int64_values();
      scan([v](std::size_t row) { return static_cast<double>(v[row]); });
      return;
    }
    case DataType::kTimestamp: {
      const auto v = column.int64_values();
      scan([v](std::size_t row) { return static_cast<double>(v[row]) / 1e6; });
      return;
    }
    case DataType::kBool: {
      const auto v = column.bool_values();
      scan([v](std::size_t row) { return static_cast<double>(v[row]); });
      return;
    }
    case DataType::kCategorical:
    case DataType::kString:
      return;
  }
}

}  // namespace airm
