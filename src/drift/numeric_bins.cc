#include "numeric_bins.h"

#include <cmath>
#include <cstdio>
#include <string>

namespace airm::drift {
namespace {

std::string FormatEdge(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

void SetNumericBinLabels(const std::vector<double>& edges, BinnedDistribution* d) {
  const size_t k = edges.size();
  for (size_t i = 0; i <= k; ++i) {
    const double lo = i == 0 ? -INFINITY : edges[i - 1];
    const double hi = i == k ? INFINITY : edges[i];
    d->lower.push_back(lo);
    d->upper.push_back(hi);
    if (i == 0) {
      d->labels.push_back(k == 0 ? "all values" : "< " + FormatEdge(hi));
    } else if (i == k) {
      d->labels.push_back(">= " + FormatEdge(lo));
    } else {
      d->labels.push_back("[" + FormatEdge(lo) + ", " + FormatEdge(hi) + ")");
    }
  }
}

}  // namespace airm::drift
