// The bootstrap's fast paths against the plain kernels and against theory:
//   * the fused binary walk (BinaryResampler) gives what ComputePoints gives
//     on the same multiplicities;
//   * intervals do not depend on the number of threads;
//   * the score index gives the same views, hence the same numbers, as
//     sorting each subset;
//   * the resampling distribution is the stratified bootstrap's: the spread of
//     the replicates matches the exact variance of a stratified resample.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "airm/eval_data.h"
#include "airm/metrics.h"
#include "binary_resample.h"
#include "metric_kernels.h"
#include "score_index.h"

namespace airm {
namespace {

using eval_internal::BinaryResampler;
using eval_internal::BinaryResampleValues;
using eval_internal::BuildView;
using eval_internal::ComputePoints;
using eval_internal::kBinaryResampleMetrics;
using eval_internal::MetricView;
using eval_internal::PointMode;

struct BinaryOptions {
  size_t rows = 1000;
  int score_levels = 0;  // > 0: scores rounded to this many levels (ties)
  bool labels_only = false;
  bool prediction_column = false;  // predictions not monotone in the score
  uint64_t seed = 7;
};

// Scored rows with a real signal: P(positive) rises with the score.
EvalData MakeBinary(const BinaryOptions& o) {
  std::mt19937_64 rng(o.seed);
  std::uniform_real_distribution<double> uniform(0, 1);
  EvalData d;
  d.task = TaskType::kBinary;
  d.classes = {"neg", "pos"};
  for (size_t i = 0; i < o.rows; ++i) {
    double s = uniform(rng);
    if (o.score_levels > 0) s = std::round(s * o.score_levels) / o.score_levels;
    d.y_true.push_back(uniform(rng) < 0.1 + 0.5 * s ? 1 : 0);
    d.y_pred.push_back(o.prediction_column ? (uniform(rng) < s ? 1 : 0) : (s >= 0.5 ? 1 : 0));
    if (!o.labels_only) d.score.push_back(s);
    d.source_rows.push_back(static_cast<uint32_t>(i));
  }
  d.rows_total = o.rows;
  return d;
}

// A stratified resample's multiplicities: within each class, as many
// uniform draws as the class has rows.
std::vector<uint32_t> StratifiedWeights(const MetricView& view, std::mt19937_64* rng) {
  std::vector<uint32_t> w(view.size, 0);
  for (const std::vector<uint32_t>& stratum : view.strata) {
    if (stratum.empty()) continue;
    std::uniform_int_distribution<size_t> pick(0, stratum.size() - 1);
    for (size_t k = 0; k < stratum.size(); ++k) ++w[stratum[pick(*rng)]];
  }
  return w;
}

void ExpectFusedWalkMatchesKernels(const EvalData& data, std::span<const uint32_t> rows,
                                   const std::string& what) {
  const MetricView view = BuildView(data, rows);
  const BinaryResampler resampler(view);
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 5; ++trial) {
    const std::vector<uint32_t> w = StratifiedWeights(view, &rng);
    const BinaryResampleValues fused = resampler.Evaluate(view, w);
    const std::vector<eval_internal::PointValue> plain =
        ComputePoints(view, w, PointMode::kBootstrap);
    for (size_t m = 0; m < kBinaryResampleMetrics.size(); ++m) {
      const std::string name = kBinaryResampleMetrics[m];
      const auto it =
          std::find_if(plain.begin(), plain.end(), [&](const auto& p) { return name == p.name; });
      if (it == plain.end()) {
        // Metrics that need scores are not reported without them.
        EXPECT_TRUE(std::isnan(fused[m])) << what << " " << name;
        continue;
      }
      ASSERT_EQ(it->value.has_value(), !std::isnan(fused[m])) << what << " " << name;
      if (!it->value) continue;
      // Same terms, summed in another order: a few ulps per term.
      EXPECT_NEAR(fused[m], *it->value, 1e-12 * std::max(1.0, std::fabs(*it->value)))
          << what << " " << name << " trial " << trial;
    }
  }
}

TEST(BinaryResampler, FusedWalkMatchesTheKernels) {
  // Several chunks (4096 rows each), with and without tied scores.
  ExpectFusedWalkMatchesKernels(MakeBinary({.rows = 10000}), {}, "distinct scores");
  ExpectFusedWalkMatchesKernels(MakeBinary({.rows = 10000, .score_levels = 37}), {},
                                "37 score levels");
  // One tie group larger than a chunk.
  ExpectFusedWalkMatchesKernels(MakeBinary({.rows = 9000, .score_levels = 1}), {},
                                "2 score levels");
  ExpectFusedWalkMatchesKernels(MakeBinary({.rows = 3000, .prediction_column = true}), {},
                                "predictions not from the score");
  ExpectFusedWalkMatchesKernels(MakeBinary({.rows = 3000, .labels_only = true}), {}, "labels only");
  const EvalData d = MakeBinary({.rows = 6000, .score_levels = 200});
  std::vector<uint32_t> subset;
  for (uint32_t i = 0; i < 6000; i += 3) subset.push_back(i);
  ExpectFusedWalkMatchesKernels(d, subset, "a subset");
}

EvalData MakeMulticlass(size_t rows) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> uniform(0, 1);
  EvalData d;
  d.task = TaskType::kMulticlass;
  d.classes = {"a", "b", "c"};
  d.proba.assign(3, {});
  for (size_t i = 0; i < rows; ++i) {
    double p[3] = {uniform(rng), uniform(rng), uniform(rng)};
    const double sum = p[0] + p[1] + p[2];
    int32_t best = 0;
    for (int c = 0; c < 3; ++c) {
      d.proba[c].push_back(p[c] / sum);
      if (p[c] > p[best]) best = c;
    }
    d.y_true.push_back(uniform(rng) < 0.6 ? best : static_cast<int32_t>(i % 3));
    d.y_pred.push_back(best);
    d.source_rows.push_back(static_cast<uint32_t>(i));
  }
  return d;
}

