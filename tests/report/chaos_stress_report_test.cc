// The JSON objects and HTML fragments of load and manipulation results,
// including undefined numbers and hostile names.
#include "airm/report/chaos_stress_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

namespace airm::chaos {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

LoadRunResult Run(int concurrency, double p50) {
  LoadRunResult run;
  run.concurrency = concurrency;
  run.stable = concurrency != 4;
  run.requests = 100;
  run.succeeded = 98;
  run.failures = {{"timeout", 2}};
  run.error_rate = 0.02;
  run.timeout_rate = 0.02;
  run.latency = {p50, p50 * 2, p50 * 3, p50 * 4, p50 * 5, p50 * 1.5};
  run.throughput_rps = 98;
  run.rows_per_second = 98;
  run.rows_served = 98;
  run.rows_changed = 0;
  run.windows = {LoadWindow{0, 1, 100, 98, 98, p50 * 3}};
  run.duration_seconds = 1;
  return run;
}

LoadResult SampleLoad() {
  LoadResult r;
  r.target = "http://127.0.0.1:1/<script>alert(1)</script>";
  r.pool_rows = 10;
  r.options.concurrency_levels = {1, 2, 4};
  r.baseline_seconds = 0.01;
  r.sweep = {Run(1, 0.001), Run(2, 0.002), Run(4, 0.004)};
  LoadRunResult open = Run(0, 0.003);
  open.mode = LoadRunResult::Mode::kRequestRate;
  open.request_rate = RequestRate{.requests_per_second = 50, .pattern = ArrivalPattern::kPoisson};
  open.achieved_send_rate = 49.5;
  open.late_send_share = 0.0;
  r.open_loop = open;
  // A run where nothing succeeded: every latency undefined.
  LoadRunResult dead;
  dead.concurrency = 8;
  dead.requests = 3;
  dead.failures = {{"connection_refused", 3}};
  dead.error_rate = 1.0;
  dead.timeout_rate = 0.0;
  r.sweep.push_back(dead);
  r.findings = {MakeFinding(Severity::kFail, "load.errors", "concurrency 1", "2% failed <b>")};
  return r;
}

TEST(LoadJson, FieldsNamesAndNulls) {
  const nlohmann::json j = nlohmann::json::parse(LoadResultToJson(SampleLoad()));
  EXPECT_EQ(j["target"], "http://127.0.0.1:1/<script>alert(1)</script>");
  EXPECT_EQ(j["percentile_method"], "linear");
  ASSERT_EQ(j["sweep"].size(), 4u);
  EXPECT_EQ(j["sweep"][0]["name"], "concurrency_1");
  EXPECT_EQ(j["sweep"][0]["failures"]["timeout"], 2);
  EXPECT_DOUBLE_EQ(j["sweep"][2]["latency_seconds"]["p99"].get<double>(), 0.016);
  EXPECT_EQ(j["sweep"][2]["stable"], false);
  EXPECT_TRUE(j["sweep"][3]["latency_seconds"]["p50"].is_null());
  EXPECT_TRUE(j["sweep"][3]["served_accuracy"].is_null());
  EXPECT_EQ(j["open_loop"]["name"], "rate");
  EXPECT_EQ(j["open_loop"]["request_rate"]["pattern"], "poisson");
  EXPECT_TRUE(j["open_loop"]["concurrency"].is_null());
  EXPECT_EQ(j["baseline"]["ok"], true);
  EXPECT_TRUE(j["baseline"]["error"].is_null());
  EXPECT_DOUBLE_EQ(j["summary"]["max_error_rate"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(j["summary"]["max_p99_latency_seconds"].get<double>(), 0.016);
  EXPECT_EQ(j["summary"]["all_stable"], false);
  EXPECT_EQ(j["findings"][0]["code"], "load.errors");
}

TEST(LoadHtml, EscapesAndDrawsCharts) {
  const std::string html = LoadHtmlSection(SampleLoad());
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, HasSubstr("&lt;script&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<b>")));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("concurrency 4"));
  EXPECT_THAT(html, HasSubstr("rate 50/s (poisson)"));
  EXPECT_THAT(html, HasSubstr("coordinated omission"));
  EXPECT_THAT(html, Not(HasSubstr("nan")));
  EXPECT_THAT(html, Not(HasSubstr("http://www.")));  // no external assets
}

