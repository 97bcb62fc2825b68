// ComputeMetrics / ComputePointMetrics: point estimates plus intervals.
//
// Steps of ComputeMetrics:
//   1. Build the compact view of the rows (one sort: by score, |error|, or per
//      class probability).
//   2. Point estimates of every metric of the task.
//   3. Closed-form intervals: Wilson from each proportion's own counts,
//      DeLong for the binary ROC AUC.
//   4. The remaining metrics get a seeded, stratified percentile bootstrap:
//      each resample draws, within each true class (regression: all rows),
//      as many positions as the class has, with replacement, as
//      multiplicities over the view (DrawResample); the kernels then run on
//      those weights without re-sorting, so a resample costs O(n) (O(n K)
//      for multiclass).
#include "airm/metrics.h"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "airm/stats/quantile.h"
#include "metric_kernels.h"

namespace airm {
namespace {

using eval_internal::ComputePoints;
using eval_internal::IntervalKind;
using eval_internal::MetricView;
using eval_internal::PointMode;
using eval_internal::PointValue;

// xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64: fast, and its
// output is fixed by the seed on every platform, unlike std:: distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& s : state_) {
      seed += 0x9e3779b97f4a7c15ULL;
      uint64_t z = seed;
      z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
      z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
      s = z ^ (z >> 31);
    }
  }
  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // UniformRandomBitGenerator, for Boost.Random's binomial sampler.
  using result_type = uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return UINT64_MAX; }
  result_type operator()() { return Next(); }

  // Uniform in [0, bound) without modulo bias (Lemire 2019). REQUIRES: bound > 0.
  uint32_t Below(uint32_t bound) {
    uint64_t m = (Next() >> 32) * bound;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < bound) {
      const uint32_t threshold = static_cast<uint32_t>(-bound) % bound;
      while (low < threshold) {
        m = (Next() >> 32) * bound;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t state_[4];
};

// Adds one exact bootstrap resample of `stratum` (|stratum| draws with
// replacement) to weights. Drawing positions uniformly over the whole
// stratum would scatter increments across memory (one cache miss each on a
// million rows); instead the stratum is cut into blocks, the number of draws
// landing in each block is drawn first (the multinomial split into a chain of
// conditional binomials, exact), and then the draws inside each block are
// placed while that block is in cache.
void DrawResample(const std::vector<uint32_t>& stratum, Rng* rng, std::vector<uint32_t>* weights) {
  constexpr uint32_t kBlock = 1u << 14;
  const uint32_t m = static_cast<uint32_t>(stratum.size());
  uint64_t draws_left = m;
  uint32_t size_left = m;
  for (uint32_t begin = 0; begin < m; begin += kBlock) {
    const uint32_t block = std::min(kBlock, m - begin);
    uint64_t draws = draws_left;
    if (block < size_left && draws_left > 0) {
      boost::random::binomial_distribution<int64_t, double> split(
          static_cast<int64_t>(draws_left),
          static_cast<double>(block) / static_cast<double>(size_left));
      draws = static_cast<uint64_t>(split(*rng));
    }
    for (uint64_t k = 0; k < draws; ++k) ++(*weights)[stratum[begin + rng->Below(block)]];
    draws_left -= draws;
    size_left -= block;
  }
}

MetricMap ToMap(const std::vector<PointValue>& points) {
  MetricMap out;
  for (const PointValue& p : points) {
    MetricValue& m = out[p.name];
    m.value = p.value;
    m.note = p.note;
  }
  return out;
}

void AppendNote(MetricValue* m, const std::string& note) {
  if (!m->note.empty()) m->note += "; ";
  m->note += note;
}

void Bootstrap(const MetricView& view, const MetricOptions& options, MetricMap* out) {
  // Which point positions get a bootstrap interval, and where they sit in the
  // (shorter) kBootstrap output.
  std::vector<PointValue> probe = ComputePoints(view, {}, PointMode::kBootstrap);
  std::vector<size_t> targets;  // index into probe
  for (size_t i = 0; i < probe.size(); ++i) {
    if (probe[i].interval == IntervalKind::kBootstrap && probe[i].value) targets.push_back(i);
  }
  if (targets.empty() || options.bootstrap <= 0 || view.size == 0) return;

  const size_t b_count = static_cast<size_t>(options.bootstrap);
  std::vector<std::vector<double>> replicates(targets.size());
  for (auto& r : replicates) r.reserve(b_count);
  std::vector<uint32_t> weights(view.size);
  Rng rng(options.seed);
  for (size_t b = 0; b < b_count; ++b) {
    std::fill(weights.begin(), weights.end(), 0u);
    for (const std::vector<uint32_t>& stratum : view.strata) DrawResample(stratum, &rng, &weights);
    std::vector<PointValue> resampled = ComputePoints(view, weights, PointMode::kBootstrap);
    for (size_t t = 0; t < targets.size(); ++t) {
      if (resampled[targets[t]].value) replicates[t].push_back(*resampled[targets[t]].value);
    }
  }

  const double alpha = 1 - options.confidence;
  for (size_t t = 0; t < targets.size(); ++t) {
    MetricValue& m = (*out)[probe[targets[t]].name];
    std::vector<double>& r = replicates[t];
    const size_t undefined = b_count - r.size();
    // An interval over a minority of resamples would describe a different
    // population than the one measured; refuse it.
    if (r.size() < 2 || 2 * undefined > b_count) {
      AppendNote(&m, "no bootstrap interval: the metric is undefined in " +
                         std::to_string(undefined) + " of " + std::to_string(b_count) +
                         " resamples");
      continue;
    }
    std::sort(r.begin(), r.end());
    m.ci_low = stats::QuantileLinear(r, alpha / 2);
    m.ci_high = stats::QuantileLinear(r, 1 - alpha / 2);
    m.ci_method = "bootstrap";
    if (undefined > 0) {
      AppendNote(&m, "bootstrap interval over the " + std::to_string(r.size()) + " of " +
                         std::to_string(b_count) + " resamples where the metric is defined");
    }
  }
}

}  // namespace

