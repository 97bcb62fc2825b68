// Repositories on a real store, SQLite and PostgreSQL alike: datasets (idempotence, references,
// ambiguity, not-found messages), runs, models, deployments, predictions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/store/database.h"
#include "airm/store/datasets.h"
#include "airm/store/deployments.h"
#include "airm/store/models.h"
#include "airm/store/predictions.h"
#include "airm/store/quality_checks.h"
#include "airm/store/reference.h"
#include "airm/store/runs.h"
#include "store_backends.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

using ::testing::HasSubstr;

std::string Digest(char fill) { return "sha256:" + std::string(64, fill); }

int64_t QueryInt(Database& db, const std::string& sql) {
  auto rows = db.Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
}

class RepositoriesTest : public ::testing::TestWithParam<airm::testing::StoreBackend> {
 protected:
  void SetUp() override {
    airm::testing::FreshStore fresh =
        airm::testing::OpenFreshStore(GetParam(), testing::FreshDir());
    AIRM_SKIP_IF_NO_STORE(fresh);
    ASSERT_NE(fresh.db, nullptr);
    db_ = std::move(fresh.db);
  }

  DatasetVersion Register(const std::string& name, const std::string& digest,
                          bool* created = nullptr) {
    NewDatasetVersion v;
    v.name = name;
    v.content.digest = digest;
    v.content.row_count = 10;
    v.registered_by = "tester";
    v.tags = {{"team", "risk"}};
    auto r = RegisterDatasetVersion(*db_, v);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (created) *created = r->created;
    return r->version;
  }

  Result<DatasetVersion> Resolve(const std::string& text) {
    AIRM_ASSIGN_OR_RETURN(Reference ref, ParseReference(text));
    return ResolveDatasetVersion(*db_, ref);
  }

  // A model version "credit@1" to log predictions of; its id.
  int64_t RegisterCreditModel() {
    NewModelVersion m;
    m.name = "credit";
    m.version = "1";
    m.artifact_digest = Digest('c');
    m.registered_by = "t";
    return RegisterModelVersion(*db_, m)->version.id;
  }

  std::unique_ptr<Database> db_;
};

TEST(Reference, ParsesNameAndVersion) {
  auto r = ParseReference("credit@3");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->name, "credit");
  EXPECT_EQ(r->version, "3");
  auto bare = ParseReference("predictions/credit");
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->is_latest());
  auto at_in_name = ParseReference("a@b@latest");
  ASSERT_TRUE(at_in_name.ok());
  EXPECT_EQ(at_in_name->name, "a@b");
  EXPECT_EQ(ParseReference("x@").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseReference("@1").status().code(), StatusCode::kInvalidArgument);
}

TEST(Reference, DigestPrefixNeedsFourHexDigits) {
  std::string hex;
  EXPECT_TRUE(IsDigestPrefix("ABCD", &hex));
  EXPECT_EQ(hex, "abcd");
  EXPECT_TRUE(IsDigestPrefix("sha256:0a1b2c", &hex));
  EXPECT_EQ(hex, "0a1b2c");
  EXPECT_FALSE(IsDigestPrefix("abc", &hex));
  EXPECT_FALSE(IsDigestPrefix("abcg", &hex));
}

TEST_P(RepositoriesTest, SameContentIsIdempotentNewContentIsNextVersion) {
  bool created = false;
  DatasetVersion v1 = Register("credit", Digest('a'), &created);
  EXPECT_TRUE(created);
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.tags.at("team"), "risk");
  DatasetVersion again = Register("credit", Digest('a'), &created);
  EXPECT_FALSE(created);
  EXPECT_EQ(again.id, v1.id);
  DatasetVersion v2 = Register("credit", Digest('b'), &created);
  EXPECT_TRUE(created);
  EXPECT_EQ(v2.version, 2);
  // The same bytes under another name are another dataset's version 1.
  DatasetVersion other = Register("copy", Digest('a'), &created);
  EXPECT_TRUE(created);
  EXPECT_EQ(other.version, 1);
  auto by_digest = FindDatasetVersionByDigest(*db_, Digest('a'));
  ASSERT_TRUE(by_digest.ok());
  ASSERT_TRUE(by_digest->has_value());
  EXPECT_EQ((*by_digest)->id, other.id);  // the newest registration
}

TEST_P(RepositoriesTest, RejectsMalformedDigest) {
  NewDatasetVersion v;
  v.name = "x";
  v.content.digest = "md5:abc";
  v.registered_by = "t";
  auto r = RegisterDatasetVersion(*db_, v);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("sha256:<64"));
}

