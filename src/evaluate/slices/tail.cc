// Tail analysis: metrics on the most unusual rows versus the rest, and the
// CVaR of the per-row loss.
#include "airm/tail.h"

#include <algorithm>
#include <cmath>

#include "airm/metrics.h"
#include "airm/splitmix64.h"

namespace airm {

namespace {

bool ShareValid(double share) { return share > 0 && share <= 1; }

// ceil(share * n) with a relative tolerance of 1e-9, so that a share written
// in decimal (0.07) times n (100) is 7 and not 8 from binary rounding; at
// least 1 row.
size_t TailCount(double share, size_t n) {
  const double x = share * static_cast<double>(n);
  const double k = std::ceil(x - 1e-9 * std::max(1.0, x));
  return std::clamp<size_t>(static_cast<size_t>(std::max(k, 1.0)), 1, n);
}

bool AnyNaN(std::span<const double> v) {
  return std::any_of(v.begin(), v.end(), [](double x) { return std::isnan(x); });
}

}  // namespace

std::optional<double> UpperTailMean(std::span<const double> values, double share) {
  if (values.empty() || !ShareValid(share) || AnyNaN(values)) return std::nullopt;
  const size_t k = TailCount(share, values.size());
  std::vector<double> v(values.begin(), values.end());
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k - 1), v.end(),
                   std::greater<double>());
  double sum = 0;
  for (size_t i = 0; i < k; ++i) sum += v[i];
  return sum / static_cast<double>(k);
}

TailResult AnalyzeTail(const EvalData& data, std::span<const double> unusualness,
                       std::span<const double> loss, const std::string& loss_name,
                       const TailOptions& options) {
  TailResult out;
  out.share = options.share;
  out.loss_name = loss_name;
  const size_t n = data.size();
  if (n == 0) {
    out.note = "no rows: tail analysis undefined";
    return out;
  }
  if (unusualness.size() != n || loss.size() != n) {
    out.note = "tail analysis undefined: " + std::to_string(unusualness.size()) +
               " unusualness scores and " + std::to_string(loss.size()) + " losses for " +
               std::to_string(n) + " rows";
    return out;
  }
  if (!ShareValid(options.share)) {
    out.note = "tail analysis undefined: share must be in (0, 1]";
    return out;
  }
  if (AnyNaN(unusualness) || AnyNaN(loss)) {
    out.note = "tail analysis undefined: a NaN unusualness score or loss";
    return out;
  }
  const size_t k = TailCount(options.share, n);
  std::vector<uint32_t> order(n);
  std::vector<uint64_t> tie(n);
  const uint64_t salt = SplitMix64Hash(options.seed);
  for (size_t i = 0; i < n; ++i) {
    order[i] = static_cast<uint32_t>(i);
    tie[i] = SplitMix64Hash(salt ^ SplitMix64Hash(i));
  }
  // A strict total order (most unusual first, ties by the seeded hash, then
  // by row), so the k first rows are one well-defined set: selecting them
  // needs no full sort.
  std::nth_element(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(k), order.end(),
                   [&](uint32_t a, uint32_t b) {
                     if (unusualness[a] != unusualness[b]) return unusualness[a] > unusualness[b];
                     if (tie[a] != tie[b]) return tie[a] < tie[b];
                     return a < b;
                   });
  std::vector<uint8_t> in_tail(n, 0);
  for (size_t i = 0; i < k; ++i) in_tail[order[i]] = 1;
  std::vector<uint32_t> tail, rest;
  tail.reserve(k);
  rest.reserve(n - k);
  for (uint32_t row = 0; row < n; ++row) (in_tail[row] ? tail : rest).push_back(row);

  const MetricOptions metric_options{
      .bootstrap = options.bootstrap, .seed = options.seed, .confidence = 0.95};
  out.available = true;
  out.tail_rows = k;
  out.tail_metrics = ComputeMetrics(data, tail, metric_options);
  if (rest.empty()) {
    out.note = "the tail holds every row (ceil(share * n) = n): no rest to compare with";
  } else {
    out.rest_metrics = ComputeMetrics(data, rest, metric_options);
  }
  out.cvar_loss = UpperTailMean(loss, options.share);
  double sum = 0;
  for (double l : loss) sum += l;
  out.mean_loss = sum / static_cast<double>(n);
  return out;
}

}  // namespace airm