MetricMap ComputePointMetrics(const EvalData& data, std::span<const uint32_t> rows) {
  const MetricView view = eval_internal::BuildView(data, rows);
  return ToMap(ComputePoints(view, {}, PointMode::kAll));
}

MetricMap ComputeMetrics(const EvalData& data, std::span<const uint32_t> rows,
                         const MetricOptions& options) {
  const MetricView view = eval_internal::BuildView(data, rows);
  const std::vector<PointValue> points = ComputePoints(view, {}, PointMode::kAll);
  MetricMap out = ToMap(points);
  if (!(options.confidence > 0 && options.confidence < 1)) {
    for (auto& [name, m] : out) AppendNote(&m, "no interval: confidence must be in (0, 1)");
    return out;
  }
  for (const PointValue& p : points) {
    if (!p.value) continue;
    MetricValue& m = out[p.name];
    if (p.interval == IntervalKind::kWilson && p.trials > 0) {
      const Interval ci = WilsonInterval(p.successes, p.trials, options.confidence);
      m.ci_low = ci.low;
      m.ci_high = ci.high;
      m.ci_method = "wilson";
    } else if (p.interval == IntervalKind::kDeLong) {
      std::vector<uint8_t> labels(view.size);
      for (size_t i = 0; i < view.size; ++i) labels[i] = view.y[i] == 1 ? 1 : 0;
      const std::optional<Interval> ci =
          DeLongInterval(view.score, labels, options.confidence, nullptr, nullptr);
      if (ci) {
        m.ci_low = ci->low;
        m.ci_high = ci->high;
        m.ci_method = "delong";
      } else {
        AppendNote(&m, "no DeLong interval: a class has fewer than two rows");
      }
    }
  }
  Bootstrap(view, options, &out);
  return out;
}

}  // namespace airm