TEST_P(RepositoriesTest, ResolvesNumbersLatestAndPrefixes) {
  Register("credit", "sha256:1234" + std::string(60, '0'));
  Register("credit", "sha256:1299" + std::string(60, '0'));
  Register("credit", "sha256:abcd" + std::string(60, '0'));
  EXPECT_EQ(Resolve("credit@2")->version, 2);
  EXPECT_EQ(Resolve("credit")->version, 3);
  EXPECT_EQ(Resolve("credit@latest")->version, 3);
  EXPECT_EQ(Resolve("credit@abcd")->version, 3);
  EXPECT_EQ(Resolve("credit@sha256:1299")->version, 2);
  // "1234" is no version number here, so it is read as a digest prefix.
  EXPECT_EQ(Resolve("credit@1234")->version, 1);
}

TEST_P(RepositoriesTest, AmbiguousPrefixListsCandidates) {
  Register("other", "sha256:abcd1" + std::string(59, '0'));
  Register("other", "sha256:abcd2" + std::string(59, '0'));
  auto r = Resolve("other@abcd");
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("ambiguous"));
  EXPECT_THAT(r.status().message(), HasSubstr("other@1"));
  EXPECT_THAT(r.status().message(), HasSubstr("other@2"));
  EXPECT_EQ(Resolve("other@abcd2")->version, 2);
  // Fewer than 4 digits is never a prefix: "ab" is neither a version nor a digest.
  EXPECT_EQ(Resolve("other@ab").status().code(), StatusCode::kNotFound);
}

TEST_P(RepositoriesTest, UnknownNamesAndVersionsSayWhatExists) {
  auto r = Resolve("nothing");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("no datasets yet"));
  Register("credit", Digest('a'));
  Register("credit", Digest('b'));
  Register("credit", Digest('c'));
  r = Resolve("credit@7");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("dataset 'credit' has versions 1..3"));
  r = Resolve("credt@1");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(r.status().message(), HasSubstr("(datasets: credit)"));
}

TEST_P(RepositoriesTest, RunIsRecordedWithEdgesAndColumnLineage) {
  DatasetVersion in = Register("raw", Digest('a'));
  DatasetVersion out = Register("features", Digest('b'));
  NewRun run;
  run.job_name = "prep";
  run.job_kind = "preprocessing";
  run.status = "completed";
  run.started_at = "2026-01-01T00:00:00Z";
  run.inputs = {{in.id, "train"}, {in.id, "train"}};  // duplicates collapse
  run.outputs = {out.id};
  run.column_lineage = {{out.id, "ratio", in.id, "debt", "INDIRECT", "debt / income"},
                        {out.id, "ratio", in.id, "income", "INDIRECT", "debt / income"}};
  auto recorded = RecordRun(*db_, run);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->run_uuid.size(), 36u);
  EXPECT_EQ(recorded->run_uuid[14], '4');
  ASSERT_EQ(recorded->inputs.size(), 1u);
  EXPECT_EQ(recorded->inputs[0].role, "train");
  auto producers = RunsProducing(*db_, out.id);
  ASSERT_TRUE(producers.ok());
  ASSERT_EQ(producers->size(), 1u);
  EXPECT_EQ((*producers)[0].job_kind, "preprocessing");
  auto lineage = ColumnLineageOf(*db_, out.id);
  ASSERT_TRUE(lineage.ok());
  ASSERT_EQ(lineage->size(), 2u);
  EXPECT_EQ((*lineage)[0].transformation, "INDIRECT");
  auto found = FindRun(*db_, recorded->run_uuid.substr(0, 8));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, recorded->id);
  EXPECT_EQ(FindRun(*db_, "ffffffff").status().code(), StatusCode::kNotFound);
  run.status = "exploded";
  EXPECT_EQ(RecordRun(*db_, run).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(RepositoriesTest, ModelVersionsAreImmutable) {
  DatasetVersion train = Register("train", Digest('a'));
  NewModelVersion m;
  m.name = "credit";
  m.version = "1.0";
  m.artifact_digest = Digest('c');
  m.registered_by = "t";
  m.data = {{train.id, "train"}};
  m.metrics = {{"roc_auc", 0.8, 0.75, 0.85, "", std::nullopt},
               {"roc_auc", std::nullopt, std::nullopt, std::nullopt, "Home=other", std::nullopt}};
  auto first = RegisterModelVersion(*db_, m);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  auto again = RegisterModelVersion(*db_, m);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->created);
  m.artifact_digest = Digest('d');
  auto conflict = RegisterModelVersion(*db_, m);
  EXPECT_EQ(conflict.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(conflict.status().message(), HasSubstr(Digest('c')));
  auto metrics = ModelMetricsOf(*db_, first->version.id);
  ASSERT_TRUE(metrics.ok());
  ASSERT_EQ(metrics->size(), 2u);
  EXPECT_EQ((*metrics)[0].segment, "");
  EXPECT_EQ((*metrics)[1].value, std::nullopt);  // undefined stays NULL
  auto resolved = ResolveModelVersion(*db_, {"credit", "cccc"});
  ASSERT_TRUE(resolved.ok());
  EXPECT_EQ(resolved->version, "1.0");
  auto missing = ResolveModelVersion(*db_, {"credit", "2.0"});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("versions: 1.0"));
}

