// The domain classifier as a detector, over many seeded pairs of batches run
// through RunDomainClassifier itself (the real code path, small batches so
// that hundreds of runs take seconds):
//   - false alarms: pairs drawn from one distribution must be flagged at a
//     rate of at most alpha;
//   - power: pairs whose columns keep their marginals but change how two of
//     them combine (a shift no per-column test can see) must be flagged.
// The bound on the false-alarm count is the 99.9% quantile of
// Binomial(pairs, alpha) (scipy.stats.binom.ppf(0.999, 200, alpha): 21 for
// 0.05, 8 for 0.01). If the true rate is <= alpha, the count exceeds it with
// probability < 0.1%, so a failure means the null is wrong, not bad luck.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "airm/domain_classifier.h"

namespace airm {
namespace {

constexpr int kPairs = 200;

// Rows with columns a, b (standard normal), c (normal, unrelated) and k (a
// 4-level categorical). corr(a, b) = `rho`; the marginals do not depend on it.
Table MakeBatch(size_t rows, double rho, std::mt19937_64& rng) {
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> a(rows), b(rows), c(rows);
  std::vector<int32_t> k(rows);
  for (size_t r = 0; r < rows; ++r) {
    a[r] = normal(rng);
    b[r] = rho * a[r] + std::sqrt(1 - rho * rho) * normal(rng);
    c[r] = normal(rng);
    k[r] = static_cast<int32_t>(rng() % 4);
  }
  auto valid = [rows] {
    ValidityBitmap v;
    v.AppendMany(true, rows);
    return v;
  };
  std::vector<Column> columns;
  columns.push_back(Column::Float64("a", std::move(a), valid()));
  columns.push_back(Column::Float64("b", std::move(b), valid()));
  columns.push_back(Column::Float64("c", std::move(c), valid()));
  columns.push_back(Column::Categorical("k", std::move(k), {"w", "x", "y", "z"}, valid()));
  return Table::Make(std::move(columns)).value();
}

struct Tally {
  int flagged_05 = 0;  // p <= 0.05
  int flagged_01 = 0;  // p <= 0.01
  int ran = 0;
  std::string methods;  // p_value_method of the first run
};

// Runs kPairs seeded pairs of `rows` rows a side; the current side has
// correlation `current_rho` between a and b, the reference none.
Tally RunPairs(size_t rows, double current_rho, uint64_t seed) {
  Tally tally;
  for (int pair = 0; pair < kPairs; ++pair) {
    std::mt19937_64 rng(seed + static_cast<uint64_t>(pair));
    const Table reference = MakeBatch(rows, 0.0, rng);
    const Table current = MakeBatch(rows, current_rho, rng);
    auto result = RunDomainClassifier(reference, current, {},
                                      {.alpha = 0.05, .seed = seed + static_cast<uint64_t>(pair)});
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok() || !result->ran || !result->p_value) continue;
    ++tally.ran;
    if (tally.methods.empty()) tally.methods = result->p_value_method;
    EXPECT_EQ(result->drifted, *result->p_value <= 0.05);
    tally.flagged_05 += *result->p_value <= 0.05;
    tally.flagged_01 += *result->p_value <= 0.01;
  }
  return tally;
}

// Pairs from one distribution, `rows` a side: the false alarms at 0.05 and
// 0.01 stay within the binomial bounds of the file comment.
void ExpectFalseAlarmsWithinBounds(size_t rows, uint64_t seed, const std::string& method) {
  const Tally t = RunPairs(rows, 0.0, seed);
  ASSERT_EQ(t.ran, kPairs);
  EXPECT_EQ(t.methods, method);
  EXPECT_LE(t.flagged_05, 21) << "false alarms at alpha 0.05 out of " << kPairs;
  EXPECT_LE(t.flagged_01, 8) << "false alarms at alpha 0.01 out of " << kPairs;
  ::testing::Test::RecordProperty("false_alarms_05", t.flagged_05);
  ::testing::Test::RecordProperty("false_alarms_01", t.flagged_01);
}

TEST(DomainClassifierCalibrationTest, FalseAlarmRateIsAtMostAlphaNormalNull) {
  // 150 rows a side: 75 + 75 held out, the normal approximation.
  ExpectFalseAlarmsWithinBounds(150, 1000, "mann_whitney_normal");
}

TEST(DomainClassifierCalibrationTest, FalseAlarmRateIsAtMostAlphaExactNull) {
  // 24 rows a side: 12 + 12 held out, the exact null of tied model scores.
  ExpectFalseAlarmsWithinBounds(24, 5000, "mann_whitney_exact");
}

TEST(DomainClassifierCalibrationTest, DetectsAChangeInHowColumnsCombine) {
  // corr(a, b) goes from 0 to 0.8 with every marginal unchanged.
  const Tally t = RunPairs(400, 0.8, 9000);
  ASSERT_EQ(t.ran, kPairs);
  RecordProperty("detected_05", t.flagged_05);
  EXPECT_GE(t.flagged_05, 180) << "detections at alpha 0.05 out of " << kPairs;
}

}  // namespace
}  // namespace airm
