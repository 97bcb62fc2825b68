// Load-test statistics without a server: percentiles against numpy, the
// stability rule, options and the default sweep.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "airm/chaos/load_test.h"
#include "load_summary.h"

namespace airm::chaos {
namespace {

using ::testing::HasSubstr;

nlohmann::json ReadFixture(const std::string& name) {
  std::ifstream in(std::string(AIRM_STRESS_FIXTURE_DIR) + "/" + name);
  EXPECT_TRUE(in.good()) << name;
  return nlohmann::json::parse(in);
}

// numpy.percentile(method="linear") and the stats::QuantileLinear it is
// computed with agree to the last bits; the mean sums in a different order
// than numpy's pairwise sum, so it gets a relative tolerance of 1e-12.
TEST(LoadPercentiles, MatchNumpyLinear) {
  const nlohmann::json fixture = ReadFixture("percentiles.json");
  ASSERT_EQ(fixture["method"], "numpy.percentile(method='linear')");
  ASSERT_GE(fixture["cases"].size(), 6u);
  for (const auto& [name, c] : fixture["cases"].items()) {
    SCOPED_TRACE(name);
    const LatencySummary s = load::SummarizeLatency(c["values"].get<std::vector<double>>());
    ASSERT_TRUE(s.p50 && s.p90 && s.p95 && s.p99 && s.max && s.mean);
    for (const auto& [key, value] : std::map<std::string, std::optional<double>>{
             {"p50", s.p50}, {"p90", s.p90}, {"p95", s.p95}, {"p99", s.p99}, {"max", s.max}}) {
      const double expected = c[key].get<double>();
      EXPECT_NEAR(*value, expected, 4 * std::numeric_limits<double>::epsilon() * expected) << key;
    }
    EXPECT_NEAR(*s.mean, c["mean"].get<double>(), 1e-12 * c["mean"].get<double>());
  }
}

TEST(LoadPercentiles, EmptyIsUndefinedNotZero) {
  const LatencySummary s = load::SummarizeLatency({});
  EXPECT_FALSE(s.p50 || s.p90 || s.p95 || s.p99 || s.max || s.mean);
}

LoadWindow Window(double rps, std::optional<double> p95, int64_t succeeded = 10) {
  LoadWindow w;
  w.duration_seconds = 1;
  w.completed = succeeded;
  w.succeeded = succeeded;
  w.throughput_rps = rps;
  w.p95_latency_seconds = p95;
  return w;
}

TEST(WindowsStable, ThreeWindowsWithinThePercentage) {
  EXPECT_FALSE(WindowsStable({}, 10));
  EXPECT_FALSE(WindowsStable({Window(100, 0.01), Window(100, 0.01)}, 10));
  EXPECT_TRUE(WindowsStable({Window(100, 0.010), Window(105, 0.0105), Window(110, 0.011)}, 10));
  // max / min = 1.11 > 1.10 on throughput.
  EXPECT_FALSE(WindowsStable({Window(100, 0.01), Window(105, 0.01), Window(111, 0.01)}, 10));
  // ... or on p95 latency.
  EXPECT_FALSE(WindowsStable({Window(100, 0.010), Window(100, 0.010), Window(100, 0.0112)}, 10));
  // Only the last three count.
  EXPECT_TRUE(
      WindowsStable({Window(1, 5.0), Window(100, 0.01), Window(100, 0.01), Window(100, 0.01)}, 10));
  // A window where nothing succeeded never agrees.
  EXPECT_FALSE(
      WindowsStable({Window(100, 0.01), Window(100, 0.01), Window(0, std::nullopt, 0)}, 10));
  // A wider percentage accepts more.
  EXPECT_TRUE(WindowsStable({Window(100, 0.01), Window(105, 0.01), Window(111, 0.01)}, 12));
}

TEST(LoadOptions, DefaultsAreValid) { EXPECT_TRUE(LoadOptions{}.Validate().ok()); }

TEST(LoadOptions, RejectsBadValuesNamingTheOption) {
  const auto rejects = [](LoadOptions o, const char* option) {
    const Status s = o.Validate();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << option;
    EXPECT_THAT(s.message(), HasSubstr(option));
  };
  rejects({.concurrency_levels = {1, 0}}, "concurrency_levels");
  rejects({.run_sweep = false}, "request_rate");
  rejects({.request_rate = RequestRate{.requests_per_second = 0}}, "requests_per_second");
  rejects({.request_rate = RequestRate{.requests_per_second = 10, .max_in_flight = 0}},
          "max_in_flight");
  rejects({.window_seconds = 0}, "window_seconds");
  rejects({.window_seconds = NAN}, "window_seconds");
  rejects({.max_windows = 2}, "max_windows");
  rejects({.stability_pct = -1}, "stability_pct");
  rejects({.warmup_seconds = -0.1}, "warmup_seconds");
  rejects({.rows_per_request = 0}, "rows_per_request");
  rejects({.decision_threshold = INFINITY}, "decision_threshold");
  rejects({.timeout_seconds = 0.0}, "timeout_seconds");
  rejects({.slo_p99_seconds = -1.0}, "slo_p99_seconds");
  rejects({.answer_tolerance = -1}, "answer_tolerance");
}

TEST(LoadOptions, DefaultSweepDoublesUpToTwiceTheCores) {
  const std::vector<int> levels = DefaultConcurrencyLevels();
  const int top = 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), 1);
  EXPECT_EQ(levels.back(), top);
  for (size_t i = 1; i + 1 < levels.size(); ++i) EXPECT_EQ(levels[i], 2 * levels[i - 1]);
}

}  // namespace
}  // namespace airm::chaos
