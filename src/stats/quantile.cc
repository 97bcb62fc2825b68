#include "airm/stats/quantile.h"

#include <algorithm>
#include <cmath>

namespace airm::stats {

// numpy 1.24 'linear' method: virtual index (n - 1) q, previous = floor,
// gamma = index - previous, then
// lerp(a, b, gamma) = a + (b - a) gamma, or b - (b - a)(1 - gamma) when
// gamma >= 0.5 (numpy picks the form that is exact at both ends).
double QuantileLinear(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::nan("");
  q = std::clamp(q, 0.0, 1.0);
  const double n = static_cast<double>(sorted.size());
  const double virtual_index = (n - 1) * q;
  const double previous = std::floor(virtual_index);
  const double gamma = virtual_index - previous;
  const double last = n - 1;
  const auto lo = static_cast<size_t>(std::clamp(previous, 0.0, last));
  const auto hi = static_cast<size_t>(std::clamp(previous + 1, 0.0, last));
  const double a = sorted[lo], b = sorted[hi];
  const double diff = b - a;
  if (gamma >= 0.5) return b - diff * (1 - gamma);
  return a + diff * gamma;
}

}  // namespace airm::stats
