// TracePrediction on a real store: the walk through three levels of
// preprocessing, digests joining names, as-of semantics, cycles, quality
// checks placed relative to training, and files that no longer verify.
#include "airm/lineage/trace.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline.h"

namespace airm::testing {
namespace {

using lineage::FileState;
using lineage::TracedData;
using lineage::TracedRun;
using lineage::TraceOptions;
using lineage::TraceResult;
using lineage::TraceSide;

const TracedData* FindData(const TraceResult& t, const std::string& name) {
  for (const TracedData& d : t.data) {
    for (const auto& r : d.node.registrations) {
      if (r.name == name) return &d;
    }
  }
  return nullptr;
}

const TracedRun* FindRun(const TraceResult& t, const std::string& uuid) {
  for (const TracedRun& r : t.runs) {
    if (r.run.uuid == uuid) return &r;
  }
  return nullptr;
}

bool HasFinding(const TraceResult& t, const std::string& code) {
  for (const Finding& f : t.findings) {
    if (f.code == code) return true;
  }
  return false;
}

class TraceTest : public PipelineTest {
 protected:
  void SetUp() override {
    PipelineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Build();
  }
  TraceResult Trace(const std::string& id, TraceOptions options = {}) {
    auto t = lineage::TracePrediction(db(), id, options);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? std::move(t).value() : TraceResult{};
  }
};

TEST_P(TraceTest, WalksThroughThreeLevelsOfPreprocessingToTheSources) {
  TraceResult t = Trace("p3");
  EXPECT_EQ(t.prediction.id, "p3");
  EXPECT_EQ(t.prediction.batch.id, batch);
  EXPECT_EQ(t.model.Reference(), "credit@1");
  ASSERT_TRUE(t.model.training_run_uuid.has_value());
  EXPECT_EQ(*t.model.training_run_uuid, RunUuid(training_run));
  ASSERT_FALSE(t.runs.empty());
  EXPECT_EQ(t.runs[0].role, "training");
  for (int64_t run : {clean_run, join_run, features_run}) {
    const TracedRun* r = FindRun(t, RunUuid(run));
    ASSERT_NE(r, nullptr) << run;
    EXPECT_EQ(r->role, "upstream");
  }
  // Sources have no producer; everything between has one.
  for (const char* source : {"raw", "lookup", "holdout", "new_raw"}) {
    const TracedData* d = FindData(t, source);
    ASSERT_NE(d, nullptr) << source;
    EXPECT_TRUE(d->node.IsSource()) << source;
  }
  const TracedData* joined_node = FindData(t, "joined");
  ASSERT_NE(joined_node, nullptr);
  ASSERT_EQ(joined_node->node.produced_by.size(), 1u);
  EXPECT_EQ(joined_node->node.produced_by[0], RunUuid(join_run));
  EXPECT_EQ(FindData(t, "raw")->node.depth, 3);  // training_set (0) → joined → clean → raw
  EXPECT_EQ(FindData(t, "raw")->side, TraceSide::kTraining);
  // Column lineage of the features.
  const TracedData* f = FindData(t, "features");
  ASSERT_EQ(f->node.columns.size(), 2u);  // by output column
  EXPECT_EQ(f->node.columns[0].output_column, "a");
  EXPECT_EQ(f->node.columns[1].output_column, "b");
  EXPECT_EQ(f->node.columns[1].input_dataset.value_or(""), "joined@1");
  EXPECT_EQ(f->node.columns[1].description.value_or(""), "2 * b");
}

TEST_P(TraceTest, SameBytesUnderAnotherNameAreOneNode) {
  TraceResult t = Trace("p0");
  const TracedData* d = FindData(t, "training_set");
  ASSERT_NE(d, nullptr);
  // "features" and "training_set" are the same digest: one node, two names,
  // produced by the features run although the training run read "training_set".
  EXPECT_EQ(FindData(t, "features"), d);
  ASSERT_EQ(d->node.registrations.size(), 2u);
  EXPECT_EQ(d->node.registrations[0].name, "features");
  ASSERT_EQ(d->node.produced_by.size(), 1u);
  EXPECT_EQ(d->node.produced_by[0], RunUuid(features_run));
}

TEST_P(TraceTest, InferenceSideHasItsPreprocessingRun) {
  TraceResult t = Trace("p1");
  EXPECT_EQ(t.prediction.batch.input_dataset.value_or(""), "scoring@1");
  EXPECT_EQ(t.prediction.batch.preprocessing_run_uuid.value_or(""), RunUuid(scoring_run));
  const TracedRun* r = FindRun(t, RunUuid(scoring_run));
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->role, "inference_preprocessing");
  ASSERT_NE(FindData(t, "new_raw"), nullptr);
  EXPECT_EQ(FindData(t, "new_raw")->side, TraceSide::kInference);
  EXPECT_EQ(FindData(t, "scoring")->side, TraceSide::kInference);
}

TEST_P(TraceTest, DeploymentIsTheOneInForceWhenThePredictionWasMade) {
  // credit@2 replaced credit@1 on 2026-03-01, after the prediction.
  TraceResult t = Trace("p2");
  ASSERT_TRUE(t.deployment.has_value());
  EXPECT_EQ(t.deployment->id, deploy_v1);
  EXPECT_EQ(t.deployment->model, "credit@1");
  EXPECT_EQ(t.deployment->valid_to.value_or(""), "2026-03-01T00:00:00Z");
  EXPECT_EQ(t.deployment_basis, "recorded environment");
  EXPECT_FALSE(HasFinding(t, "lineage.deployment_mismatch"));
  EXPECT_EQ(t.as_of, "2026-02-02T00:00:00Z");
  EXPECT_FALSE(t.as_of_given);
}

TEST_P(TraceTest, RunsStartedAfterTheAsOfTimeAreLeftOut) {
  // A rerun writes the same joined bytes again, after the prediction.
  const int64_t rerun = Run({.job = "join",
                             .inputs = {{clean, "input"}, {lookup, "reference"}},
                             .outputs = {joined},
                             .started_at = "2026-02-10T00:00:00Z"});
  TraceResult at_prediction = Trace("p0");
  EXPECT_EQ(FindRun(at_prediction, RunUuid(rerun)), nullptr);
  EXPECT_EQ(FindData(at_prediction, "joined")->node.produced_by.size(), 1u);

  TraceResult later = Trace("p0", {.as_of = "2026-02-11T00:00:00Z"});
  EXPECT_TRUE(later.as_of_given);
  ASSERT_NE(FindRun(later, RunUuid(rerun)), nullptr);
  EXPECT_EQ(FindData(later, "joined")->node.produced_by.size(), 2u);
  // The deployment is still the one in force at the prediction's time.
  EXPECT_EQ(later.deployment->id, deploy_v1);

  // As of before the features run, features has no producer and no checks.
  TraceResult early = Trace("p0", {.as_of = "2026-01-03T12:00:00Z"});
  EXPECT_TRUE(FindData(early, "features")->node.produced_by.empty());
  EXPECT_TRUE(FindData(early, "features")->node.quality_checks.empty());
  EXPECT_TRUE(HasFinding(early, "lineage.as_of_before_prediction"));
}

TEST_P(TraceTest, QualityChecksArePlacedRelativeToTraining) {
  TraceResult t = Trace("p0");
  EXPECT_EQ(t.reference_kind, "training run start");
  EXPECT_EQ(t.reference_time, "2026-01-10T00:00:00Z");
  const TracedData* f = FindData(t, "features");
  ASSERT_EQ(f->node.quality_checks.size(), 4u);
  EXPECT_EQ(f->node.quality_checks[0].check_name, "missing_values");
  EXPECT_EQ(f->node.quality_checks[0].seconds_from_reference.value_or(0), -5 * 86400);
  EXPECT_EQ(f->node.quality_checks[1].seconds_from_reference.value_or(0), -3 * 86400);
  EXPECT_EQ(f->node.quality_checks[3].seconds_from_reference.value_or(0), 1 * 86400);
  // The failed run of missing_values was followed by a pass before training.
  EXPECT_FALSE(HasFinding(t, "lineage.check_failed"));
  // holdout was never checked.
  EXPECT_TRUE(HasFinding(t, "lineage.unchecked_training_data"));
}

TEST_P(TraceTest, AFailedLastCheckBeforeTrainingIsAFinding) {
  Check(holdout, "schema", "fail", "2026-01-09T12:00:00Z");
  TraceResult t = Trace("p0");
  ASSERT_TRUE(HasFinding(t, "lineage.check_failed"));
}

TEST_P(TraceTest, ChangedAndMissingFilesAreReported) {
  std::ofstream(Path("raw.csv"), std::ios::binary) << "a,b\n1,2\n";  // edited after registration
  std::filesystem::remove(Path("lookup.csv"));
  TraceResult t = Trace("p0");
  EXPECT_TRUE(t.files_verified);
  const TracedData* raw_node = FindData(t, "raw");
  ASSERT_EQ(raw_node->node.files.size(), 1u);
  EXPECT_EQ(raw_node->node.files[0].state, FileState::kChanged);
  EXPECT_NE(raw_node->node.files[0].actual_digest.value_or(""), raw_node->node.digest);
  EXPECT_EQ(FindData(t, "lookup")->node.files[0].state, FileState::kMissing);
  EXPECT_EQ(FindData(t, "clean")->node.files[0].state, FileState::kOk);
  ASSERT_TRUE(t.model.file.has_value());
  EXPECT_EQ(t.model.file->state, FileState::kOk);
  ASSERT_FALSE(t.findings.empty());
  EXPECT_EQ(t.findings[0].code, "lineage.file_changed");  // most severe first
  EXPECT_EQ(t.findings[0].severity, Severity::kFail);
  EXPECT_TRUE(HasFinding(t, "lineage.file_missing"));

  TraceResult quick = Trace("p0", {.as_of = std::nullopt, .verify_files = false});
  EXPECT_FALSE(quick.files_verified);
  EXPECT_TRUE(FindData(quick, "raw")->node.files.empty());
  EXPECT_FALSE(HasFinding(quick, "lineage.file_changed"));
}

TEST_P(TraceTest, ChangedModelArtifactIsAFailure) {
  std::ofstream(Path("credit-1.model"), std::ios::binary) << "tampered";
  TraceResult t = Trace("p0");
  EXPECT_EQ(t.model.file->state, FileState::kChanged);
  EXPECT_TRUE(HasFinding(t, "lineage.artifact_changed"));
}

TEST_P(TraceTest, UnknownPredictionIsNotFound) {
  auto t = lineage::TracePrediction(db(), "no-such-id", {});
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kNotFound);
  EXPECT_NE(t.status().message().find("no-such-id"), std::string::npos);
}

