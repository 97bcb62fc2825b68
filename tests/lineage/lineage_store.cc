#include "lineage_store.h"

#include <fstream>
#include <functional>

#include "airm/sha256.h"
#include "airm/store/datasets.h"
#include "airm/store/deployments.h"
#include "airm/store/models.h"
#include "airm/store/predictions.h"
#include "airm/store/quality_checks.h"
#include "airm/store/runs.h"
#include "postgres_server.h"
#include "scratch_dir.h"

namespace airm::testing {
namespace {

// `write` in one write transaction: the id it returns (0, failing the test, on an error).
int64_t WriteReturningId(store::Database& db,
                         const std::function<Result<int64_t>(store::Database&)>& write) {
  int64_t id = 0;
  Status s = db.WriteTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(id, write(tx));
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return id;
}

}  // namespace

std::unique_ptr<store::Database> LineageStore::OpenAnotherStore(const std::string& name) {
  std::string location = (dir_ / (name + ".db")).string();
  if (GetParam() == StoreBackend::kPostgres) {
    // Another schema beside this test's own (the fixture's server is up:
    // SetUp used it).
    std::string why;
    auto url = PostgresServer::Shared(&why)->FreshSchemaUrl(SchemaNameForCurrentTest() + "_" +
                                                            name.substr(0, 3));
    EXPECT_TRUE(url.ok()) << url.status().ToString();
    if (!url.ok()) return nullptr;
    location = *url;
  }
  auto db = OpenStoreLocation(location);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

void LineageStore::SetUp() {
  dir_ = FreshTestDir("airm_lineage");
  FreshStore fresh = OpenFreshStore(GetParam(), dir_);
  AIRM_SKIP_IF_NO_STORE(fresh);
  ASSERT_NE(fresh.db, nullptr);
  db_ = std::move(fresh.db);
}

int64_t LineageStore::Data(const std::string& name, const std::string& content,
                           const std::string& at, const std::string& file) {
  const std::string path = Path(file.empty() ? name + ".csv" : file);
  std::ofstream(path, std::ios::binary) << content;
  store::NewDatasetVersion v;
  v.name = name;
  v.content.digest = "sha256:" + Sha256Hex(content);
  v.content.bytes = static_cast<int64_t>(content.size());
  v.content.row_count = static_cast<int64_t>(std::count(content.begin(), content.end(), '\n')) - 1;
  v.content.schema_json = R"([{"name":"a","type":"int"},{"name":"b","type":"int"}])";
  v.path = path;
  v.abs_path = path;
  v.registered_by = "tester";
  v.registered_at = at;
  return WriteReturningId(db(), [&](store::Database& tx) -> Result<int64_t> {
    AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset r, store::RegisterDatasetVersion(tx, v));
    return r.version.id;
  });
}

int64_t LineageStore::Alias(const std::string& name, int64_t dataset_version_id,
                            const std::string& at) {
  auto original = store::GetDatasetVersion(db(), dataset_version_id);
  EXPECT_TRUE(original.ok());
  store::NewDatasetVersion v;
  v.name = name;
  v.content.digest = original->digest;
  v.content.bytes = original->bytes;
  v.content.row_count = original->row_count;
  v.content.schema_json = original->schema_json;
  v.path = original->path;
  v.abs_path = original->abs_path;
  v.registered_by = "tester";
  v.registered_at = at;
  return WriteReturningId(db(), [&](store::Database& tx) -> Result<int64_t> {
    AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset r, store::RegisterDatasetVersion(tx, v));
    return r.version.id;
  });
}

int64_t LineageStore::Run(const RunSpec& spec) {
  store::NewRun run;
  run.job_name = spec.job;
  run.job_kind = spec.kind;
  run.status = spec.status;
  run.started_at = spec.started_at;
  if (spec.status != "running") run.ended_at = spec.started_at;
  run.exit_code = spec.status == "completed" ? 0 : 1;
  run.error = spec.error;
  run.command_json = R"(["python3","step.py"])";
  run.environment_json = R"({"host":"test","cwd":"/work/repo"})";
  run.code_version = "0123abcd";
  for (const auto& [id, role] : spec.inputs) run.inputs.push_back({id, role});
  run.outputs = spec.outputs;
  run.column_lineage = spec.columns;
  return WriteReturningId(db(), [&](store::Database& tx) -> Result<int64_t> {
    AIRM_ASSIGN_OR_RETURN(store::Run r, store::RecordRun(tx, run));
    return r.id;
  });
}

