// http:// (MLflow scoring protocol) adapter against real model servers on
// loopback (tests/servers/mlflow_server.py): the exact outcome of each mode.
// Each TEST starts one server (about a second of Python start-up), so the
// checks that can share a server share it.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmath>
#include <limits>
#include <thread>
#include <variant>

#include "airm/chaos/model_adapter.h"
#include "model_server.h"
#include "server_test_util.h"

namespace airm::chaos {
namespace {

using testing::ModelServer;

TEST(HttpMlflowAdapter, NormalServerScoresMatchPythonInOrderedChunks) {
  auto server = ModelServer::Start({.mode = "normal"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const CreditData credit = LoadCredit();
  ASSERT_EQ(credit.batch.rows.size(), 1068u);
  // 2,500 rows (the credit rows over and over) in requests of 1,000.
  const Batch batch = Repeat(credit.batch, 2500);
  const std::vector<double> expected = Repeat(credit.scores, 2500);
  const auto adapter = MakeAdapter(server->url(), {.max_batch_rows = 1000});
  const PredictOutcome outcome = adapter->Predict(batch);
  ExpectScores(outcome, expected);
  EXPECT_EQ(outcome.attempts, 3);
  EXPECT_EQ(*server->BatchRows(), (std::vector<int>{1000, 1000, 500}));
}

TEST(HttpMlflowAdapter, InputTheModelRefusesIsHttp400AndNotRetried) {
  auto server = ModelServer::Start({.mode = "normal"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const auto adapter = MakeAdapter(server->url(), {.retries = 2});
  {
    SCOPED_TRACE("string in a numeric feature");
    const PredictOutcome outcome =
        adapter->Predict(Batch{{"Seniority", "Income"}, {{1.0, std::string("lots")}}});
    EXPECT_EQ(outcome.failure, FailureKind::kHttpStatus);
    EXPECT_EQ(outcome.http_status, 400);
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_NE(outcome.detail.find("HTTP 400: {\"error_code\": \"BAD_REQUEST\""), std::string::npos)
        << outcome.detail;
    EXPECT_NE(outcome.detail.find("'lots' is not a number"), std::string::npos) << outcome.detail;
  }
  {
    SCOPED_TRACE("infinity, which XGBoost refuses");
    const PredictOutcome outcome =
        adapter->Predict(Batch{{"Income"}, {{std::numeric_limits<double>::infinity()}}});
    EXPECT_EQ(outcome.failure, FailureKind::kHttpStatus);
    EXPECT_EQ(outcome.http_status, 400);
  }
  {
    SCOPED_TRACE("NaN and null are missing values, scored like the Python encoder does");
    const PredictOutcome with_nan =
        adapter->Predict(Batch{{"Income", "Home"}, {{std::nan(""), std::monostate{}}}});
    const auto xgboost = MakeAdapter(testing::XgboostSpec(), {});
    const PredictOutcome in_process =
        xgboost->Predict(Batch{{"Income", "Home"}, {{std::nan(""), std::monostate{}}}});
    ASSERT_TRUE(with_nan.ok() && in_process.ok()) << with_nan.detail << in_process.detail;
    EXPECT_NEAR(with_nan.scores[0], in_process.scores[0], kTolerance);
  }
  {
    SCOPED_TRACE("empty batch: one request with no rows");
    const PredictOutcome outcome = adapter->Predict(Batch{{"Income"}, {}});
    EXPECT_TRUE(outcome.ok()) << outcome.detail;
    EXPECT_TRUE(outcome.scores.empty());
  }
  {
    SCOPED_TRACE("a path the server does not serve");
    const std::string url = "http://127.0.0.1:" + std::to_string(server->port()) + "/predict";
    const PredictOutcome outcome = MakeAdapter(url, {})->Predict(Batch{{"Income"}, {{1.0}}});
    EXPECT_EQ(outcome.failure, FailureKind::kHttpStatus);
    EXPECT_EQ(outcome.http_status, 404);
  }
}

TEST(HttpMlflowAdapter, ObjectAnswersReadTheProbability) {
  auto server = ModelServer::Start({.mode = "normal", .output = "object"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const CreditData credit = LoadCredit();
  ExpectScores(MakeAdapter(server->url(), {})->Predict(credit.batch), credit.scores);
}

TEST(HttpMlflowAdapter, PairAnswersReadTheSecondClass) {
  auto server = ModelServer::Start({.mode = "normal", .output = "pairs"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const CreditData credit = LoadCredit();
  ExpectScores(MakeAdapter(server->url(), {})->Predict(credit.batch), credit.scores);
  // [n, 2] tensors on the KServe side of the same server.
  ExpectScores(MakeAdapter(server->kserve_spec(), {})->Predict(credit.batch), credit.scores);
}

TEST(HttpMlflowAdapter, EightThreadsShareOneAdapter) {
  auto server = ModelServer::Start({.mode = "normal"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const CreditData credit = LoadCredit();
  const auto adapter = MakeAdapter(server->url(), {.pool_size = 4});
  constexpr int kThreads = 8;
  constexpr int kCallsPerThread = 3;
  std::vector<std::vector<PredictOutcome>> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      const Batch slice = EveryNth(credit.batch, kThreads, thread_idx);
      for (int call = 0; call < kCallsPerThread; ++call) {
        outcomes[thread_idx].push_back(adapter->Predict(slice));
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    const std::vector<double> expected = EveryNth(credit.scores, kThreads, thread_idx);
    for (const PredictOutcome& outcome : outcomes[thread_idx]) ExpectScores(outcome, expected);
  }
  EXPECT_EQ(server->BatchRows()->size(), size_t{kThreads * kCallsPerThread});
}

// A loopback port nothing listens on: bound, read back, closed.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
  socklen_t length = sizeof(address);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

TEST(HttpMlflowAdapter, RefusedPortIsRetriedThenReported) {
  const std::string port = std::to_string(FreePort());
  for (const std::string& spec :
       {"http://127.0.0.1:" + port + "/invocations", "kserve://127.0.0.1:" + port + "/credit"}) {
    SCOPED_TRACE(spec);
    const auto adapter = MakeAdapter(spec, {.retries = 2, .backoff_seconds = 0.01});
    const PredictOutcome outcome = adapter->Predict(Batch{{"Income"}, {{1.0}}});
    EXPECT_EQ(outcome.failure, FailureKind::kConnectionRefused);
    EXPECT_EQ(outcome.attempts, 3);
    EXPECT_NE(outcome.detail.find("cannot connect to http://127.0.0.1:" + port), std::string::npos)
        << outcome.detail;
  }
}

TEST(HttpMlflowAdapter, HangingServerIsATimeout) {
  auto server = ModelServer::Start({.mode = "hang"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  for (const std::string& spec : {server->url(), server->kserve_spec()}) {
    SCOPED_TRACE(spec);
    const auto adapter =
        MakeAdapter(spec, {.timeout_seconds = 0.5, .retries = 1, .backoff_seconds = 0.01});
    const PredictOutcome outcome = adapter->Predict(Batch{{"Income"}, {{1.0}, {2.0}}});
    EXPECT_EQ(outcome.failure, FailureKind::kTimeout);
    EXPECT_EQ(outcome.attempts, 2);
    EXPECT_NE(outcome.detail.find("within 0.5 s"), std::string::npos) << outcome.detail;
  }
  EXPECT_EQ(server->BatchRows()->size(), 4u);  // 2 attempts x 2 protocols
}

TEST(HttpMlflowAdapter, SlowServerIsATimeoutOnlyWhenSlowerThanTheLimit) {
  auto server = ModelServer::Start({.mode = "slow", .delay_seconds = 1.0});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const Batch batch{{"Income"}, {{1.0}, {2.0}}};
  const PredictOutcome too_slow =
      MakeAdapter(server->url(), {.timeout_seconds = 0.3, .retries = 0})->Predict(batch);
  EXPECT_EQ(too_slow.failure, FailureKind::kTimeout);
  const PredictOutcome patient =
      MakeAdapter(server->url(), {.timeout_seconds = 30, .retries = 0})->Predict(batch);
  EXPECT_TRUE(patient.ok()) << patient.detail;
  EXPECT_EQ(patient.scores.size(), 2u);
}

TEST(HttpMlflowAdapter, Error500IsRetriedThenReported) {
  auto server = ModelServer::Start({.mode = "error500"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  for (const std::string& spec : {server->url(), server->kserve_spec()}) {
    SCOPED_TRACE(spec);
    const auto adapter = MakeAdapter(spec, {.retries = 2, .backoff_seconds = 0.01});
    const PredictOutcome outcome = adapter->Predict(Batch{{"Income"}, {{1.0}}});
    EXPECT_EQ(outcome.failure, FailureKind::kHttpStatus);
    EXPECT_EQ(outcome.http_status, 500);
    EXPECT_EQ(outcome.attempts, 3);
    EXPECT_EQ(outcome.detail,
              "HTTP 500: {\"error_code\": \"INTERNAL_ERROR\", \"message\": \"model error "
              "(error500 mode)\"}");
  }
  EXPECT_EQ(server->BatchRows()->size(), 6u);
}

TEST(HttpMlflowAdapter, MalformedAnswerIsMalformedAndNotRetried) {
  auto server = ModelServer::Start({.mode = "malformed"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  for (const std::string& spec : {server->url(), server->kserve_spec()}) {
    SCOPED_TRACE(spec);
    const PredictOutcome outcome =
        MakeAdapter(spec, {.retries = 2})->Predict(Batch{{"Income"}, {{1.0}}});
    EXPECT_EQ(outcome.failure, FailureKind::kMalformed);
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_NE(outcome.detail.find("the answer is not JSON"), std::string::npos) << outcome.detail;
  }
}

TEST(HttpMlflowAdapter, OneExtraPredictionIsWrongCount) {
  auto server = ModelServer::Start({.mode = "wrongcount"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const Batch batch{{"Income"}, {{1.0}, {2.0}, {3.0}}};
  const PredictOutcome mlflow = MakeAdapter(server->url(), {})->Predict(batch);
  EXPECT_EQ(mlflow.failure, FailureKind::kWrongCount);
  EXPECT_EQ(mlflow.detail, "expected 3 predictions, got 4");
  const PredictOutcome kserve = MakeAdapter(server->kserve_spec(), {})->Predict(batch);
  EXPECT_EQ(kserve.failure, FailureKind::kWrongCount);
  EXPECT_EQ(kserve.detail, "expected 3 rows in outputs[0].shape, got 4");
}

TEST(HttpMlflowAdapter, FragileServerFailsExactlyAsDocumented) {
  auto server = ModelServer::Start({.mode = "fragile"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const CreditData credit = LoadCredit();
  const CreditData complete = WithoutNulls(credit);
  ASSERT_GT(complete.batch.rows.size(), 900u);
  const auto adapter = MakeAdapter(server->url(), {.retries = 2, .backoff_seconds = 0.01});
  {
    SCOPED_TRACE("rows without nulls score normally, also under concurrent load");
    std::vector<PredictOutcome> outcomes(6);
    std::vector<std::thread> threads;
    for (int idx = 0; idx < 6; ++idx) {
      threads.emplace_back([&, idx] { outcomes[idx] = adapter->Predict(complete.batch); });
    }
    for (std::thread& thread : threads) thread.join();
    for (const PredictOutcome& outcome : outcomes) ExpectScores(outcome, complete.scores);
  }
  {
    SCOPED_TRACE("a batch of exactly one row gets a malformed answer");
    const Batch one = EveryNth(complete.batch, complete.batch.rows.size(), 0);
    ASSERT_EQ(one.rows.size(), 1u);
    const PredictOutcome outcome = adapter->Predict(one);
    EXPECT_EQ(outcome.failure, FailureKind::kMalformed);
    EXPECT_EQ(outcome.attempts, 1);
  }
  {
    SCOPED_TRACE("a string in a numeric feature gets a malformed answer");
    const PredictOutcome outcome =
        adapter->Predict(Batch{{"Seniority", "Income"}, {{1.0, 2.0}, {1.0, std::string("x")}}});
    EXPECT_EQ(outcome.failure, FailureKind::kMalformed);
  }
  {
    SCOPED_TRACE("a null kills the server mid-request");
    const PredictOutcome outcome = adapter->Predict(credit.batch);
    EXPECT_EQ(outcome.failure, FailureKind::kCrash);
    EXPECT_EQ(outcome.attempts, 1);
    EXPECT_NE(outcome.detail.find("closed the connection without a complete answer"),
              std::string::npos)
        << outcome.detail;
  }
  for (int wait = 0; wait < 200 && server->IsRunning(); ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(server->IsRunning());
  {
    SCOPED_TRACE("afterwards nothing listens");
    const PredictOutcome outcome = adapter->Predict(complete.batch);
    EXPECT_EQ(outcome.failure, FailureKind::kConnectionRefused);
    EXPECT_EQ(outcome.attempts, 3);
  }
}

}  // namespace
}  // namespace airm::chaos
