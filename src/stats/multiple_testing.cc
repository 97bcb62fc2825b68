#include "airm/stats/multiple_testing.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace airm::stats {

std::vector<double> BenjaminiHochberg(std::span<const double> p) {
  std::vector<double> out(p.size(), std::nan(""));
  std::vector<size_t> order;
  for (size_t i = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  const double m = static_cast<double>(order.size());
  // Step-up: walk from the largest p down, keeping the running minimum of
  // m p_(j) / j, which makes the adjusted values monotone in p.
  double running = 1.0;
  for (size_t rank = order.size(); rank >= 1; --rank) {
    const size_t idx = order[rank - 1];
    running = std::min(running, p[idx] * m / static_cast<double>(rank));
    out[idx] = running;
  }
  return out;
}

std::vector<double> Bonferroni(std::span<const double> p) {
  std::vector<double> out(p.size(), std::nan(""));
  double m = 0;
  for (double v : p) m += std::isnan(v) ? 0 : 1;
  for (size_t i = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i])) out[i] = std::min(p[i] * m, 1.0);
  }
  return out;
}

}  // namespace airm::stats