std::string LineageStore::RunUuid(int64_t run_id) {
  auto rows = db().Query("SELECT run_uuid FROM runs WHERE id = ?", {run_id});
  EXPECT_TRUE(rows.ok() && !rows->empty());
  return rows.ok() && !rows->empty() ? (*rows)[0].Text(0) : "";
}

int64_t LineageStore::Model(const std::string& name, const std::string& version,
                            const std::string& artifact_content,
                            std::optional<int64_t> training_run,
                            const std::vector<std::pair<int64_t, std::string>>& data,
                            const std::string& at, const std::optional<std::string>& card_json,
                            const std::vector<store::ModelMetric>& metrics) {
  const std::string path = Path(name + "-" + version + ".model");
  std::ofstream(path, std::ios::binary) << artifact_content;
  store::NewModelVersion m;
  m.name = name;
  m.version = version;
  m.artifact_digest = "sha256:" + Sha256Hex(artifact_content);
  m.artifact_path = path;
  m.artifact_abs_path = path;
  m.training_run_id = training_run;
  m.card_json = card_json;
  m.metrics = metrics;
  for (const auto& [id, role] : data) m.data.push_back({id, role});
  m.registered_by = "tester";
  m.registered_at = at;
  return WriteReturningId(db(), [&](store::Database& tx) -> Result<int64_t> {
    AIRM_ASSIGN_OR_RETURN(store::RegisteredModel r, store::RegisterModelVersion(tx, m));
    return r.version.id;
  });
}

int64_t LineageStore::Deploy(int64_t model_version_id, const std::string& env,
                             const std::string& at) {
  return WriteReturningId(db(), [&](store::Database& tx) -> Result<int64_t> {
    AIRM_ASSIGN_OR_RETURN(store::DeployOutcome d,
                          store::Deploy(tx, model_version_id, env, at, "tester"));
    return d.current.id;
  });
}

int64_t LineageStore::Predict(int64_t model_version_id, std::optional<int64_t> deployment,
                              std::optional<int64_t> input,
                              std::optional<int64_t> preprocessing_run, const std::string& prefix,
                              int n, const std::string& at) {
  int64_t batch = 0;
  Status s = db().WriteTransaction([&](store::Database& tx) -> Status {
    store::NewPredictionBatch b;
    b.model_version_id = model_version_id;
    b.deployment_id = deployment;
    b.input_dataset_version_id = input;
    b.preprocessing_run_id = preprocessing_run;
    b.row_count = n;
    b.logged_by = "tester";
    b.logged_at = at;
    AIRM_ASSIGN_OR_RETURN(batch, store::CreatePredictionBatch(tx, b));
    AIRM_ASSIGN_OR_RETURN(std::unique_ptr<store::PredictionWriter> writer,
                          store::PredictionWriter::Make(tx, batch));
    const std::string digest = "sha256:" + Sha256Hex(prefix);
    for (int i = 0; i < n; ++i) {
      const std::string id = prefix + std::to_string(i);
      const std::string output = "0." + std::to_string(i % 10);
      AIRM_RETURN_IF_ERROR(writer->Add({id, at, digest, std::nullopt, output}));
    }
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return batch;
}

int64_t LineageStore::Check(int64_t dataset_version_id, const std::string& name,
                            const std::string& status, const std::string& at) {
  return Check(dataset_version_id, std::nullopt, name, status, std::nullopt, at);
}

int64_t LineageStore::Check(int64_t dataset_version_id, std::optional<int64_t> reference,
                            const std::string& name, const std::string& status,
                            const std::optional<std::string>& findings_json,
                            const std::string& at) {
  int64_t id = 0;
  Status s = db().WriteTransaction([&](store::Database& tx) -> Status {
    store::QualityCheckRun check;
    check.check_name = name;
    check.dataset_version_id = dataset_version_id;
    check.reference_dataset_version_id = reference;
    check.status = status;
    check.executed_at = at;
    check.metrics_json = R"({"missing_share":0.01})";
    check.findings_json = findings_json;
    AIRM_ASSIGN_OR_RETURN(id, store::RecordQualityCheckRun(tx, check));
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return id;
}

int64_t LineageStore::Count(const std::string& table) {
  auto rows = db().Query("SELECT COUNT(*) FROM " + table);
  EXPECT_TRUE(rows.ok());
  return rows.ok() ? (*rows)[0].Int(0) : -1;
}

}  // namespace airm::testing
