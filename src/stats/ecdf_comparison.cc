#include "airm/stats/ecdf_comparison.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace airm::stats {

EcdfComparison CompareEcdfs(std::span<const double> a, std::span<const double> b) {
  EcdfComparison out;
  out.n_ref = a.size();
  out.n_cur = b.size();
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  out.max_diff = -std::numeric_limits<double>::infinity();
  out.min_diff = std::numeric_limits<double>::infinity();
  if (a.empty() || b.empty()) return out;
  // Walk the distinct pooled values; after consuming all copies of v, i and
  // j are the right-continuous ECDF counts at v. Before consuming them they
  // are the counts on [previous, v), where both ECDFs are constant.
  // The gap on [previous, v) is the difference after `previous`, so each
  // value's difference is computed once and serves as the next gap.
  size_t i = 0, j = 0;
  double l1 = 0, l2 = 0;
  double previous = 0;
  double diff = 0;
  bool first = true;
  while (i < a.size() || j < b.size()) {
    const double v = (j >= b.size() || (i < a.size() && a[i] <= b[j])) ? a[i] : b[j];
    if (!first) {
      const double gap = std::abs(diff);
      l1 += gap * (v - previous);
      l2 += gap * gap * (v - previous);
    }
    while (i < a.size() && a[i] == v) ++i;
    while (j < b.size() && b[j] == v) ++j;
    diff = static_cast<double>(i) / na - static_cast<double>(j) / nb;
    out.max_diff = std::max(out.max_diff, diff);
    out.min_diff = std::min(out.min_diff, diff);
    previous = v;
    first = false;
  }
  out.l1 = l1;
  out.l2 = l2;
  return out;
}

}  // namespace airm::stats
