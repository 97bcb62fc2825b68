// Load tests against real targets: the in-process XGBoost credit model and
// the Python MLflow server (tests/servers) in normal, fragile and slow
// modes. Runs are short (0.2 s windows, few levels); the assertions are on
// structure and invariants, never on how fast anything was.
#include "airm/chaos/load_test.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/report/chaos_stress_report.h"
#include "stress_test_util.h"

namespace airm::chaos {
namespace {

using ::testing::HasSubstr;

LoadOptions ShortOptions() {
  LoadOptions o;
  o.concurrency_levels = {1, 2};
  o.window_seconds = 0.2;
  o.max_windows = 4;
  o.warmup_seconds = 0.05;
  o.decision_threshold = kCreditThreshold;
  return o;
}

bool HasFinding(const LoadResult& r, const std::string& code) {
  return std::any_of(r.findings.begin(), r.findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

TEST(LoadTest, InProcessXgboostServesTheUnloadedAnswers) {
  const CreditRows credit = LoadCreditRows(300);
  auto adapter = CreditXgboost();
  ASSERT_NE(adapter, nullptr);
  LoadOptions o = ShortOptions();
  o.rows_per_request = 7;  // 300 is not a multiple: requests wrap around the pool
  o.request_rate = RequestRate{.requests_per_second = 200,
                               .pattern = ArrivalPattern::kPoisson,
                               .seed = 3,
                               .max_in_flight = 4};
  auto r = RunLoadTest(*adapter, credit.batch, &credit.labels, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pool_rows, 300);
  EXPECT_TRUE(r->baseline_error.empty());
  ASSERT_TRUE(r->unloaded_accuracy.has_value());
  EXPECT_GT(*r->unloaded_accuracy, 0.5);
  ASSERT_EQ(r->sweep.size(), 2u);
  ASSERT_TRUE(r->open_loop.has_value());
  std::vector<const LoadRunResult*> runs = {&r->sweep[0], &r->sweep[1], &*r->open_loop};
  for (const LoadRunResult* run : runs) {
    ExpectRunConsistent(*run, o);
    EXPECT_GT(run->succeeded, 0);
    EXPECT_EQ(run->error_rate, 0.0);
    EXPECT_EQ(run->rows_changed, 0);  // the same answers as unloaded
    EXPECT_EQ(run->rows_labelled, run->rows_served);
    ASSERT_TRUE(run->served_accuracy && run->unloaded_accuracy_same_rows);
    EXPECT_EQ(*run->served_accuracy, *run->unloaded_accuracy_same_rows);
  }
  EXPECT_EQ(r->sweep[0].concurrency, 1);
  EXPECT_EQ(r->sweep[1].concurrency, 2);
  EXPECT_EQ(r->open_loop->mode, LoadRunResult::Mode::kRequestRate);
  ASSERT_TRUE(r->open_loop->achieved_send_rate && r->open_loop->late_send_share);
  EXPECT_GT(*r->open_loop->achieved_send_rate, 0);
  EXPECT_GE(*r->open_loop->late_send_share, 0);
  EXPECT_LE(*r->open_loop->late_send_share, 1);
  EXPECT_FALSE(HasFinding(*r, "load.errors"));
  EXPECT_FALSE(HasFinding(*r, "load.answers_changed"));
  EXPECT_FALSE(HasFinding(*r, "load.accuracy_drop"));
  for (const LoadRunResult* run : runs) {
    if (!run->stable) {
      EXPECT_TRUE(HasFinding(*r, "load.unstable"));
    }
  }
}

TEST(LoadTest, SloFindingWhenP99IsAboveIt) {
  const CreditRows credit = LoadCreditRows(50);
  auto adapter = CreditXgboost();
  ASSERT_NE(adapter, nullptr);
  LoadOptions o = ShortOptions();
  o.concurrency_levels = {1};
  o.slo_p99_seconds = 1e-12;  // no real answer is that fast
  auto r = RunLoadTest(*adapter, credit.batch, nullptr, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(HasFinding(*r, "load.slo_p99"));
  EXPECT_FALSE(r->sweep[0].served_accuracy.has_value());  // no labels: undefined, not 0
}

TEST(LoadTest, RefusesTargetsThatAreNotLocal) {
  auto remote = MakeAdapter("http://192.0.2.1:8080/invocations");  // TEST-NET-1
  ASSERT_NE(remote, nullptr);
  ASSERT_FALSE(remote->IsLocal());
  const CreditRows credit = LoadCreditRows(10);
  auto r = RunLoadTest(*remote, credit.batch, nullptr, ShortOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("load tests run against loopback targets only"));
}

TEST(LoadTest, RejectsBadInputs) {
  auto adapter = CreditXgboost();
  ASSERT_NE(adapter, nullptr);
  const CreditRows credit = LoadCreditRows(10);
  Batch empty{credit.batch.columns, {}};
  auto r = RunLoadTest(*adapter, empty, nullptr, ShortOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("pool of rows is empty"));
  std::vector<double> labels(3, 1.0);
  r = RunLoadTest(*adapter, credit.batch, &labels, ShortOptions());
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("3 labels for 10 pool rows"));
  LoadOptions bad = ShortOptions();
  bad.max_windows = 1;
  r = RunLoadTest(*adapter, credit.batch, nullptr, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("max_windows"));
}

TEST(LoadTest, PythonServerNormalMode) {
  auto server = testing::ModelServer::Start({.mode = "normal"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto adapter = MakeAdapter(server->url());
  ASSERT_NE(adapter, nullptr);
  ASSERT_TRUE(adapter->IsLocal());
  const CreditRows credit = LoadCreditRows(200);
  LoadOptions o = ShortOptions();
  o.rows_per_request = 5;
  o.request_rate = RequestRate{.requests_per_second = 40, .max_in_flight = 4};
  auto r = RunLoadTest(*adapter, credit.batch, &credit.labels, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->baseline_error.empty()) << r->baseline_error;
  for (const LoadRunResult& run : r->sweep) {
    ExpectRunConsistent(run, o);
    EXPECT_GT(run.succeeded, 0);
    EXPECT_EQ(run.error_rate, 0.0);
    EXPECT_EQ(run.rows_changed, 0);
    EXPECT_EQ(run.served_accuracy, run.unloaded_accuracy_same_rows);
  }
  ExpectRunConsistent(*r->open_loop, o);
  EXPECT_EQ(r->open_loop->error_rate, 0.0);
  EXPECT_EQ(r->open_loop->rows_changed, 0);
  // The server saw every request the runs sent, each of 5 rows (plus the
  // unloaded pass and the drained requests).
  auto seen = server->BatchRows();
  ASSERT_TRUE(seen.ok());
  int64_t sent = r->open_loop->requests;
  for (const LoadRunResult& run : r->sweep) sent += run.requests;
  int64_t five_row_requests = std::count(seen->begin(), seen->end(), 5);
  EXPECT_GE(five_row_requests, sent);
}

TEST(LoadTest, FragileServerThatDiesOnNullsCountsErrors) {
  auto server = testing::ModelServer::Start({.mode = "fragile"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  AdapterOptions fast_fail;
  fast_fail.retries = 0;
  fast_fail.timeout_seconds = 2;
  auto adapter = MakeAdapter(server->url(), fast_fail);
  ASSERT_NE(adapter, nullptr);
  const CreditRows credit = LoadCreditRows(100);  // has nulls (Income, ...)
  LoadOptions o = ShortOptions();
  o.concurrency_levels = {1};
  o.max_windows = 3;
  auto r = RunLoadTest(*adapter, credit.batch, &credit.labels, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->baseline_error.empty());  // the unloaded pass already killed it
  EXPECT_FALSE(server->IsRunning());
  const LoadRunResult& run = r->sweep[0];
  ExpectRunConsistent(run, o);
  EXPECT_GT(run.requests, 0);
  EXPECT_EQ(run.succeeded, 0);
  EXPECT_EQ(run.error_rate, 1.0);
  EXPECT_GT(run.failures.count("connection_refused"), 0u);
  EXPECT_FALSE(run.rows_changed.has_value());  // no baseline to compare with
  EXPECT_TRUE(HasFinding(*r, "load.baseline_failed"));
  EXPECT_TRUE(HasFinding(*r, "load.no_success"));
  EXPECT_EQ(r->findings.front().severity, Severity::kFail);
}

TEST(LoadTest, FragileServerUnderConcurrencyStillAnswersCorrectly) {
  // Without nulls the fragile server answers correctly but sleeps 0.2 s when
  // it sees more than two requests in flight. How often that happens depends
  // on the server's thread scheduling (Python's GIL), so latency is recorded,
  // not asserted; what must hold is that the slower answers are still the
  // unloaded ones and nothing failed.
  auto server = testing::ModelServer::Start({.mode = "fragile"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto adapter = MakeAdapter(server->url());
  ASSERT_NE(adapter, nullptr);
  const CreditRows complete = WithoutNulls(LoadCreditRows(200));
  LoadOptions o = ShortOptions();
  o.concurrency_levels = {4};
  o.rows_per_request = 3;  // a one-row batch gets a malformed answer from this server
  o.window_seconds = 0.5;
  o.max_windows = 3;
  o.warmup_seconds = 0.3;
  auto r = RunLoadTest(*adapter, complete.batch, &complete.labels, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->baseline_error.empty()) << r->baseline_error;
  const LoadRunResult& run = r->sweep[0];
  ExpectRunConsistent(run, o);
  EXPECT_GT(run.succeeded, 0);
  EXPECT_EQ(run.error_rate, 0.0);
  EXPECT_EQ(run.rows_changed, 0);
  EXPECT_EQ(run.served_accuracy, run.unloaded_accuracy_same_rows);
  if (run.latency.p50 && run.latency.max) {
    ::testing::Test::RecordProperty("p50_ms", std::to_string(*run.latency.p50 * 1000));
    ::testing::Test::RecordProperty("max_ms", std::to_string(*run.latency.max * 1000));
  }
  EXPECT_TRUE(server->IsRunning());
}

TEST(LoadTest, AnswersSlowerThanTheTimeoutCountAsTimeouts) {
  auto server = testing::ModelServer::Start({.mode = "slow", .delay_seconds = 0.05});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto adapter = MakeAdapter(server->url());
  ASSERT_NE(adapter, nullptr);
  const CreditRows credit = LoadCreditRows(50);
  LoadOptions o = ShortOptions();
  o.concurrency_levels = {2};
  o.max_windows = 3;
  o.timeout_seconds = 0.01;  // the server sleeps 0.05 s before every answer
  auto r = RunLoadTest(*adapter, credit.batch, &credit.labels, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const LoadRunResult& run = r->sweep[0];
  ExpectRunConsistent(run, o);
  EXPECT_GT(run.requests, 0);
  EXPECT_EQ(run.succeeded, 0);
  EXPECT_EQ(run.failures.at("slow"), run.requests);
  EXPECT_EQ(run.timeout_rate, 1.0);
  EXPECT_EQ(run.rows_served, 0);
  EXPECT_FALSE(run.served_accuracy.has_value());
  EXPECT_TRUE(HasFinding(*r, "load.no_success"));
  // The JSON carries the same numbers.
  const std::string json = LoadResultToJson(*r);
  EXPECT_THAT(json, HasSubstr("\"slow\":" + std::to_string(run.requests)));
}

}  // namespace
}  // namespace airm::chaos
