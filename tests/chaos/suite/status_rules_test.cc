// The status rules of docs/chaos.md, one rule per test.
#include "status_rules.h"

#include <gtest/gtest.h>

namespace airm::chaos::internal {
namespace {

MetricChange Change(const std::string& metric, double baseline, double perturbed) {
  MetricChange m;
  m.metric = metric;
  m.baseline = baseline;
  m.perturbed = perturbed;
  m.delta = perturbed - baseline;
  return m;
}

ChaosCase Answered(double auc_delta, double accuracy_delta, double changed_share) {
  ChaosCase c;
  c.family = Family::kMissing;
  c.rows_sent = 100;
  c.primary.answered = true;
  c.metrics = {Change("roc_auc", 0.85, 0.85 + auc_delta),
               Change("accuracy", 0.80, 0.80 + accuracy_delta),
               Change("log_loss", 0.4, 0.9)};  // log loss never decides a status
  c.changed_share = changed_share;
  return c;
}

ChaosCase Failed(FailureKind kind, int http_status = 0) {
  ChaosCase c;
  c.family = Family::kTypes;
  c.rows_sent = 100;
  c.primary.failure = kind;
  c.primary.http_status = http_status;
  c.primary.detail = "boom";
  return c;
}

const StatusThresholds kDefaults;

TEST(StatusRulesTest, SmallChangesAreHandled) {
  const Judgement j = JudgeCase(Answered(-0.005, 0.0, 0.01), false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kHandled);
  EXPECT_NE(j.reason.find("ROC AUC fell by 0.005"), std::string::npos) << j.reason;
}

TEST(StatusRulesTest, DropsAboveTheThresholdsDegradeThenFail) {
  EXPECT_EQ(JudgeCase(Answered(-0.02, 0.0, 0.0), false, true, kDefaults).status,
            CaseStatus::kDegraded);
  EXPECT_EQ(JudgeCase(Answered(0.0, -0.011, 0.0), false, true, kDefaults).status,
            CaseStatus::kDegraded);
  const Judgement j = JudgeCase(Answered(-0.01, -0.08, 0.0), false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_EQ(j.reason, "accuracy fell by 0.080");
  EXPECT_EQ(JudgeCase(Answered(-0.049, 0.0, 0.0), false, true, kDefaults).status,
            CaseStatus::kDegraded);
  EXPECT_EQ(JudgeCase(Answered(-0.051, 0.0, 0.0), false, true, kDefaults).status,
            CaseStatus::kFailed);
}

TEST(StatusRulesTest, ManyChangedDecisionsDegrade) {
  const Judgement j = JudgeCase(Answered(0.0, 0.0, 0.2), false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kDegraded);
  EXPECT_EQ(j.reason, "20.0% of decisions changed");
}

TEST(StatusRulesTest, RmseIsJudgedRelativeToTheBaseline) {
  ChaosCase c;
  c.rows_sent = 10;
  c.primary.answered = true;
  c.metrics = {Change("rmse", 100.0, 103.0)};
  EXPECT_EQ(JudgeCase(c, false, true, kDefaults).status, CaseStatus::kDegraded);
  c.metrics = {Change("rmse", 100.0, 106.0)};
  const Judgement j = JudgeCase(c, false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_EQ(j.reason, "RMSE rose by 6.0%");
  c.metrics = {Change("rmse", 100.0, 90.0)};
  EXPECT_EQ(JudgeCase(c, false, true, kDefaults).status, CaseStatus::kHandled);
}

TEST(StatusRulesTest, ErrorsFailButCleanRejectionsDegrade) {
  for (FailureKind kind : {FailureKind::kTimeout, FailureKind::kCrash, FailureKind::kMalformed,
                           FailureKind::kWrongCount, FailureKind::kConnectionRefused}) {
    EXPECT_EQ(JudgeCase(Failed(kind), false, true, kDefaults).status, CaseStatus::kFailed)
        << FailureKindName(kind);
  }
  EXPECT_EQ(JudgeCase(Failed(FailureKind::kHttpStatus, 500), false, true, kDefaults).status,
            CaseStatus::kFailed);
  const Judgement rejected =
      JudgeCase(Failed(FailureKind::kHttpStatus, 400), false, true, kDefaults);
  EXPECT_EQ(rejected.status, CaseStatus::kDegraded);
  EXPECT_NE(rejected.reason.find("rejected cleanly (http_status 400: boom)"), std::string::npos)
      << rejected.reason;
  EXPECT_EQ(JudgeCase(Failed(FailureKind::kRejectedInput), false, true, kDefaults).status,
            CaseStatus::kDegraded);
  // The upstream family injects its faults: a 4xx there is no clean rejection.
  ChaosCase upstream = Failed(FailureKind::kHttpStatus, 404);
  upstream.family = Family::kUpstream;
  EXPECT_EQ(JudgeCase(upstream, false, true, kDefaults).status, CaseStatus::kFailed);
}

TEST(StatusRulesTest, InvalidScoresFail) {
  ChaosCase c = Answered(0, 0, 0);
  c.primary.invalid_output = true;
  c.primary.detail = "3 scores are not finite";
  const Judgement j = JudgeCase(c, false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_EQ(j.reason, "invalid output: 3 scores are not finite");
}

TEST(StatusRulesTest, ChangedScoresFailInvariantCases) {
  ChaosCase c = Answered(0, 0, 0);
  c.inconsistent_rows = 4;
  const Judgement j = JudgeCase(c, true, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_EQ(j.reason, "4 rows scored differently although their input meant the same");
  c.inconsistent_rows = 0;
  EXPECT_EQ(JudgeCase(c, true, true, kDefaults).status, CaseStatus::kHandled);
}

TEST(StatusRulesTest, FallbackThatServesWellDegrades) {
  ChaosCase c = Failed(FailureKind::kTimeout);
  c.fallback_used = true;
  c.fallback.answered = true;
  c.fallback_metrics = {Change("roc_auc", 0.85, 0.83), Change("accuracy", 0.80, 0.79)};
  Judgement j = JudgeCase(c, false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kDegraded);
  EXPECT_NE(j.reason.find("the fallback served (ROC AUC fell by 0.020"), std::string::npos)
      << j.reason;
  // A constant fallback loses all ranking: failed.
  c.fallback_metrics = {Change("roc_auc", 0.85, 0.5), Change("accuracy", 0.80, 0.79)};
  j = JudgeCase(c, false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_NE(j.reason.find("its ROC AUC fell by 0.350"), std::string::npos) << j.reason;
  // A fallback that fails too.
  c.fallback.answered = false;
  c.fallback.failure = FailureKind::kConnectionRefused;
  j = JudgeCase(c, false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_NE(j.reason.find("the fallback failed too (connection_refused"), std::string::npos)
      << j.reason;
}

TEST(StatusRulesTest, WithoutBaselineOrMetricsNothingIsInvented) {
  ChaosCase c = Answered(0, 0, 0);
  c.metrics.clear();
  c.changed_share.reset();
  Judgement j = JudgeCase(c, false, false, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kHandled);
  EXPECT_NE(j.reason.find("insufficient evidence"), std::string::npos);
  // Single-class labels: ROC AUC undefined, accuracy still judged.
  c = Answered(0, -0.2, 0);
  c.metrics[0].delta.reset();
  j = JudgeCase(c, false, true, kDefaults);
  EXPECT_EQ(j.status, CaseStatus::kFailed);
  EXPECT_EQ(j.reason, "accuracy fell by 0.200");
}

TEST(StatusRulesTest, DescribeFailureKeepsOneLine) {
  ServiceAnswer a;
  a.failure = FailureKind::kRejectedInput;
  a.detail = "first line\nStack trace:\n  [bt] (0) ...";
  EXPECT_EQ(DescribeFailure(a), "rejected_input: first line");
  a.detail = std::string(500, 'x');
  EXPECT_LE(DescribeFailure(a).size(), 200u);
}

}  // namespace
}  // namespace airm::chaos::internal