TEST_P(TraceTest, NoDeploymentInForceIsAFinding) {
  const int64_t m = Model("shadow", "1", "shadow model", std::nullopt, {{holdout, "train"}},
                          "2026-01-20T00:00:00Z");
  Predict(m, std::nullopt, std::nullopt, std::nullopt, "s", 1, "2026-01-21T00:00:00Z");
  TraceResult t = Trace("s0");
  EXPECT_FALSE(t.deployment.has_value());
  EXPECT_EQ(t.deployment_basis, "none in force");
  EXPECT_TRUE(HasFinding(t, "lineage.no_deployment"));
  EXPECT_EQ(t.reference_kind, "model registration");
}

TEST_P(TraceTest, DeploymentServingAnotherVersionIsAMismatch) {
  // Logged against credit@2 while production served credit@1.
  Predict(model_v2, deploy_v1, std::nullopt, std::nullopt, "m", 1, "2026-02-25T00:00:00Z");
  TraceResult t = Trace("m0");
  ASSERT_TRUE(t.deployment.has_value());
  EXPECT_EQ(t.deployment->model, "credit@1");
  EXPECT_TRUE(HasFinding(t, "lineage.deployment_mismatch"));
}

class TraceCycleTest : public LineageStore {};

TEST_P(TraceCycleTest, CyclesEnd) {
  // a → run1 → b → run2 → a: impossible in time, possible in bad records.
  const int64_t a = Data("a", "a,b\n1,1\n", "2026-01-01T00:00:00Z");
  const int64_t b = Data("b", "a,b\n2,2\n", "2026-01-01T00:00:00Z");
  const int64_t run1 = Run({.job = "one",
                            .inputs = {{a, "input"}},
                            .outputs = {b},
                            .started_at = "2026-01-02T00:00:00Z"});
  const int64_t run2 = Run({.job = "two",
                            .inputs = {{b, "input"}},
                            .outputs = {a},
                            .started_at = "2026-01-03T00:00:00Z"});
  const int64_t self = Run({.job = "self",
                            .inputs = {{a, "input"}},
                            .outputs = {a},
                            .started_at = "2026-01-03T00:00:00Z"});
  const int64_t m = Model("m", "1", "m", std::nullopt, {{a, "train"}}, "2026-01-04T00:00:00Z");
  Predict(m, std::nullopt, std::nullopt, std::nullopt, "c", 1, "2026-01-05T00:00:00Z");
  auto t = lineage::TracePrediction(db(), "c0", {});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->data.size(), 2u);
  EXPECT_EQ(t->runs.size(), 3u);
  for (int64_t run : {run1, run2, self}) EXPECT_NE(FindRun(*t, RunUuid(run)), nullptr);
}

AIRM_INSTANTIATE_STORE_BACKENDS(TraceTest);
AIRM_INSTANTIATE_STORE_BACKENDS(TraceCycleTest);

}  // namespace
}  // namespace airm::testing
