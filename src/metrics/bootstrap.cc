// AddBootstrapIntervals: replicates of each bootstrap metric, then the
// percentile interval.
//
// Steps:
//   1. Find the metrics that get a bootstrap interval (defined, kBootstrap).
//   2. Draw options.bootstrap resamples, split into contiguous ranges, one
//      range per thread. Binary views use BinaryResampler (one fused pass per
//      chunk, binary_resample.h); other tasks draw a multiplicity vector per
//      resample (DrawResample) and run the metric kernels on it. Both sample
//      the same stratified multinomial resampling distribution.
//   3. Sort each metric's replicates and read the alpha/2 and 1 - alpha/2
//      quantiles, unless the metric is undefined in most resamples.
#include "bootstrap.h"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "airm/parallel_for.h"
#include "airm/stats/quantile.h"
#include "binary_resample.h"
#include "resample_rng.h"

namespace airm::eval_internal {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

// Row visits (rows x resamples) each thread should get at least: starting a
// thread for less work costs more than it saves.
constexpr size_t kMinWorkPerThread = size_t{1} << 20;

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

void AppendNote(MetricValue* m, const std::string& note) {
  if (!m->note.empty()) m->note += "; ";
  m->note += note;
}

// Runs part(i) for i in [0, parts) on the one pool. Each part fills its own
// resamples' slots from per-resample seeds, so should the pool fail to start
// its threads, running every part again on this thread gives the same result.
void RunParts(size_t parts, const std::function<void(size_t)>& part) {
  if (!ParallelFor(parts, static_cast<int>(parts), part).ok()) {
    for (size_t i = 0; i < parts; ++i) part(i);
  }
}

// replicates[t][b]: metric `names[t]` on resample b (NaN where undefined).
using Replicates = std::vector<std::vector<double>>;

// The binary fast path; false when a target is not one it computes.
bool BinaryReplicates(const MetricView& view, const std::vector<const char*>& names,
                      const MetricOptions& options, size_t workers, Replicates* replicates) {
  std::vector<size_t> slot(names.size());
  for (size_t t = 0; t < names.size(); ++t) {
    const auto it = std::find_if(kBinaryResampleMetrics.begin(), kBinaryResampleMetrics.end(),
                                 [&](const char* m) { return std::string_view(m) == names[t]; });
    if (it == kBinaryResampleMetrics.end()) return false;
    slot[t] = static_cast<size_t>(it - kBinaryResampleMetrics.begin());
  }
  const BinaryResampler resampler(view);
  const size_t b_count = static_cast<size_t>(options.bootstrap);
  RunParts(workers, [&](size_t part) {
    const size_t first = b_count * part / workers, last = b_count * (part + 1) / workers;
    std::vector<BinaryResampleValues> values(last - first);
    resampler.Run(options.seed, first, last, &values);
    for (size_t b = first; b < last; ++b) {
      for (size_t t = 0; t < names.size(); ++t) (*replicates)[t][b] = values[b - first][slot[t]];
    }
  });
  return true;
}

void GenericReplicates(const MetricView& view, const std::vector<const char*>& names,
                       const MetricOptions& options, size_t workers, Replicates* replicates) {
  // Where each metric sits in the (shorter) kBootstrap output.
  const std::vector<PointValue> probe = ComputePoints(view, {}, PointMode::kBootstrap);
  std::vector<size_t> targets;
  for (const char* name : names) {
    const auto it = std::find_if(probe.begin(), probe.end(), [&](const PointValue& p) {
      return std::string_view(p.name) == name;
    });
    targets.push_back(static_cast<size_t>(it - probe.begin()));  // probe.size(): not there
  }
  const size_t b_count = static_cast<size_t>(options.bootstrap);
  RunParts(workers, [&](size_t part) {
    const size_t first = b_count * part / workers, last = b_count * (part + 1) / workers;
    std::vector<uint32_t> weights(view.size);
    for (size_t b = first; b < last; ++b) {
      std::fill(weights.begin(), weights.end(), 0u);
      Rng rng = Rng::ForResample(options.seed, b);
      for (const std::vector<uint32_t>& stratum : view.strata) {
        DrawResample(stratum, &rng, &weights);
      }
      const std::vector<PointValue> resampled = ComputePoints(view, weights, PointMode::kBootstrap);
      for (size_t t = 0; t < targets.size(); ++t) {
        if (targets[t] < resampled.size()) {
          (*replicates)[t][b] = resampled[targets[t]].value.value_or(kUndefined);
        }
      }
    }
  });
}

}  // namespace

void AddBootstrapIntervals(const MetricView& view, const std::vector<PointValue>& points,
                           const MetricOptions& options, MetricMap* out) {
  std::vector<const char*> names;
  for (const PointValue& p : points) {
    if (p.interval == IntervalKind::kBootstrap && p.value) names.push_back(p.name);
  }
  if (names.empty() || options.bootstrap <= 0 || view.size == 0) return;

  const size_t b_count = static_cast<size_t>(options.bootstrap);
  const size_t work = view.size * b_count;
  const size_t workers = std::clamp<size_t>(work / kMinWorkPerThread, 1,
                                            std::min(ResolveThreads(options.num_threads), b_count));
  Replicates replicates(names.size(), std::vector<double>(b_count, kUndefined));
  if (view.task != TaskType::kBinary ||
      !BinaryReplicates(view, names, options, workers, &replicates)) {
    GenericReplicates(view, names, options, workers, &replicates);
  }

  const double alpha = 1 - options.confidence;
  for (size_t t = 0; t < names.size(); ++t) {
    MetricValue& m = (*out)[names[t]];
    std::vector<double>& r = replicates[t];
    r.erase(std::remove_if(r.begin(), r.end(), [](double x) { return std::isnan(x); }), r.end());
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

}  // namespace airm::eval_internal