TEST(LoadHtml, EmptyResultStillRenders) {
  LoadResult r;
  r.baseline_error = "connection_refused: nothing listening";
  const std::string html = LoadHtmlSection(r);
  EXPECT_THAT(html, HasSubstr("baseline failed"));
  EXPECT_THAT(html, Not(HasSubstr("<svg")));
  const nlohmann::json j = nlohmann::json::parse(LoadResultToJson(r));
  EXPECT_EQ(j["baseline"]["ok"], false);
  EXPECT_TRUE(j["summary"]["rows_changed"].is_null());
  EXPECT_TRUE(j["open_loop"].is_null());
}

ManipulationResult SampleManipulation() {
  ManipulationResult r;
  r.target = "xgboost:model.json";
  r.constraints_source = "c.yaml";
  r.rows_sampled = 10;
  r.rows_eligible = 8;
  r.rows_unscorable = 2;
  r.mutable_features = {"In<come", "Home"};
  r.immutable_features = {"Age"};
  r.flip_rates = {{0.1, 0, 0.0}, {0.25, 1, 0.125}, {0.5, 2, 0.25}, {1.0, 4, 0.5}, {2.0, 4, 0.5}};
  r.per_feature = {{"In<come", 3, 0.375, 0.4}, {"Home", 0, 0.0, std::nullopt}};
  r.cheapest_flips = {FlipExample{.row = 3,
                                  .changes = {{"In<come", Cell(100.0), Cell(150.0), 0.2},
                                              {"Home", Cell("rent"), Cell("owner"), 1}},
                                  .cost = 1.2,
                                  .score_before = 0.4,
                                  .score_after = 0.2}};
  MonotonicityCheck m;
  m.feature = "In<come";
  m.declared = MonotoneDirection::kDecreasing;
  m.rows_checked = 5;
  m.rows_violating = 1;
  m.violation_share = 0.2;
  m.max_violation = 0.05;
  m.worst_row = 3;
  m.worst_x_from = 100;
  m.worst_x_to = 200;
  m.worst_score_from = 0.3;
  m.worst_score_to = 0.35;
  r.monotonicity = {m};
  return r;
}

TEST(ManipulationJson, FieldsNamesAndCells) {
  const nlohmann::json j = nlohmann::json::parse(ManipulationResultToJson(SampleManipulation()));
  EXPECT_EQ(j["rows_eligible"], 8);
  ASSERT_EQ(j["flip_rates"].size(), 5u);
  EXPECT_DOUBLE_EQ(j["flip_rates"][2]["rate"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(j["summary"]["flip_rate_at_finding_budget"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(j["summary"]["flip_rate_at_max_budget"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["summary"]["cheapest_flip_cost"].get<double>(), 1.2);
  EXPECT_EQ(j["summary"]["monotonicity_features_violated"], 1);
  EXPECT_EQ(j["per_feature"][1]["name"], "Home");
  EXPECT_TRUE(j["per_feature"][1]["median_cost"].is_null());
  const auto& changes = j["cheapest_flips"][0]["changes"];
  EXPECT_EQ(changes[0]["from"], 100.0);
  EXPECT_EQ(changes[1]["to"], "owner");
  EXPECT_EQ(j["monotonicity"][0]["name"], "In<come");
  EXPECT_EQ(j["monotonicity"][0]["worst"]["row"], 3);
  EXPECT_EQ(j["options"]["budgets"].size(), 5u);
}

TEST(ManipulationHtml, EscapesAndDrawsTheBudgetChart) {
  const std::string html = ManipulationHtmlSection(SampleManipulation());
  EXPECT_THAT(html, Not(HasSubstr("In<come")));
  EXPECT_THAT(html, HasSubstr("In&lt;come"));
  EXPECT_THAT(html, HasSubstr("<svg"));
  EXPECT_THAT(html, HasSubstr("Cheapest flips"));
  EXPECT_THAT(html, HasSubstr("\u201crent\u201d"));
  EXPECT_THAT(html, HasSubstr("Monotonicity"));
  EXPECT_THAT(html, Not(HasSubstr("nan")));
}

TEST(ManipulationHtml, NothingFoundSaysSo) {
  ManipulationResult r;
  const std::string html = ManipulationHtmlSection(r);
  EXPECT_THAT(html, HasSubstr("No feature has a declared direction"));
  const nlohmann::json j = nlohmann::json::parse(ManipulationResultToJson(r));
  EXPECT_TRUE(j["summary"]["cheapest_flip_cost"].is_null());
  EXPECT_TRUE(j["summary"]["flip_rate_at_finding_budget"].is_null());
}

}  // namespace
}  // namespace airm::chaos
