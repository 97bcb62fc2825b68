// RunChaos end to end on real models: the credit XGBoost model in-process
// (exact statuses per failure mode, baseline metrics against the model's
// meta, computed by python3-xgboost), and a cmd: model process.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "airm/chaos/chaos.h"
#include "airm/reader.h"
#include "suite_test_data.h"

namespace airm::chaos {
namespace {

const ChaosCase* Find(const ChaosResult& r, const std::string& name) {
  for (const ChaosCase& c : r.cases) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

std::string CreditSpec() {
  return "xgboost:" + testing::SourcePath("examples/credit/model.json") + ":" +
         testing::SourcePath("examples/credit/model_meta.json");
}

ChaosOptions CreditOptions() {
  ChaosOptions o;
  o.target = "Status";
  o.positive_label = "bad";
  o.threshold = 0.30419373892498525;  // the meta's threshold
  o.feature_columns = {"Seniority", "Home",   "Time",   "Age",  "Marital", "Records", "Job",
                       "Expenses",  "Income", "Assets", "Debt", "Amount",  "Price"};
  o.bootstrap = 50;
  return o;
}

class CreditRun : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    AdapterOptions adapter_options;
    adapter_options.max_batch_rows = 100000;
    auto model = MakeModelAdapter(CreditSpec(), adapter_options);
    ASSERT_TRUE(model.ok()) << model.status().ToString();
    model_ = std::move(model).value().release();
    ChaosTargets targets;
    targets.model = model_;
    targets.model_spec = CreditSpec();
    const Table table = testing::CreditTable();
    auto result = RunChaos(table, targets, CreditOptions());
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    result_ = new ChaosResult(std::move(result).value());
  }
  static void TearDownTestSuite() {
    delete result_;
    delete model_;
  }
  static ModelAdapter* model_;
  static ChaosResult* result_;
};
ModelAdapter* CreditRun::model_ = nullptr;
ChaosResult* CreditRun::result_ = nullptr;

TEST_F(CreditRun, BaselineMatchesThePythonMetricsOfTheModelMeta) {
  ASSERT_NE(result_, nullptr);
  const ChaosResult& r = *result_;
  EXPECT_EQ(r.task, "binary");
  EXPECT_EQ(r.rows_used, 1068u);
  ASSERT_TRUE(r.baseline.answered);
  // examples/credit/model_meta.json, metrics.current (python3-xgboost 1.7.4,
  // scikit-learn): scores are float32, so agreement is to ~1e-7.
  EXPECT_NEAR(*r.baseline_metrics.at("roc_auc").value, 0.8529642010832769, 1e-6);
  EXPECT_NEAR(*r.baseline_metrics.at("accuracy").value, 0.8258426966292135, 1e-9);
  EXPECT_NEAR(*r.baseline_metrics.at("log_loss").value, 0.36461069182698597, 1e-6);
  EXPECT_EQ(r.baseline_metrics.at("roc_auc").ci_method, "delong");
}

TEST_F(CreditRun, EachFailureModeGetsItsExactStatus) {
  ASSERT_NE(result_, nullptr);
  // The in-process adapter reads columns by name, treats null / NaN / absent
  // as missing, rejects strings and values that overflow float32 (±1e308,
  // ±Inf), maps unseen categories to all-zero dummies.
  const std::map<std::string, CaseStatus> expected = {
      {"baseline", CaseStatus::kHandled},         {"repeat", CaseStatus::kHandled},
      {"shuffled_columns", CaseStatus::kHandled}, {"extra_columns", CaseStatus::kHandled},
      {"duplicated_rows", CaseStatus::kHandled},  {"empty_batch", CaseStatus::kHandled},
      {"batch_100x", CaseStatus::kHandled},       {"null:Income", CaseStatus::kFailed},
      {"absent:Income", CaseStatus::kFailed},     {"null:Time", CaseStatus::kHandled},
      {"mcar:90%", CaseStatus::kFailed},          {"keep_top:1", CaseStatus::kFailed},
      {"string:Income", CaseStatus::kDegraded},   {"huge:Income", CaseStatus::kDegraded},
      {"inf:Income", CaseStatus::kDegraded},      {"zero:Time", CaseStatus::kHandled},
      {"unseen:Home", CaseStatus::kHandled},      {"unseen:Records", CaseStatus::kDegraded},
  };
  for (const auto& [name, status] : expected) {
    const ChaosCase* c = Find(*result_, name);
    ASSERT_NE(c, nullptr) << name;
    EXPECT_EQ(CaseStatusName(c->status), std::string(CaseStatusName(status)))
        << name << ": " << c->reason;
  }
  EXPECT_EQ(Find(*result_, "string:Income")->primary.failure, FailureKind::kRejectedInput);
  EXPECT_EQ(Find(*result_, "inf:Income")->primary.failure, FailureKind::kRejectedInput);
  // Absent and null are the same input to this model: the same answers.
  EXPECT_EQ(Find(*result_, "null:Income")->metrics[0].delta,
            Find(*result_, "absent:Income")->metrics[0].delta);
  EXPECT_EQ(*Find(*result_, "batch_100x")->inconsistent_rows, 0u);
  EXPECT_EQ(Find(*result_, "batch_100x")->rows_sent, 10000u);
  // Upstream probes do not apply to an in-process model.
  ASSERT_EQ(result_->skipped.size(), 1u);
  EXPECT_EQ(result_->skipped[0].family, Family::kUpstream);
}

TEST_F(CreditRun, MetricChangesCarryPairedIntervalsAroundTheDelta) {
  ASSERT_NE(result_, nullptr);
  size_t checked = 0;
  for (const ChaosCase& c : result_->cases) {
    for (const MetricChange& m : c.metrics) {
      if (!m.delta || !m.ci_low) continue;
      ++checked;
      EXPECT_LE(*m.ci_low, *m.ci_high) << c.name;
      EXPECT_NEAR(*m.delta, *m.perturbed - *m.baseline, 1e-12) << c.name;
    }
  }
  EXPECT_GT(checked, 50u);
  // Unchanged scores: an exact zero interval.
  const ChaosCase* repeat = Find(*result_, "repeat");
  EXPECT_EQ(*repeat->metrics[0].delta, 0.0);
  EXPECT_EQ(*repeat->metrics[0].ci_low, 0.0);
  EXPECT_EQ(*repeat->changed_share, 0.0);
}

TEST_F(CreditRun, ImportanceRanksFeaturesAndFindingsListEveryProblem) {
  ASSERT_NE(result_, nullptr);
  ASSERT_EQ(result_->importance.size(), 13u);
  EXPECT_EQ(result_->importance[0].method, "null_one");
  for (size_t i = 1; i < result_->importance.size(); ++i) {
    EXPECT_GE(*result_->importance[i - 1].value, *result_->importance[i].value);
  }
  const ChaosSummary& s = result_->summary;
  EXPECT_EQ(s.cases, result_->cases.size());
  EXPECT_EQ(s.handled + s.degraded + s.failed, s.cases);
  EXPECT_EQ(s.verdict, CaseStatus::kFailed);
  EXPECT_EQ(result_->findings.size(), s.degraded + s.failed);
  EXPECT_EQ(result_->findings.front().severity, Severity::kFail);
  EXPECT_EQ(result_->findings.back().severity, Severity::kWarn);
}

TEST_F(CreditRun, SameInputsGiveTheSameResult) {
  ASSERT_NE(result_, nullptr);
  ChaosTargets targets;
  targets.model = model_;
  targets.model_spec = CreditSpec();
  ChaosOptions o = CreditOptions();
  o.families = {Family::kMissing};
  auto again = RunChaos(testing::CreditTable(), targets, o);
  ASSERT_TRUE(again.ok());
  for (const ChaosCase& c : again->cases) {
    const ChaosCase* first = Find(*result_, c.name);
    ASSERT_NE(first, nullptr) << c.name;
    EXPECT_EQ(c.status, first->status) << c.name;
    ASSERT_EQ(c.metrics.size(), first->metrics.size());
    for (size_t k = 0; k < c.metrics.size(); ++k) {
      EXPECT_EQ(c.metrics[k].delta, first->metrics[k].delta) << c.name;
      EXPECT_EQ(c.metrics[k].ci_low, first->metrics[k].ci_low) << c.name;
    }
  }
}

TEST(RunChaosTest, AnOversizedBatchShorterThanTheDataIsComparedOnItsRows) {
  auto model = MakeModelAdapter(CreditSpec(), AdapterOptions{});
  ASSERT_TRUE(model.ok());
  ChaosTargets targets;
  targets.model = model->get();
  ChaosOptions o = CreditOptions();
  o.families = {Family::kStructure};
  o.batch_rows = 250;
  o.big_batch_factor = 2;  // 500 of the 1,068 rows in one request
  auto r = RunChaos(testing::CreditTable(), targets, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ChaosCase* big = Find(*r, "batch_2x");
  ASSERT_NE(big, nullptr);
  EXPECT_EQ(big->rows_sent, 500u);
  EXPECT_EQ(big->rows_compared, 500u);
  EXPECT_EQ(big->status, CaseStatus::kHandled) << big->reason;
  ASSERT_TRUE(big->metrics[0].delta.has_value());
  EXPECT_EQ(*big->metrics[0].delta, 0.0);
  // The baseline on those 500 rows, not on all 1,068.
  EXPECT_NE(*big->metrics[0].baseline, *r->baseline_metrics.at("roc_auc").value);
  EXPECT_EQ(*big->metrics[0].ci_low, 0.0);
}

TEST(RunChaosTest, AConstantFallbackServesButLosesTheRanking) {
  auto model = MakeModelAdapter(CreditSpec(), AdapterOptions{});
  ASSERT_TRUE(model.ok());
  auto fallback = MakeFallbackAdapter("const:0.2", AdapterOptions{});
  ASSERT_TRUE(fallback.ok());
  ChaosTargets targets;
  targets.model = model->get();
  targets.fallback = fallback->get();
  ChaosOptions o = CreditOptions();
  o.families = {Family::kTypes};
  o.feature_columns = {"Income", "Seniority"};
  auto r = RunChaos(testing::CreditTable(), targets, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ChaosCase* c = Find(*r, "string:Income");
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->fallback_used);
  EXPECT_TRUE(c->fallback.answered);
  EXPECT_EQ(c->status, CaseStatus::kFailed) << c->reason;
  // The degraded service is measured: a constant ranks nothing.
  ASSERT_FALSE(c->fallback_metrics.empty());
  EXPECT_EQ(c->fallback_metrics[0].metric, "roc_auc");
  EXPECT_NEAR(*c->fallback_metrics[0].perturbed, 0.5, 1e-12);
  EXPECT_NE(c->reason.find("the fallback served, but its ROC AUC fell by"), std::string::npos);
  // A case the model answered never reaches the fallback.
  EXPECT_FALSE(Find(*r, "zero:Income")->fallback_used);
}

TEST(RunChaosTest, AFallbackThatFailsTooFails) {
  auto model = MakeModelAdapter(CreditSpec(), AdapterOptions{});
  auto fallback = MakeFallbackAdapter(CreditSpec(), AdapterOptions{});
  ASSERT_TRUE(model.ok() && fallback.ok());
  ChaosTargets targets;
  targets.model = model->get();
  targets.fallback = fallback->get();
  ChaosOptions o = CreditOptions();
  o.families = {Family::kTypes};
  o.feature_columns = {"Income"};
  auto r = RunChaos(testing::CreditTable(), targets, o);
  ASSERT_TRUE(r.ok());
  const ChaosCase* c = Find(*r, "string:Income");
  EXPECT_EQ(c->status, CaseStatus::kFailed);
  EXPECT_NE(c->reason.find("the fallback failed too (rejected_input"), std::string::npos)
      << c->reason;
}

TEST(RunChaosTest, InvalidScoresFromACommandModelFail) {
  // A real process that answers NaN for every row: a model bug the harness
  // must catch even though the transport worked.
  auto model = MakeModelAdapter("cmd:awk 'NR > 1 { print \"nan\" }'", AdapterOptions{});
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  ChaosTargets targets;
  targets.model = model->get();
  ChaosOptions o = CreditOptions();
  o.families = {Family::kDeterminism};
  o.batch_rows = 5000;
  auto r = RunChaos(testing::CreditTable(), targets, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  const ChaosCase* baseline = Find(*r, "baseline");
  EXPECT_EQ(baseline->status, CaseStatus::kFailed);
  EXPECT_TRUE(baseline->primary.invalid_output || !baseline->primary.answered) << baseline->reason;
  EXPECT_TRUE(r->baseline_metrics.empty());
  EXPECT_EQ(Find(*r, "repeat")->status, CaseStatus::kFailed);
}

TEST(RunChaosTest, BadOptionsAndColumnsAreUsageErrors) {
  auto model = MakeModelAdapter(CreditSpec(), AdapterOptions{});
  ChaosTargets targets;
  targets.model = model->get();
  ChaosOptions o = CreditOptions();
  o.feature_columns = {"Nope"};
  auto r = RunChaos(testing::CreditTable(), targets, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'Nope'"), std::string::npos);
  o = CreditOptions();
  o.thresholds.failed_drop = 0.001;  // below degraded_drop
  EXPECT_EQ(RunChaos(testing::CreditTable(), targets, o).status().code(),
            StatusCode::kInvalidArgument);
  o = CreditOptions();
  o.batch_rows = 0;
  EXPECT_EQ(RunChaos(testing::CreditTable(), targets, o).status().code(),
            StatusCode::kInvalidArgument);
}

// Writes `text` to a file in the test's temporary directory and reads it.
Table TableFromCsv(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  auto table = ReadTable(path);
  EXPECT_TRUE(table.ok()) << table.status().ToString();
  return std::move(table).value();
}

TEST(RunChaosTest, RegressionIsJudgedByRelativeRmse) {
  // y = 2x + a small deterministic wobble; the model, a real process,
  // predicts 2x (an empty x reads as 0 in awk).
  std::string csv = "x,z,y\n";
  for (int i = 1; i <= 60; ++i) {
    csv += std::to_string(i) + "," + std::to_string(i % 7) + "," +
           std::to_string(2 * i + (i % 3) - 1) + "\n";
  }
  const Table table = TableFromCsv("regression.csv", csv);
  auto model = MakeModelAdapter("cmd:awk -F, 'NR > 1 { print 2 * $1 }'", AdapterOptions{});
  ASSERT_TRUE(model.ok());
  ChaosTargets targets;
  targets.model = model->get();
  ChaosOptions o;
  o.target = "y";
  o.families = {Family::kMissing, Family::kDeterminism};
  o.keep_top_k = {};
  o.batch_rows = 1000;
  o.bootstrap = 50;
  auto r = RunChaos(table, targets, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->task, "regression");
  ASSERT_TRUE(r->baseline_metrics.count("rmse"));
  EXPECT_NEAR(*r->baseline_metrics.at("rmse").value, std::sqrt(40.0 / 60.0), 1e-12);
  const ChaosCase* null_x = Find(*r, "null:x");
  EXPECT_EQ(null_x->status, CaseStatus::kFailed);
  EXPECT_EQ(null_x->reason.rfind("RMSE rose by", 0), 0u) << null_x->reason;
  EXPECT_EQ(null_x->metrics[0].metric, "rmse");
  // The model ignores z: nulling it changes nothing.
  EXPECT_EQ(Find(*r, "null:z")->status, CaseStatus::kHandled);
  EXPECT_EQ(*Find(*r, "null:z")->changed_share, 0.0);
  EXPECT_EQ(Find(*r, "repeat")->status, CaseStatus::kHandled);
}

TEST(RunChaosTest, SingleClassTargetIsInsufficientEvidenceNotZero) {
  std::ifstream in(testing::SourcePath("examples/credit/current.csv"));
  std::string line, csv;
  std::getline(in, line);
  csv = line + "\n";
  int kept = 0;
  while (kept < 80 && std::getline(in, line)) {
    if (line.rfind("good,", 0) != 0) continue;
    csv += line + "\n";
    ++kept;
  }
  const Table table = TableFromCsv("all_good.csv", csv);
  auto model = MakeModelAdapter(CreditSpec(), AdapterOptions{});
  ChaosTargets targets;
  targets.model = model->get();
  ChaosOptions o = CreditOptions();
  o.families = {Family::kMissing};
  auto r = RunChaos(table, targets, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->baseline_metrics.at("roc_auc").value.has_value());
  EXPECT_TRUE(r->baseline_metrics.at("accuracy").value.has_value());
  const ChaosCase* c = Find(*r, "null:Income");
  ASSERT_EQ(c->metrics[0].metric, "roc_auc");
  EXPECT_FALSE(c->metrics[0].delta.has_value());
  EXPECT_NE(c->metrics[0].note.find("insufficient evidence"), std::string::npos);
  EXPECT_TRUE(c->metrics[1].delta.has_value());  // accuracy is still defined
  bool noted = false;
  for (const std::string& n : r->notes)
    noted = noted || n.find("single class") != std::string::npos;
  EXPECT_TRUE(noted);
}

TEST(SuiteListTest, ParsesFamiliesAndRejectsUnknownOnes) {
  auto f = ParseSuiteList("types, missing");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(*f, (std::vector<Family>{Family::kMissing, Family::kTypes}));
  EXPECT_EQ(ParseSuiteList("all")->size(), 8u);
  EXPECT_EQ(*ParseSuiteList("default"), DefaultFamilies());
  auto bad = ParseSuiteList("missing,chaos");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("unknown family 'chaos'"), std::string::npos);
  EXPECT_FALSE(ParseSuiteList(" , ").ok());
}

}  // namespace
}  // namespace airm::chaos
