#include "airm/stats/isotonic.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace airm::stats {

std::optional<IsotonicFit> FitIsotonic(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.empty()) return std::nullopt;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) return std::nullopt;
  }
  std::vector<size_t> order(x.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return x[a] < x[b]; });

  // Equal x become one point: the mean of their y, weighted by their count
  // (sklearn's _make_unique), so ties never split across a step.
  std::vector<double> ux, uy, uw;
  for (size_t i = 0; i < order.size();) {
    const double value = x[order[i]];
    double sum = 0;
    size_t j = i;
    for (; j < order.size() && x[order[j]] == value; ++j) sum += y[order[j]];
    const double count = static_cast<double>(j - i);
    ux.push_back(value);
    uy.push_back(sum / count);
    uw.push_back(count);
    i = j;
  }

  // Pool adjacent violators: a stack of blocks (mean, weight, length); a new
  // point that falls below the last block's mean merges with it, and so on
  // backwards, leaving non-decreasing block means.
  struct Block {
    double mean, weight;
    size_t length;
  };
  std::vector<Block> blocks;
  for (size_t i = 0; i < ux.size(); ++i) {
    Block b{uy[i], uw[i], 1};
    while (!blocks.empty() && blocks.back().mean >= b.mean) {
      const Block& last = blocks.back();
      const double weight = last.weight + b.weight;
      b = {(last.mean * last.weight + b.mean * b.weight) / weight, weight, last.length + b.length};
      blocks.pop_back();
    }
    blocks.push_back(b);
  }
  IsotonicFit fit{.x = std::move(ux), .y = {}};
  fit.y.reserve(fit.x.size());
  for (const Block& b : blocks) fit.y.insert(fit.y.end(), b.length, b.mean);
  return fit;
}

double PredictIsotonic(const IsotonicFit& fit, double value) {
  if (value <= fit.x.front()) return fit.y.front();
  if (value >= fit.x.back()) return fit.y.back();
  // The first fitted point above `value`; value lies in [x[i-1], x[i]).
  const size_t i =
      static_cast<size_t>(std::upper_bound(fit.x.begin(), fit.x.end(), value) - fit.x.begin());
  const double x0 = fit.x[i - 1], x1 = fit.x[i];
  const double y0 = fit.y[i - 1], y1 = fit.y[i];
  // In scipy's interp1d order (slope first), which sklearn predicts with.
  const double slope = (y1 - y0) / (x1 - x0);
  return slope * (value - x0) + y0;
}

}  // namespace airm::stats
