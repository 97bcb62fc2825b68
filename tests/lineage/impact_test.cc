// Impact on a real store: everything downstream of a dataset version, with
// the counts a reviewer reads first.
#include "airm/lineage/impact.h"

#include <gtest/gtest.h>

#include "pipeline.h"

namespace airm::testing {
namespace {

using lineage::ImpactModel;
using lineage::ImpactResult;

class ImpactTest : public PipelineTest {
 protected:
  void SetUp() override {
    PipelineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Build();
  }
  ImpactResult ImpactOf(int64_t dataset_version) {
    auto r = lineage::Impact(db(), dataset_version);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : ImpactResult{};
  }
};

const ImpactModel* FindModel(const ImpactResult& r, const std::string& ref) {
  for (const ImpactModel& m : r.models) {
    if (m.Reference() == ref) return &m;
  }
  return nullptr;
}

TEST_P(ImpactTest, SourceReachesEverythingBuiltFromIt) {
  ImpactResult r = ImpactOf(raw);
  EXPECT_EQ(r.start.Label(), "raw@1");
  // clean, join, features, train; not the inference-side clean run.
  EXPECT_EQ(r.totals.runs, 4);
  EXPECT_EQ(r.totals.datasets, 3);  // clean, joined, features (= training_set)
  EXPECT_EQ(r.totals.model_versions, 2);
  const ImpactModel* v1 = FindModel(r, "credit@1");
  const ImpactModel* v2 = FindModel(r, "credit@2");
  ASSERT_NE(v1, nullptr);
  ASSERT_NE(v2, nullptr);
  EXPECT_EQ(v1->predictions, 5);
  EXPECT_EQ(v1->prediction_batches, 1);
  EXPECT_EQ(v2->predictions, 0);
  ASSERT_EQ(v1->deployments.size(), 1u);
  EXPECT_FALSE(v1->deployments[0].current());
  ASSERT_EQ(v2->deployments.size(), 1u);
  EXPECT_TRUE(v2->deployments[0].current());
  EXPECT_EQ(r.totals.deployments, 2);
  EXPECT_EQ(r.totals.current_deployments, 1);
  EXPECT_EQ(r.totals.predictions, 5);
  // credit@1 via its data (train: training_set@1) and its training run.
  bool via_run = false, via_data = false;
  for (const auto& link : v1->via) {
    via_run = via_run || link.run_uuid == RunUuid(training_run);
    via_data = via_data || (link.role == "train" && link.dataset == "training_set@1");
  }
  EXPECT_TRUE(via_run);
  EXPECT_TRUE(via_data);
  // No batch's input came from raw's descendants.
  EXPECT_TRUE(r.batches.empty());
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].code, "lineage.affects_serving_model");
}

TEST_P(ImpactTest, InferenceSourceReachesItsBatches) {
  ImpactResult r = ImpactOf(new_raw);
  EXPECT_EQ(r.totals.runs, 1);
  EXPECT_EQ(r.totals.model_versions, 0);
  ASSERT_EQ(r.batches.size(), 1u);
  EXPECT_EQ(r.batches[0].id, batch);
  EXPECT_EQ(r.batches[0].row_count, 5);
  EXPECT_EQ(r.batches[0].model, "credit@1");
  EXPECT_EQ(r.batches[0].input_dataset.value_or(""), "scoring@1");
}

TEST_P(ImpactTest, AnotherNameForTheSameBytesHasTheSameImpact) {
  ImpactResult by_features = ImpactOf(features);
  ImpactResult by_alias = ImpactOf(training_set);
  EXPECT_EQ(by_features.totals.runs, by_alias.totals.runs);
  EXPECT_EQ(by_features.totals.model_versions, 2);
  EXPECT_EQ(by_alias.totals.model_versions, 2);
  EXPECT_EQ(by_alias.totals.runs, 1);  // the training run
}

TEST_P(ImpactTest, LeafHasNoImpactAndUnknownIdIsNotFound) {
  ImpactResult r = ImpactOf(holdout);
  EXPECT_EQ(r.totals.runs, 1);
  EXPECT_EQ(r.totals.datasets, 0);
  auto missing = lineage::Impact(db(), 987654);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

class ImpactCycleTest : public LineageStore {};

TEST_P(ImpactCycleTest, CyclesEnd) {
  const int64_t a = Data("a", "a,b\n1,1\n", "2026-01-01T00:00:00Z");
  const int64_t b = Data("b", "a,b\n2,2\n", "2026-01-01T00:00:00Z");
  Run({.job = "one",
       .inputs = {{a, "input"}},
       .outputs = {b},
       .started_at = "2026-01-02T00:00:00Z"});
  Run({.job = "two",
       .inputs = {{b, "input"}},
       .outputs = {a},
       .started_at = "2026-01-03T00:00:00Z"});
  auto r = lineage::Impact(db(), a);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->totals.runs, 2);
  EXPECT_EQ(r->totals.datasets, 1);
}

AIRM_INSTANTIATE_STORE_BACKENDS(ImpactTest);
AIRM_INSTANTIATE_STORE_BACKENDS(ImpactCycleTest);

}  // namespace
}  // namespace airm::testing