EvalData MakeRegression(size_t rows) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> noise(0, 1);
  EvalData d;
  d.task = TaskType::kRegression;
  for (size_t i = 0; i < rows; ++i) {
    const double y = static_cast<double>(i % 50);
    d.y_value.push_back(y);
    d.y_hat.push_back(y + noise(rng));
    d.source_rows.push_back(static_cast<uint32_t>(i));
  }
  return d;
}

void ExpectSameIntervals(const MetricMap& a, const MetricMap& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (const auto& [name, m] : a) {
    const MetricValue& other = b.at(name);
    EXPECT_EQ(m.value, other.value) << what << " " << name;
    EXPECT_EQ(m.ci_low, other.ci_low) << what << " " << name;
    EXPECT_EQ(m.ci_high, other.ci_high) << what << " " << name;
    EXPECT_EQ(m.ci_method, other.ci_method) << what << " " << name;
    EXPECT_EQ(m.note, other.note) << what << " " << name;
  }
}

TEST(Bootstrap, OneAndManyThreadsGiveTheSameIntervals) {
  const std::vector<std::pair<std::string, EvalData>> cases = {
      {"binary", MakeBinary({.rows = 20000, .score_levels = 500})},
      {"binary labels only", MakeBinary({.rows = 5000, .labels_only = true})},
      {"multiclass", MakeMulticlass(20000)},
      {"regression", MakeRegression(20000)},
  };
  for (const auto& [what, data] : cases) {
    // 20000 rows x 300 resamples is enough work to use several threads.
    const MetricMap one =
        ComputeMetrics(data, {}, MetricOptions{.bootstrap = 300, .seed = 9, .num_threads = 1});
    EXPECT_TRUE(std::any_of(one.begin(), one.end(), [](const auto& m) {
      return m.second.ci_method == "bootstrap";
    })) << what;
    for (int threads : {2, 3, 8}) {
      const MetricMap many = ComputeMetrics(
          data, {}, MetricOptions{.bootstrap = 300, .seed = 9, .num_threads = threads});
      ExpectSameIntervals(one, many, what + ", " + std::to_string(threads) + " threads");
    }
  }
}

