#include "segments.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

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
  std::map<std::string, SegmentRows> by_label;
  for (size_t r = 0; r < reference.size(); ++r) {
    by_label[label_of(reference, r)].reference.push_back(static_cast<uint32_t>(r));
  }
  for (size_t r = 0; r < current.size(); ++r) {
    by_label[label_of(current, r)].current.push_back(static_cast<uint32_t>(r));
  }
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