TEST_P(RepositoriesTest, DeployClosesThePreviousDeployment) {
  NewModelVersion m;
  m.name = "credit";
  m.artifact_digest = Digest('c');
  m.registered_by = "t";
  m.version = "1";
  int64_t v1 = RegisterModelVersion(*db_, m)->version.id;
  m.version = "2";
  m.artifact_digest = Digest('d');
  int64_t v2 = RegisterModelVersion(*db_, m)->version.id;
  auto d1 = Deploy(*db_, v1, "prod", "2026-01-01T00:00:00Z", "t");
  ASSERT_TRUE(d1.ok());
  EXPECT_FALSE(d1->closed);
  auto same = Deploy(*db_, v1, "prod", "2026-01-02T00:00:00Z", "t");
  ASSERT_TRUE(same.ok());
  EXPECT_TRUE(same->unchanged);
  auto d2 = Deploy(*db_, v2, "prod", "2026-02-01T00:00:00Z", "t");
  ASSERT_TRUE(d2.ok());
  ASSERT_TRUE(d2->closed);
  EXPECT_EQ(d2->closed->valid_to, "2026-02-01T00:00:00Z");
  auto earlier = Deploy(*db_, v1, "prod", "2026-01-15T00:00:00Z", "t");
  EXPECT_EQ(earlier.status().code(), StatusCode::kInvalidArgument);
  auto at = DeploymentAt(*db_, "prod", "2026-01-20T00:00:00Z");
  ASSERT_TRUE(at.ok() && at->has_value());
  EXPECT_EQ((*at)->model_version_id, v1);
  at = DeploymentAt(*db_, "prod", "2026-02-01T00:00:00Z");
  EXPECT_EQ((*at)->model_version_id, v2);
  at = DeploymentAt(*db_, "prod", "2025-12-31T00:00:00Z");
  EXPECT_FALSE(at->has_value());
}

