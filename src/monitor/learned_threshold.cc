#include "airm/monitor/learned_threshold.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "airm/stats/quantile.h"
#include "airm/stats/tail_probability.h"

namespace airm::monitor {

const char* LearnMethodName(LearnMethod method) {
  return method == LearnMethod::kQuantile ? "quantile" : "mean_sigma";
}

const char* ThresholdSideName(ThresholdSide side) {
  switch (side) {
    case ThresholdSide::kUpper:
      return "upper";
    case ThresholdSide::kLower:
      return "lower";
    case ThresholdSide::kBoth:
      return "both";
  }
  return "upper";
}

namespace {

// Mean ± k σ. The rates: docs in the header (normal tails; the t predictive
// distribution of a new observation given n, e.g. Hahn & Meeker, "Statistical
// Intervals", 1991, ch. 4).
void MeanSigma(std::span<const double> values, double k, LearnedThreshold* t) {
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (double v : values) sum += v;
  const double mean = sum / n;
  double squares = 0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double sd = std::sqrt(squares / (n - 1));
  t->mean = mean;
  t->sd = sd;
  if (!(sd > 0)) {
    t->status = "insufficient_evidence";
    t->note = "the metric did not vary over the " + std::to_string(values.size()) +
              " windows learned from (σ = 0), so no false-alarm rate can be stated";
    return;
  }
  t->lower = mean - k * sd;
  t->upper = mean + k * sd;
  const double sides = t->side == ThresholdSide::kBoth ? 2 : 1;
  const std::optional<double> nominal = stats::NormalUpperTail(k);
  const std::optional<double> with_n = stats::StudentTUpperTail(k / std::sqrt(1 + 1 / n), n - 1);
  if (nominal) t->expected_false_alarm_rate = std::min(1.0, sides * *nominal);
  if (with_n) t->false_alarm_rate_with_n = std::min(1.0, sides * *with_n);
  t->assumes =
      "windows independent and normally distributed; the nominal rate takes the learned mean and "
      "σ as exact, the rate with n windows (Student t, n − 1 degrees of freedom) does not";
}

// The q-quantile (numpy linear) and its distribution-free exceedance bound.
void Quantile(std::span<const double> values, double q, LearnedThreshold* t) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  t->lower = stats::QuantileLinear(sorted, 1 - q);
  t->upper = stats::QuantileLinear(sorted, q);
  // Upper side: the threshold is at or above X_(j+1), j = floor((n - 1) q),
  // and a new exchangeable value exceeds X_(r) with probability (n - r + 1) / (n + 1).
  const double j_upper = std::floor((n - 1) * q);
  const double upper_bound = (n - j_upper) / (n + 1);
  // Lower side: at or below X_(i+1), i = ceil((n - 1)(1 - q)); P(new < X_(r)) = r / (n + 1).
  const double i_lower = std::ceil((n - 1) * (1 - q));
  const double lower_bound = (i_lower + 1) / (n + 1);
  switch (t->side) {
    case ThresholdSide::kUpper:
      t->expected_false_alarm_rate = 1 - q;
      t->false_alarm_rate_with_n = upper_bound;
      break;
    case ThresholdSide::kLower:
      t->expected_false_alarm_rate = 1 - q;
      t->false_alarm_rate_with_n = lower_bound;
      break;
    case ThresholdSide::kBoth:
      t->expected_false_alarm_rate = std::min(1.0, 2 * (1 - q));
      t->false_alarm_rate_with_n = std::min(1.0, upper_bound + lower_bound);
      break;
  }
  t->assumes =
      "windows exchangeable (no trend or seasonality in the learning span); the nominal rate holds "
      "as the number of windows grows, the rate with n windows is a distribution-free upper bound";
}

std::string Number17(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

}  // namespace

int64_t ReferenceChunkRows(int64_t reference_rows, int64_t configured) {
  if (configured > 0) return configured;
  return std::max<int64_t>(1, reference_rows / kDefaultReferenceChunks);
}

std::optional<int64_t> MedianWindowRows(std::span<const int64_t> window_rows) {
  if (window_rows.empty()) return std::nullopt;
  std::vector<int64_t> sorted(window_rows.begin(), window_rows.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted[(sorted.size() - 1) / 2];
}

std::vector<RowRange> ReferenceChunks(int64_t reference_rows, int64_t chunk_rows) {
  std::vector<RowRange> chunks;
  for (int64_t begin = 0; begin + chunk_rows <= reference_rows; begin += chunk_rows) {
    chunks.push_back({.begin = begin, .end = begin + chunk_rows});
  }
  return chunks;
}

LearnedThreshold LearnThreshold(std::span<const double> values, const LearnSpec& spec,
                                ThresholdSide side) {
  LearnedThreshold t{
      .method = spec.method, .side = side, .windows = static_cast<int64_t>(values.size())};
  const size_t needed = static_cast<size_t>(std::max(spec.min_windows, 2));
  if (values.size() < needed) {
    t.note = std::to_string(values.size()) +
             (spec.from == "reference" ? " reference chunk(s)" : " earlier window(s)") +
             " with a value, " + std::to_string(needed) + " needed (learn.min_windows)";
    return t;
  }
  t.status = "ok";
  if (spec.method == LearnMethod::kMeanSigma) {
    MeanSigma(values, spec.k, &t);
  } else {
    Quantile(values, spec.q, &t);
  }
  return t;
}

std::string LearnedExpression(const std::string& path, const std::string& op,
                              const LearnedThreshold& t) {
  switch (t.side) {
    case ThresholdSide::kUpper:
      return path + op + Number17(t.upper.value_or(NAN));
    case ThresholdSide::kLower:
      return path + op + Number17(t.lower.value_or(NAN));
    case ThresholdSide::kBoth:
      return path + "<" + Number17(t.lower.value_or(NAN)) + "," + path + ">" +
             Number17(t.upper.value_or(NAN));
  }
  return path;
}

}  // namespace airm::monitor