TEST(Bootstrap, ScoreIndexGivesTheSameNumbersAsSortingEachSubset) {
  EvalData indexed = MakeBinary({.rows = 5000, .score_levels = 300});
  indexed.score_index = eval_internal::BuildScoreIndex(indexed);
  ASSERT_NE(indexed.score_index, nullptr);
  EvalData plain = indexed;
  plain.score_index = nullptr;
  std::vector<uint32_t> subset, with_repeats;
  for (uint32_t i = 0; i < 5000; i += 7) subset.push_back(i);
  for (uint32_t i = 0; i < 5000; i += 11) with_repeats.insert(with_repeats.end(), {i, i});
  const MetricOptions options{.bootstrap = 100, .seed = 4};
  for (const auto& [what, rows] : std::vector<std::pair<std::string, std::vector<uint32_t>>>{
           {"all rows", {}}, {"subset", subset}, {"repeats", with_repeats}}) {
    ExpectSameIntervals(ComputeMetrics(indexed, rows, options),
                        ComputeMetrics(plain, rows, options), what);
    EXPECT_EQ(SortedScores(indexed, rows), SortedScores(plain, rows)) << what;
  }
  // Rows out of order take the general path and are still right.
  std::vector<uint32_t> reversed(subset.rbegin(), subset.rend());
  ExpectSameIntervals(ComputeMetrics(indexed, reversed, options),
                      ComputeMetrics(plain, reversed, options), "reversed rows");
}

TEST(Bootstrap, SortedScoresIsTheSortedSubset) {
  EvalData d = MakeBinary({.rows = 300, .score_levels = 20});
  d.score_index = eval_internal::BuildScoreIndex(d);
  const std::vector<uint32_t> rows = {3, 3, 10, 50, 299};
  std::vector<double> expected;
  for (uint32_t r : rows) expected.push_back(d.score[r]);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(SortedScores(d, rows), expected);
  EXPECT_TRUE(SortedScores(MakeRegression(10), {}).empty());
}

// Percentile interval of a near-normal statistic: half-width ~ z * sd.
double HalfWidth(const MetricValue& m) { return (*m.ci_high - *m.ci_low) / 2; }

TEST(Bootstrap, SpreadMatchesTheExactStratifiedVariance) {
  // Under stratified resampling the class sizes P and N are fixed, the
  // resampled TPR and TNR are independent binomial proportions, so
  //   Var(balanced accuracy) = (tpr (1 - tpr) / P + tnr (1 - tnr) / N) / 4,
  // and the resampled mean log loss has variance
  //   (P s_P^2 + N s_N^2) / n^2
  // with s^2 the (population) variance of the per-row losses in a class.
  const EvalData d = MakeBinary({.rows = 20000, .score_levels = 1000, .seed = 21});
  constexpr int kResamples = 4000;
  const MetricMap m = ComputeMetrics(d, {}, MetricOptions{.bootstrap = kResamples, .seed = 5});
  double tp = 0, p = 0, tn = 0, q = 0;
  std::vector<double> losses[2];
  for (size_t i = 0; i < d.size(); ++i) {
    const bool positive = d.y_true[i] == 1;
    (positive ? p : q) += 1;
    if (positive && d.y_pred[i] == 1) tp += 1;
    if (!positive && d.y_pred[i] == 0) tn += 1;
    losses[positive ? 1 : 0].push_back(eval_internal::BinaryLogLoss(d.score[i], positive));
  }
  const double tpr = tp / p, tnr = tn / q;
  const double sd_balanced = std::sqrt((tpr * (1 - tpr) / p + tnr * (1 - tnr) / q) / 4);
  double loss_var = 0;
  for (const std::vector<double>& l : losses) {
    const double mean = std::accumulate(l.begin(), l.end(), 0.0) / static_cast<double>(l.size());
    double ss = 0;
    for (double x : l) ss += (x - mean) * (x - mean);
    loss_var += ss;  // = |class| * population variance
  }
  const double n = static_cast<double>(d.size());
  const double sd_loss = std::sqrt(loss_var) / n;
  // With 4000 resamples the 2.5% and 97.5% percentiles are each within
  // about 0.06 sd of the truth (their standard error), so the half-width is
  // within a few percent of 1.96 sd; 8% leaves room for that and still
  // catches a scheme that resamples the wrong number of rows per class.
  EXPECT_NEAR(HalfWidth(m.at("balanced_accuracy")) / (1.959964 * sd_balanced), 1.0, 0.08);
  EXPECT_NEAR(HalfWidth(m.at("log_loss")) / (1.959964 * sd_loss), 1.0, 0.08);
}

}  // namespace
}  // namespace airm
