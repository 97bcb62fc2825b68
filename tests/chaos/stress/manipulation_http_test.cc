// The manipulation test over HTTP: the same search against the Python MLflow
// server gives the same answers as in process (both score with Debian's
// XGBoost 1.7.4), in a handful of batched requests; a server that fails
// ends the search with Unavailable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/chaos/manipulation.h"
#include "airm/report/chaos_stress_report.h"
#include "stress_test_util.h"

namespace airm::chaos {
namespace {

using ::testing::HasSubstr;

constexpr const char* kConstraints = R"(features:
  Age: {immutable: true}
  Home: {categories: [owner, rent, parents]}
  Income: {monotone: decreasing}
)";

ManipulationOptions SmallSearch() {
  ManipulationOptions o;
  o.decision_threshold = kCreditThreshold;
  o.sample_rows = 25;
  o.monotone_rows = 10;
  o.seed = 11;
  return o;
}

TEST(ManipulationOverHttp, MatchesTheInProcessSearch) {
  auto server = testing::ModelServer::Start({.mode = "normal"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto http = MakeAdapter(server->url());
  auto local = CreditXgboost();
  ASSERT_NE(http, nullptr);
  ASSERT_NE(local, nullptr);
  const CreditRows credit = LoadCreditRows();
  auto constraints = ParseConstraints(kConstraints, "credit.yaml");
  ASSERT_TRUE(constraints.ok());

  auto over_http = RunManipulationTest(*http, credit.batch, *constraints, SmallSearch());
  ASSERT_TRUE(over_http.ok()) << over_http.status().ToString();
  auto in_process = RunManipulationTest(*local, credit.batch, *constraints, SmallSearch());
  ASSERT_TRUE(in_process.ok()) << in_process.status().ToString();

  EXPECT_EQ(over_http->rows_eligible, in_process->rows_eligible);
  EXPECT_EQ(over_http->model_calls, in_process->model_calls);
  EXPECT_EQ(over_http->rows_scored, in_process->rows_scored);
  ASSERT_EQ(over_http->flip_rates.size(), in_process->flip_rates.size());
  for (size_t i = 0; i < over_http->flip_rates.size(); ++i) {
    EXPECT_EQ(over_http->flip_rates[i].flipped, in_process->flip_rates[i].flipped) << i;
  }
  ASSERT_EQ(over_http->cheapest_flips.size(), in_process->cheapest_flips.size());
  for (size_t i = 0; i < over_http->cheapest_flips.size(); ++i) {
    EXPECT_EQ(over_http->cheapest_flips[i].row, in_process->cheapest_flips[i].row);
    EXPECT_NEAR(over_http->cheapest_flips[i].cost, in_process->cheapest_flips[i].cost, 1e-12);
  }
  ASSERT_EQ(over_http->monotonicity.size(), 1u);
  EXPECT_EQ(over_http->monotonicity[0].rows_violating, in_process->monotonicity[0].rows_violating);

  // Batched: the server saw one request per max_batch_rows-sized chunk of
  // each step, not one per candidate row.
  auto seen = server->BatchRows();
  ASSERT_TRUE(seen.ok());
  int64_t rows = 0;
  for (int n : *seen) rows += n;
  EXPECT_EQ(rows, over_http->rows_scored);
  EXPECT_LT(static_cast<int64_t>(seen->size()), over_http->rows_scored / 100);
}

TEST(ManipulationOverHttp, AFailingServerEndsTheSearchWithUnavailable) {
  auto server = testing::ModelServer::Start({.mode = "error500"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  AdapterOptions no_retry;
  no_retry.retries = 0;
  auto http = MakeAdapter(server->url(), no_retry);
  ASSERT_NE(http, nullptr);
  const CreditRows credit = LoadCreditRows(50);
  auto constraints = ParseConstraints(kConstraints, "credit.yaml");
  ASSERT_TRUE(constraints.ok());
  auto r = RunManipulationTest(*http, credit.batch, *constraints, SmallSearch());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(r.status().message(), HasSubstr("original rows"));
  EXPECT_THAT(r.status().message(), HasSubstr("http_status"));
}

}  // namespace
}  // namespace airm::chaos
