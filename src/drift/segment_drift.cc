#include "segment_drift.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_map>

#include "airm/stats/quantile.h"
#include "column_sample.h"
#include "method_choice.h"

namespace airm::drift {
namespace {

constexpr const char* kMissing = "(missing)";

std::string Edge(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

std::vector<SegmentRows> SplitBySegment(const Column& reference, const Column& current,
                                        size_t max_segments) {
  const bool by_value = !reference.is_numeric() || !current.is_numeric() ||
                        CountDistinctUpTo(reference, kDiscreteLimit) <= kDiscreteLimit;
  std::vector<double> cuts;
  if (!by_value) {
    std::vector<double> v = reference.ValidNumericValues();
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }),
            v.end());
    std::sort(v.begin(), v.end());
    for (double q : {0.25, 0.5, 0.75}) {
      if (v.empty()) break;
      double c = stats::QuantileLinear(v, q);
      if (cuts.empty() || c > cuts.back()) cuts.push_back(c);
    }
  }
  auto label_of = [&](const Column& col, size_t row) -> std::string {
    if (!col.IsValid(row)) return kMissing;
    if (by_value) return col.TextAt(row);
    double x = col.NumericAt(row);
    if (std::isnan(x)) return kMissing;
    size_t bin = std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin();
    if (cuts.empty()) return "all values";
    if (bin == 0) return "< " + Edge(cuts[0]);
    if (bin == cuts.size()) return ">= " + Edge(cuts.back());
    return "[" + Edge(cuts[bin - 1]) + ", " + Edge(cuts[bin]) + ")";
  };
  // Rows are bucketed by a 64-bit key of their cell (category code, value
  // bits or quartile bin) and each key is labelled once, instead of building
  // one label string per row; free text has no such key and is labelled per
  // row.
  std::map<std::string, SegmentRows> by_label;
  auto bucket = [&](const Column& col, bool is_reference) {
    auto rows_of = [&](size_t row) {
      SegmentRows& rows = by_label[label_of(col, row)];
      return is_reference ? &rows.reference : &rows.current;
    };
    std::vector<uint32_t>* missing = nullptr;
    std::unordered_map<uint64_t, std::vector<uint32_t>*> by_key;
    for (size_t r = 0; r < col.size(); ++r) {
      const auto row = static_cast<uint32_t>(r);
      const bool numeric_bin = !by_value && col.is_numeric();
      if (!col.IsValid(r) || (numeric_bin && std::isnan(col.NumericAt(r)))) {
        if (missing == nullptr) missing = rows_of(r);
        missing->push_back(row);
        continue;
      }
      uint64_t key = 0;
      if (col.type() == DataType::kCategorical) {
        key = static_cast<uint32_t>(col.codes()[r]);
      } else if (numeric_bin) {
        const double x = col.NumericAt(r);
        key = static_cast<uint64_t>(std::upper_bound(cuts.begin(), cuts.end(), x) - cuts.begin());
      } else if (col.type() == DataType::kFloat64) {
        key = std::bit_cast<uint64_t>(col.Float64At(r));
      } else if (col.type() == DataType::kInt64 || col.type() == DataType::kTimestamp) {
        key = static_cast<uint64_t>(col.int64_values()[r]);
      } else if (col.type() == DataType::kBool) {
        key = col.bool_values()[r];
      } else {
        rows_of(r)->push_back(row);  // free text: no key but the text itself
        continue;
      }
      auto [it, fresh] = by_key.try_emplace(key, nullptr);
      if (fresh) it->second = rows_of(r);
      it->second->push_back(row);
    }
  };
  bucket(reference, true);
  bucket(current, false);
  std::vector<SegmentRows> out;
  for (auto& [label, rows] : by_label) {
    rows.value = label;
    out.push_back(std::move(rows));
  }
  std::stable_sort(out.begin(), out.end(), [](const SegmentRows& a, const SegmentRows& b) {
    return a.reference.size() + a.current.size() > b.reference.size() + b.current.size();
  });
  if (out.size() > max_segments) out.resize(max_segments);
  return out;
}

}  // namespace airm::drift