TEST_P(RepositoriesTest, DuplicatePredictionIdNamesTheBatch) {
  const int64_t mv = RegisterCreditModel();
  auto batch =
      CreatePredictionBatch(*db_, {.model_version_id = mv, .row_count = 1, .logged_by = "t"});
  ASSERT_TRUE(batch.ok());
  auto writer = PredictionWriter::Make(*db_, *batch);
  ASSERT_TRUE(writer.ok());
  const std::string input_digest = Digest('e');  // the view borrows it: it must outlive the row
  PredictionRowView row{"p1", "2026-01-01T00:00:00Z", input_digest, std::nullopt, "good"};
  ASSERT_TRUE((*writer)->Add(row).ok());
  Status dup = (*writer)->Add(row);
  EXPECT_EQ(dup.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(dup.message(), HasSubstr("prediction id 'p1' is already in the store (batch " +
                                       std::to_string(*batch) + ")"));
}

// Issue 13: AddRows writes many rows per statement. A duplicate id deep in
// the rows names its row and the batch holding the id, and leaves the
// transaction usable (PostgreSQL aborts a transaction on any error).
TEST_P(RepositoriesTest, AddRowsNamesTheRowOfADuplicateAndKeepsTheTransactionUsable) {
  const int64_t mv = RegisterCreditModel();
  const std::string input_digest = Digest('e');
  const size_t n = PredictionWriter::kRowsPerStatement * 2 + 7;  // two full statements and a tail
  std::vector<std::string> ids;
  for (size_t i = 0; i < n; ++i) ids.push_back("p" + std::to_string(i));
  auto views = [&] {
    std::vector<PredictionRowView> rows;
    for (const std::string& id : ids) {
      rows.push_back({id, "2026-01-01T00:00:00Z", input_digest, std::nullopt, "good"});
    }
    return rows;
  };

  int64_t first_batch = 0;
  ASSERT_TRUE(db_->WriteTransaction([&](Database& tx) -> Status {
                   AIRM_ASSIGN_OR_RETURN(
                       first_batch,
                       CreatePredictionBatch(
                           tx, {.model_version_id = mv, .row_count = 0, .logged_by = "t"}));
                   AIRM_ASSIGN_OR_RETURN(auto writer, PredictionWriter::Make(tx, first_batch));
                   RejectedPrediction rejected;
                   return writer->AddRows(views(), &rejected);
                 })
                  .ok());
  EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM predictions"), static_cast<int64_t>(n));

  // A second batch: new ids, but row 700 repeats row 600 (same call), then
  // one that repeats an id of the first batch.
  for (std::string& id : ids) id = "q" + id;
  const size_t repeated = PredictionWriter::kRowsPerStatement + 100, again = repeated + 100;
  ids[again] = ids[repeated];
  for (bool within_rows : {true, false}) {
    if (!within_rows) ids[again] = "p5";
    Status s = db_->WriteTransaction([&](Database& tx) -> Status {
      AIRM_ASSIGN_OR_RETURN(
          int64_t batch,
          CreatePredictionBatch(tx, {.model_version_id = mv, .row_count = 0, .logged_by = "t"}));
      AIRM_ASSIGN_OR_RETURN(auto writer, PredictionWriter::Make(tx, batch));
      RejectedPrediction rejected;
      Status added = writer->AddRows(views(), &rejected);
      EXPECT_EQ(added.code(), StatusCode::kInvalidArgument);
      EXPECT_THAT(added.message(),
                  HasSubstr("prediction id '" + ids[again] + "' is already in the store (batch"));
      EXPECT_EQ(rejected.row, again);
      EXPECT_EQ(rejected.holding_batch, within_rows ? batch : first_batch);
      // Still usable: the rows before the duplicate are there until rollback.
      AIRM_ASSIGN_OR_RETURN(
          std::vector<Row> count,
          tx.Query("SELECT COUNT(*) FROM predictions WHERE batch_id = ?", {batch}));
      EXPECT_EQ(count[0].Int(0), static_cast<int64_t>(again));
      return added;
    });
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(QueryInt(*db_, "SELECT COUNT(*) FROM predictions"), static_cast<int64_t>(n));
  }
}

TEST_P(RepositoriesTest, QualityCheckRunsNewestFirst) {
  DatasetVersion v = Register("credit", Digest('a'));
  QualityCheckRun q;
  q.dataset_version_id = v.id;
  q.check_name = "missing_share_change";
  q.status = "pass";
  q.executed_at = "2026-01-01T00:00:00Z";
  ASSERT_TRUE(RecordQualityCheckRun(*db_, q).ok());
  q.status = "fail";
  q.executed_at = "2026-01-02T00:00:00Z";
  ASSERT_TRUE(RecordQualityCheckRun(*db_, q).ok());
  q.status = "bad";
  EXPECT_EQ(RecordQualityCheckRun(*db_, q).status().code(), StatusCode::kInvalidArgument);
  auto runs = QualityCheckRunsOf(*db_, v.id);
  ASSERT_TRUE(runs.ok());
  ASSERT_EQ(runs->size(), 2u);
  EXPECT_EQ((*runs)[0].status, "fail");
}

// Issue 12: a cell of the wrong type in a damaged store file is an input
// error naming the store, never an assertion in a row accessor.
// PostgreSQL checks every value's type itself: the damage is refused at the
// door, as the constraint error SQLite's CHECKs would give.
TEST_P(RepositoriesTest, DamagedCellIsACorruptStoreError) {
  Register("t", Digest('a'));
  Status damage = db_->Execute("UPDATE dataset_versions SET row_count = 'many'");
  if (db_->dialect() == SqlDialect::kPostgresql) {
    EXPECT_EQ(damage.code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(damage.message(), HasSubstr("invalid input syntax for type bigint"));
    return;
  }
  ASSERT_TRUE(damage.ok());
  auto r = Resolve("t@1");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(r.status().message(), HasSubstr(db_->Describe()));
  EXPECT_THAT(r.status().message(), HasSubstr("'row_count' holds text where an integer"));
}

TEST_P(RepositoriesTest, NamesThatCannotBeReferencedAreRefused) {
  NewDatasetVersion v;
  v.content.digest = Digest('b');
  v.registered_by = "tester";
  for (const std::string& name : {std::string("a@b"), std::string("x\xff"),
                                  std::string("tab\there"), std::string(" padded")}) {
    v.name = name;
    auto r = RegisterDatasetVersion(*db_, v);
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << name;
  }
  EXPECT_THAT(ValidateName("a@b", "dataset name").message(), HasSubstr("contains '@'"));
  EXPECT_TRUE(ValidateName("credit-2026.v1", "dataset name").ok());
}

AIRM_INSTANTIATE_STORE_BACKENDS(RepositoriesTest);

}  // namespace
}  // namespace airm::store
