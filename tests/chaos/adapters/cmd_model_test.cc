// cmd: adapter with the real Python model (tests/servers/cmd_model.py).
#include <gtest/gtest.h>

#include "airm/chaos/model_adapter.h"
#include "model_server.h"
#include "server_test_util.h"

namespace airm::chaos {
namespace {

using testing::CmdModelSpec;

TEST(CmdModel, ScoresMatchPythonXgboost) {
  const CreditData credit = LoadCredit();
  const auto adapter = MakeAdapter(CmdModelSpec(), {.timeout_seconds = 60, .max_batch_rows = 2000});
  const PredictOutcome outcome = adapter->Predict(credit.batch);
  ExpectScores(outcome, credit.scores);
  EXPECT_EQ(outcome.attempts, 1);
}

TEST(CmdModel, CrashOnNullIsACrashWithStderr) {
  const CreditData credit = LoadCredit();
  const auto adapter =
      MakeAdapter(CmdModelSpec("--crash-on-null"), {.timeout_seconds = 60, .retries = 2});
  const PredictOutcome outcome = adapter->Predict(EveryNth(credit.batch, 1, 0));
  EXPECT_EQ(outcome.failure, FailureKind::kCrash);
  EXPECT_EQ(outcome.attempts, 1);
  EXPECT_NE(outcome.detail.find("the model process exited with status 3; stderr: null in row"),
            std::string::npos)
      << outcome.detail;
}

TEST(CmdModel, StringInNumericFeatureCrashesThePythonModel) {
  const auto adapter = MakeAdapter(CmdModelSpec(), {.timeout_seconds = 60});
  const PredictOutcome outcome =
      adapter->Predict(Batch{{"Seniority", "Income"}, {{1.0, std::string("lots")}}});
  EXPECT_EQ(outcome.failure, FailureKind::kCrash);
  EXPECT_NE(outcome.detail.find("exited with status 2; stderr: cannot encode the input: "
                                "column 'Income': 'lots' is not a number"),
            std::string::npos)
      << outcome.detail;
}

TEST(CmdModel, MisbehaviourFlagsGiveTheirDocumentedOutcome) {
  const CreditData credit = LoadCredit();
  const Batch batch = EveryNth(WithoutNulls(credit).batch, 100, 0);
  struct Case {
    const char* flags;
    FailureKind failure;
    const char* detail;
    double timeout_seconds;  // generous where Python must start and answer
  };
  const Case cases[] = {
      {"--garbage", FailureKind::kMalformed, "stdout line 1: 'not-a-number' is not a number", 60},
      {"--wrong-count", FailureKind::kWrongCount, "lines on stdout, got", 60},
      {"--exit 4", FailureKind::kCrash, "the model process exited with status 4", 60},
      {"--hang", FailureKind::kTimeout, "no complete answer within 2 s", 2},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.flags);
    const auto adapter =
        MakeAdapter(CmdModelSpec(c.flags), {.timeout_seconds = c.timeout_seconds, .retries = 0});
    const PredictOutcome outcome = adapter->Predict(batch);
    EXPECT_EQ(outcome.failure, c.failure);
    EXPECT_NE(outcome.detail.find(c.detail), std::string::npos) << outcome.detail;
  }
}

}  // namespace
}  // namespace airm::chaos
