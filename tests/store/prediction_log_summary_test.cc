// The serving side of the dashboard's system lineage, read from the store
// with bounded reads: the prediction log in a few numbers (by deployment,
// labels counted only while few) and a monitor's newest window.
#include "airm/store/prediction_log_summary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "airm/store/database.h"
#include "airm/store/deployments.h"
#include "airm/store/models.h"
#include "airm/store/monitor_windows.h"
#include "airm/store/prediction_labels.h"
#include "airm/store/predictions.h"
#include "store_backends.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

class PredictionLogSummaryTest : public testing::OpenStoreTest {
 protected:
  void SetUp() override {
    OpenStoreTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    version_id_ = Register("1");
  }

  int64_t Register(const std::string& version) {
    NewModelVersion m;
    m.name = "scorer";
    m.version = version;
    m.artifact_digest = "sha256:" + std::string(63, 'a') + version;
    m.registered_by = "cody";
    auto registered = RegisterModelVersion(*db_, m);
    EXPECT_TRUE(registered.ok()) << registered.status().ToString();
    return registered.ok() ? registered->version.id : 0;
  }

  // A batch of `ids` logged at `at`, through `deployment` when given; the ids
  // in `labelled` get a label.
  void Log(std::optional<int64_t> deployment, const std::string& at,
           const std::vector<std::string>& ids, const std::vector<std::string>& labelled = {}) {
    Status s = db_->WriteTransaction([&](Database& tx) -> Status {
      AIRM_ASSIGN_OR_RETURN(
          int64_t batch, CreatePredictionBatch(tx, {.model_version_id = version_id_,
                                                    .deployment_id = deployment,
                                                    .row_count = static_cast<int64_t>(ids.size()),
                                                    .logged_by = "cody",
                                                    .logged_at = at}));
      AIRM_ASSIGN_OR_RETURN(std::unique_ptr<PredictionWriter> writer,
                            PredictionWriter::Make(tx, batch));
      std::vector<PredictionRowView> rows;
      const std::string digest = "sha256:" + std::string(64, 'e');
      for (const std::string& id : ids) {
        rows.push_back({.prediction_id = id,
                        .predicted_at = at,
                        .input_digest = digest,
                        .features_json = std::nullopt,
                        .output = std::nullopt});
      }
      RejectedPrediction rejected;
      AIRM_RETURN_IF_ERROR(writer->AddRows(rows, &rejected));
      AIRM_ASSIGN_OR_RETURN(LabelWriter labels, LabelWriter::Make(tx, at));
      for (const std::string& id : labelled) AIRM_RETURN_IF_ERROR(labels.Attach(id, "1"));
      return Status::Ok();
    });
    ASSERT_TRUE(s.ok()) << s.ToString();
  }

  int64_t version_id_ = 0;
};

TEST_P(PredictionLogSummaryTest, CountsBatchesByDeploymentWithTheirLabels) {
  auto deployed = Deploy(*db_, version_id_, "production", "2026-01-01T00:00:00Z", "cody");
  ASSERT_TRUE(deployed.ok()) << deployed.status().ToString();
  Log(deployed->current.id, "2026-01-03T00:00:00Z", {"a", "b", "c"}, {"a", "c"});
  Log(deployed->current.id, "2026-01-05T00:00:00Z", {"d"});
  Log(std::nullopt, "2026-01-02T00:00:00Z", {"e", "f"}, {"f"});
  // Another version's log and labels are not this one's.
  const int64_t first = version_id_;
  version_id_ = Register("2");
  Log(std::nullopt, "2026-02-01T00:00:00Z", {"g"}, {"g"});
  version_id_ = first;

  auto summary = SummarizePredictionLog(*db_, version_id_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->batches, 3);
  EXPECT_EQ(summary->predictions, 6);
  EXPECT_EQ(summary->first_logged_at, "2026-01-02T00:00:00Z");
  EXPECT_EQ(summary->last_logged_at, "2026-01-05T00:00:00Z");
  EXPECT_EQ(summary->labelled, 3);
  ASSERT_EQ(summary->parts.size(), 2u);
  EXPECT_FALSE(summary->parts[0].deployment_id.has_value());  // without a deployment first
  EXPECT_EQ(summary->parts[0].predictions, 2);
  EXPECT_EQ(summary->parts[1].environment, "production");
  EXPECT_EQ(summary->parts[1].batches, 2);
  EXPECT_EQ(summary->parts[1].predictions, 4);
  EXPECT_EQ(summary->parts[1].first_logged_at, "2026-01-03T00:00:00Z");
  EXPECT_EQ(summary->parts[1].last_logged_at, "2026-01-05T00:00:00Z");
}

TEST_P(PredictionLogSummaryTest, NothingLoggedIsZeroWithoutTimes) {
  auto summary = SummarizePredictionLog(*db_, version_id_);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->batches, 0);
  EXPECT_EQ(summary->predictions, 0);
  EXPECT_FALSE(summary->first_logged_at.has_value());
  EXPECT_EQ(summary->labelled, 0);
  EXPECT_TRUE(summary->parts.empty());
}

// Past the limit the count would read every label per request: not counted.
TEST_P(PredictionLogSummaryTest, LabelsBeyondTheLimitAreNotCounted) {
  std::vector<std::string> ids;
  for (int64_t i = 0; i <= kLabelledCountLimit; ++i) ids.push_back("p" + std::to_string(i));
  Log(std::nullopt, "2026-01-03T00:00:00Z", ids, {ids.begin(), ids.end() - 1});
  auto at_limit = SummarizePredictionLog(*db_, version_id_);
  ASSERT_TRUE(at_limit.ok()) << at_limit.status().ToString();
  EXPECT_EQ(at_limit->labelled, kLabelledCountLimit);
  Log(std::nullopt, "2026-01-04T00:00:00Z", {"one-more"}, {"one-more"});
  auto past = SummarizePredictionLog(*db_, version_id_);
  ASSERT_TRUE(past.ok()) << past.status().ToString();
  EXPECT_FALSE(past->labelled.has_value());
  EXPECT_EQ(past->predictions, kLabelledCountLimit + 2);
}

TEST_P(PredictionLogSummaryTest, LatestWindowHeadIsTheNewestWindowsLatestVersion) {
  auto add = [&](const std::string& start, const std::string& end, int64_t rows) {
    MonitorWindowRecord w{.monitor = "m",
                          .schedule = "week-drift",
                          .label = start.substr(0, 10),
                          .window_start = start,
                          .window_end = end,
                          .status = "ok",
                          .row_count = rows,
                          .result_json = "{}"};
    ASSERT_TRUE(
        db_->WriteTransaction([&](Database& tx) { return InsertMonitorWindow(tx, &w).status(); })
            .ok());
  };
  auto none = LatestMonitorWindowHead(*db_, "m", "week-drift");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  add("2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z", 10);
  add("2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", 5);
  add("2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z", 12);  // recomputed: version 2
  auto head = LatestMonitorWindowHead(*db_, "m", "week-drift");
  ASSERT_TRUE(head.ok() && head->has_value()) << head.status().ToString();
  EXPECT_EQ((*head)->label, "2026-01-12");
  EXPECT_EQ((*head)->version, 2);
  EXPECT_EQ((*head)->row_count, 12);
  EXPECT_FALSE((*head)->result_json.has_value());  // the head only
  auto other = LatestMonitorWindowHead(*db_, "m", "month-drift");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->has_value());
}

AIRM_INSTANTIATE_STORE_BACKENDS(PredictionLogSummaryTest);

}  // namespace
}  // namespace airm::store
