#include "column_sample.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <span>
#include <unordered_map>
#include <unordered_set>

#include "airm/numeric_values.h"
#include "airm/stats/sort.h"

namespace airm::drift {
namespace {

template <typename Fn>
void ForEachRow(const Column& column, const std::vector<uint32_t>* rows, Fn fn) {
  if (rows == nullptr) {
    for (size_t i = 0; i < column.size(); ++i) fn(i);
  } else {
    for (uint32_t i : *rows) fn(i);
  }
}

}  // namespace

std::vector<double> SampleBuffers::Take() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (free_.empty()) return {};
  std::vector<double> buffer = std::move(free_.back());
  free_.pop_back();
  return buffer;
}

void SampleBuffers::Give(std::vector<double> buffer) {
  if (buffer.capacity() == 0) return;
  std::lock_guard<std::mutex> lock(mutex_);
  free_.push_back(std::move(buffer));
}

ColumnSample ExtractSample(const Column& column, const std::vector<uint32_t>* rows,
                           bool as_categories, SampleBuffers* buffers) {
  ColumnSample s;
  s.rows = rows ? rows->size() : column.size();
  if (column.type() == DataType::kCategorical && (rows == nullptr || rows->size() > 1000)) {
    // Count codes first: one string per category instead of one per row.
    std::vector<uint64_t> per_code(column.dictionary().size(), 0);
    ForEachRow(column, rows, [&](size_t i) {
      if (!column.IsValid(i)) {
        ++s.nulls;
      } else {
        ++per_code[column.codes()[i]];
      }
    });
    for (size_t c = 0; c < per_code.size(); ++c) {
      if (per_code[c] > 0) s.counts[column.dictionary()[c]] += per_code[c];
    }
    return s;
  }
  if (column.is_numeric() && as_categories) {
    // Count per stored value first (few distinct by construction), then
    // format one text per value: TextAt of a numeric cell depends only on its
    // value, so the counts per text are the same as formatting every row.
    // The first few values are kept in a small array searched linearly
    // (these columns have a handful of values; a hash lookup per row cost
    // more than the rest of the count), any further ones in a hash map.
    struct ValueCount {
      uint64_t key;
      uint64_t count;
      size_t row;  // a row holding the value, to format it
    };
    constexpr size_t kFew = 16;
    std::vector<ValueCount> few;
    std::unordered_map<uint64_t, ValueCount> more;
    ForEachRow(column, rows, [&](size_t i) {
      if (!column.IsValid(i)) {
        ++s.nulls;
        return;
      }
      const double v = column.NumericAt(i);
      if (!std::isfinite(v)) {
        ++s.non_finite;
        return;
      }
      const uint64_t key = column.type() == DataType::kFloat64 ? std::bit_cast<uint64_t>(v)
                           : column.type() == DataType::kBool
                               ? column.bool_values()[i]
                               : static_cast<uint64_t>(column.int64_values()[i]);
      for (ValueCount& c : few) {
        if (c.key == key) {
          ++c.count;
          return;
        }
      }
      if (few.size() < kFew) {
        few.push_back({key, 1, i});
      } else {
        ++more.try_emplace(key, ValueCount{key, 0, i}).first->second.count;
      }
    });
    for (const ValueCount& c : few) s.counts[column.TextAt(c.row)] += c.count;
    for (const auto& [key, c] : more) s.counts[column.TextAt(c.row)] += c.count;
    return s;
  }
  const bool numeric = column.is_numeric() && !as_categories;
  const bool reuse = numeric && buffers != nullptr;
  if (reuse) s.sorted = buffers->Take();
  std::vector<double> scratch = reuse ? buffers->Take() : std::vector<double>();
  struct GiveBack {
    SampleBuffers* buffers;
    std::vector<double>* scratch;
    ~GiveBack() {
      if (buffers != nullptr) buffers->Give(std::move(*scratch));
    }
  } give_back{reuse ? buffers : nullptr, &scratch};
  std::vector<double>* const reused = reuse ? &scratch : nullptr;
  // A whole float column without nulls, NaN or ±Inf (the usual case) is
  // sorted straight out of the table, without the filtering copy; decimals
  // (always finite) are decoded into the sample and sorted there.
  const bool whole_float = numeric && rows == nullptr &&
                           column.type() == DataType::kFloat64 && column.null_count() == 0;
  if (whole_float && !column.stores_decimals() &&
      stats::SortFiniteInto(column.float64_array(), &s.sorted, reused)) {
    return s;
  }
  if (whole_float && column.stores_decimals()) {
    column.VisitFloat64([&](auto at) {
      s.sorted.resize(column.size());
      for (size_t i = 0; i < s.sorted.size(); ++i) s.sorted[i] = at(i);
    });
    stats::SortSample(s.sorted, reused);
    return s;
  }
  s.sorted.clear();
  if (numeric) s.sorted.reserve(s.rows);
  // Float columns are read from their array directly: NumericAt's switch on
  // the type, once per row, cost as much as the copy itself.
  const std::span<const double> floats =
      column.type() == DataType::kFloat64 ? column.float64_array() : std::span<const double>();
  ForEachRow(column, rows, [&](size_t i) {
    if (!column.IsValid(i)) {
      ++s.nulls;
      return;
    }
    if (column.is_numeric()) {
      const double v = floats.empty() ? column.NumericAt(i) : floats[i];
      if (!std::isfinite(v)) {
        ++s.non_finite;
        return;
      }
      if (numeric) {
        s.sorted.push_back(v);
        return;
      }
    }
    ++s.counts[column.TextAt(i)];
  });
  stats::SortSample(s.sorted, reused);
  return s;
}

std::vector<double> DistinctNumbersUpTo(const Column& column, size_t limit) {
  // At most limit + 1 values (a handful) are kept, so a linear search beats
  // a hash set; equality is ==, so -0.0 and 0.0 are one value.
  std::vector<double> seen;
  const auto add = [&](double v) {
    if (std::isfinite(v) && std::find(seen.begin(), seen.end(), v) == seen.end()) {
      seen.push_back(v);
    }
    return seen.size() <= limit;
  };
  ForEachValidNumber(column, [&add](size_t, double v) { return add(v); });
  return seen;
}

size_t CountDistinctUpTo(const Column& column, size_t limit) {
  if (column.type() == DataType::kCategorical) return column.dictionary().size();
  if (column.is_numeric()) return DistinctNumbersUpTo(column, limit).size();
  std::unordered_set<std::string> seen_text;
  for (size_t i = 0; i < column.size(); ++i) {
    if (!column.IsValid(i)) continue;
    seen_text.insert(column.TextAt(i));
    if (seen_text.size() > limit) break;
  }
  return seen_text.size();
}

}  // namespace airm::drift
