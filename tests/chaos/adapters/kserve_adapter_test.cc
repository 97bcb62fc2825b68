// kserve:// (Open Inference Protocol v2) adapter against the real server's
// /v2/models/credit/infer. Failure modes shared with the MLflow endpoint are
// asserted for both protocols in http_adapter_test.cc.
#include <gtest/gtest.h>

#include "airm/chaos/model_adapter.h"
#include "model_server.h"
#include "server_test_util.h"

namespace airm::chaos {
namespace {

using testing::ModelServer;

TEST(KserveAdapter, NormalServerScoresMatchPython) {
  auto server = ModelServer::Start({.mode = "normal"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const CreditData credit = LoadCredit();
  {
    SCOPED_TRACE("text columns go as BYTES tensors, null text as \"\" (missing)");
    const auto adapter = MakeAdapter(server->kserve_spec(), {.max_batch_rows = 400});
    const PredictOutcome outcome = adapter->Predict(credit.batch);
    ExpectScores(outcome, credit.scores);
    EXPECT_EQ(outcome.attempts, 3);
    EXPECT_EQ(*server->BatchRows(), (std::vector<int>{400, 400, 268}));
  }
  {
    SCOPED_TRACE("a model name the server does not have");
    const std::string spec = "kserve://127.0.0.1:" + std::to_string(server->port()) + "/other";
    const PredictOutcome outcome =
        MakeAdapter(spec, {.retries = 2})->Predict(Batch{{"Income"}, {{1.0}}});
    EXPECT_EQ(outcome.failure, FailureKind::kHttpStatus);
    EXPECT_EQ(outcome.http_status, 404);
    EXPECT_EQ(outcome.attempts, 1);
  }
  {
    SCOPED_TRACE("a string that is no number in a numeric feature");
    const PredictOutcome outcome =
        MakeAdapter(server->kserve_spec(), {})
            ->Predict(Batch{{"Seniority", "Income"}, {{1.0, std::string("lots")}}});
    EXPECT_EQ(outcome.failure, FailureKind::kHttpStatus);
    EXPECT_EQ(outcome.http_status, 400);
  }
}

TEST(KserveAdapter, RaggedRowsCannotBecomeTensors) {
  // Rejected before anything is sent: no server needed.
  const auto adapter = MakeAdapter("kserve://127.0.0.1:9/credit", {});
  const PredictOutcome outcome = adapter->Predict(Batch{{"a", "b"}, {{1.0, 2.0}, {3.0}}});
  EXPECT_EQ(outcome.failure, FailureKind::kRejectedInput);
  EXPECT_EQ(outcome.detail, "row 1 has 1 cells for 2 columns; v2 tensors need equal lengths");
}

}  // namespace
}  // namespace airm::chaos
