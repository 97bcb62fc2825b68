#include "column_scan.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

#include "airm/sketch/hash.h"
#include "numeric_stats.h"

namespace airm::profile_internal {
namespace {

bool ValueLess(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}
bool ValueLess(const std::string& a, const std::string& b) { return a < b; }

// Keeps the capacity + 1 heaviest (value, count) pairs of an exact count in
// amortised O(1) per pair, so a column of a million distinct values never
// materialises a million-entry list.
template <typename T>
class HeaviestSelector {
 public:
  using Item = typename sketch::SpaceSaving<T>::Item;
  explicit HeaviestSelector(int capacity) : capacity_(static_cast<size_t>(capacity)) {}

  void Add(T value, uint64_t count) {
    items_.push_back({std::move(value), count, 0});
    if (items_.size() >= 2 * (capacity_ + 1) + 64) Shrink(capacity_ + 1);
  }

  // The exact Space-Saving summary: the `capacity` heaviest with error 0 and
  // the next heaviest count as the bound on every value left out.
  sketch::SpaceSaving<T> Finish(uint64_t total) {
    uint64_t bound = 0;
    if (items_.size() > capacity_) {
      Shrink(capacity_ + 1);
      // Heavier is the "less" order, so its maximum is the lightest item.
      auto lightest = std::max_element(items_.begin(), items_.end(), Heavier);
      bound = lightest->count;
      items_.erase(lightest);
    }
    auto summary = sketch::SpaceSaving<T>::FromParts(static_cast<int>(capacity_), total, bound,
                                                     std::move(items_));
    // Exact counts always satisfy FromParts' conditions.
    assert(summary.ok() && "exact counts rejected by Space-Saving");
    return std::move(summary).value();
  }

 private:
  static bool Heavier(const Item& a, const Item& b) {
    if (a.count != b.count) return a.count > b.count;
    return ValueLess(a.value, b.value);
  }
  void Shrink(size_t keep) {
    if (items_.size() <= keep) return;
    std::nth_element(items_.begin(), items_.begin() + static_cast<std::ptrdiff_t>(keep - 1),
                     items_.end(), Heavier);
    items_.resize(keep);
  }
  size_t capacity_;
  std::vector<Item> items_;
};

template <typename Get>
void GatherNumeric(const Column& column, Get get, NumericScan* scan) {
  const size_t n = column.size();
  const bool all_valid = column.null_count() == 0;
  scan->sorted.reserve(n - column.null_count());
  for (size_t row = 0; row < n; ++row) {
    if (!all_valid && !column.IsValid(row)) continue;
    const double v = get(row);
    if (std::isnan(v)) {
      ++scan->nan_count;
    } else {
      scan->sorted.push_back(v);
    }
  }
}

// Open-addressing counter of text values by 64-bit hash; the values are views
// into the column (or into `owned` for formatted numbers), so counting does
// not allocate per row.
class TextCounter {
 public:
  explicit TextCounter(size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.resize(cap);
  }
  void Add(std::string_view value, uint64_t count = 1) {
    const uint64_t hash = sketch::HashBytes(value);
    size_t mask = slots_.size() - 1;
    for (size_t i = hash & mask;; i = (i + 1) & mask) {
      Slot& slot = slots_[i];
      if (slot.count == 0) {
        slot = {hash, value, count};
        if (++used_ * 2 > slots_.size()) Grow();
        return;
      }
      if (slot.hash == hash && slot.value == value) {
        slot.count += count;
        return;
      }
    }
  }
  template <typename F>
  void ForEach(F f) const {
    for (const Slot& slot : slots_) {
      if (slot.count > 0) f(slot.hash, slot.value, slot.count);
    }
  }
  size_t distinct() const { return used_; }

 private:
  struct Slot {
    uint64_t hash = 0;
    std::string_view value;
    uint64_t count = 0;
  };
  void Grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.count == 0) continue;
      size_t i = slot.hash & mask;
      while (slots_[i].count != 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::vector<Slot> slots_;
  size_t used_ = 0;
};

}  // namespace

NumericScan ScanNumeric(const Column& column, const ProfileOptions& options,
                        sketch::HyperLogLog* hll) {
  NumericScan scan;
  scan.items = sketch::SpaceSaving<double>(options.frequent_items_capacity);
  switch (column.type()) {
    case DataType::kFloat64:
      column.VisitFloat64([&](auto at) { GatherNumeric(column, at, &scan); });
      break;
    case DataType::kInt64: {
      const auto values = column.int64_values();
      GatherNumeric(
          column, [&](size_t row) { return static_cast<double>(values[row]); }, &scan);
      break;
    }
    default:
      GatherNumeric(
          column, [&](size_t row) { return column.NumericAt(row); }, &scan);
      break;
  }
  SortDoubles(&scan.sorted);
  const auto& sorted = scan.sorted;
  const double inf = std::numeric_limits<double>::infinity();
  scan.finite_begin =
      static_cast<size_t>(std::upper_bound(sorted.begin(), sorted.end(), -inf) - sorted.begin());
  scan.finite_end =
      static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), inf) - sorted.begin());
  scan.neg_inf_count = scan.finite_begin;
  scan.pos_inf_count = sorted.size() - scan.finite_end;

  const auto finite = scan.finite();
  if (!finite.empty()) {
    scan.moments.count = finite.size();
    ExactMoments(finite, &scan.moments.mean, &scan.moments.m2);
    scan.moments.min = finite.front();
    scan.moments.max = finite.back();
  }

  HeaviestSelector<double> selector(options.frequent_items_capacity);
  for (size_t i = 0; i < sorted.size();) {
    size_t j = i + 1;
    // -0.0 == 0.0, so one run holds both signs of zero.
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    ++scan.distinct_count;
    hll->AddHash(sketch::HashDouble(sorted[i]));
    selector.Add(sorted[i] == 0.0 ? 0.0 : sorted[i], j - i);
    i = j;
  }
  if (scan.nan_count > 0) {
    ++scan.distinct_count;
    const double nan = std::numeric_limits<double>::quiet_NaN();
    hll->AddHash(sketch::HashDouble(nan));
    selector.Add(nan, scan.nan_count);
  }
  scan.items = selector.Finish(sorted.size() + scan.nan_count);
  return scan;
}

TextScan ScanText(const Column& column, const ProfileOptions& options, sketch::HyperLogLog* hll) {
  const size_t n = column.size();
  const bool all_valid = column.null_count() == 0;
  HeaviestSelector<std::string> selector(options.frequent_items_capacity);
  TextScan scan;
  scan.items = sketch::SpaceSaving<std::string>(options.frequent_items_capacity);
  uint64_t total = 0;
  auto finish = [&](const TextCounter& counter) {
    counter.ForEach([&](uint64_t hash, std::string_view value, uint64_t count) {
      hll->AddHash(hash);
      selector.Add(std::string(value), count);
    });
    scan.distinct_count = counter.distinct();
  };
  if (column.type() == DataType::kCategorical) {
    // Count codes first; the dictionary is then counted by text in case it
    // repeats a value.
    const auto codes = column.codes();
    const auto& dictionary = column.dictionary();
    std::vector<uint64_t> code_counts(dictionary.size(), 0);
    for (size_t row = 0; row < n; ++row) {
      if (!all_valid && !column.IsValid(row)) continue;
      const int32_t code = codes[row];
      if (code >= 0 && static_cast<size_t>(code) < code_counts.size()) ++code_counts[code];
    }
    TextCounter counter(dictionary.size());
    for (size_t code = 0; code < dictionary.size(); ++code) {
      if (code_counts[code] > 0) counter.Add(dictionary[code], code_counts[code]);
      total += code_counts[code];
    }
    finish(counter);
  } else if (column.type() == DataType::kString) {
    const auto& strings = column.strings();
    TextCounter counter(std::min<size_t>(n, 1 << 16));
    for (size_t row = 0; row < n; ++row) {
      if (!all_valid && !column.IsValid(row)) continue;
      counter.Add(strings[row]);
      ++total;
    }
    finish(counter);
  } else {
    std::vector<std::string> owned;
    owned.reserve(n - column.null_count());
    for (size_t row = 0; row < n; ++row) {
      if (all_valid || column.IsValid(row)) owned.push_back(column.TextAt(row));
    }
    TextCounter counter(std::min<size_t>(owned.size(), 1 << 16));
    for (const std::string& s : owned) counter.Add(s);
    total = owned.size();
    finish(counter);
  }
  scan.items = selector.Finish(total);
  return scan;
}

}  // namespace airm::profile_internal
