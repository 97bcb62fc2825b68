// Writing merged OpenLineage runs to the store, additively and idempotently:
// a known run only gains what it lacks (a terminal status, an end time, an
// error, inputs, outputs, column derivations); known dataset versions only
// gain missing metadata; a model version already registered is left as is.
// Importing the same events twice therefore writes nothing the second time.
#include <nlohmann/json.hpp>
#include <set>

#include "airm/report/file_uri.h"
#include "airm/store/models.h"
#include "airm/store/runs.h"
#include "openlineage_facets.h"
#include "openlineage_runs.h"

namespace airm::lineage::internal {
namespace {

using store::Database;
using store::Row;
using store::Value;

Value Nullable(const std::optional<std::string>& s) { return s ? Value(*s) : Value(); }
Value Nullable(const std::optional<int64_t>& n) { return n ? Value(*n) : Value(); }

constexpr const char* kImporter = "openlineage";

class ImportWriter {
 public:
  ImportWriter(Database& db, ImportSummary* summary) : db_(db), summary_(summary) {}

  Status Write(const ImportedRun& run) {
    AIRM_ASSIGN_OR_RETURN(std::vector<Row> existing,
                          db_.Query("SELECT id, status FROM runs WHERE run_uuid = ?", {run.uuid}));
    std::vector<store::RunInput> inputs;
    std::map<std::pair<std::string, std::string>, int64_t> input_ids;
    for (const ImportedDataset& d : run.inputs) {
      AIRM_ASSIGN_OR_RETURN(int64_t id, DatasetVersionId(d, run.earliest_time));
      static const std::set<std::string> kRoles = {"train", "validation", "test", "reference",
                                                   "input"};
      const std::string role = d.role && kRoles.count(*d.role) ? *d.role : "input";
      inputs.push_back({id, role});
      input_ids[{d.dataset_namespace, d.name}] = id;
    }
    std::vector<int64_t> outputs;
    std::vector<store::ColumnDerivation> columns;
    for (const ImportedDataset& d : run.outputs) {
      if (d.is_model) continue;
      AIRM_ASSIGN_OR_RETURN(int64_t id, DatasetVersionId(d, run.earliest_time));
      outputs.push_back(id);
      for (const auto& [field, sources] : d.columns) {
        for (const ColumnSource& s : sources) {
          AIRM_ASSIGN_OR_RETURN(std::optional<int64_t> input, ColumnInput(s, input_ids));
          columns.push_back({id, field, input, s.input_field, s.transformation, s.description});
        }
      }
    }
    int64_t run_id = 0;
    if (existing.empty()) {
      AIRM_ASSIGN_OR_RETURN(run_id, Create(run, inputs, outputs, columns));
    } else {
      run_id = existing[0].Int(0);
      AIRM_RETURN_IF_ERROR(Update(run_id, existing[0].Text(1), run, inputs, outputs, columns));
    }
    return Models(run, run_id, inputs);
  }

 private:
  Result<int64_t> Create(const ImportedRun& run, const std::vector<store::RunInput>& inputs,
                         const std::vector<int64_t>& outputs,
                         const std::vector<store::ColumnDerivation>& columns) {
    store::NewRun nr;
    nr.run_uuid = run.uuid;
    nr.job_name = run.job_name;
    nr.job_namespace = run.job_namespace;
    nr.job_kind = run.job_kind;
    nr.status = run.Status();
    nr.started_at = run.StartedAt();
    if (run.terminal_status) nr.ended_at = run.terminal_time;
    nr.exit_code = run.exit_code;
    nr.code_version = run.code_version;
    nr.command_json = run.command_json;
    nr.parameters_json = run.parameters_json;
    nr.environment_json = EnvironmentJson(run);
    nr.error = run.error;
    nr.source = kImporter;
    nr.inputs = inputs;
    nr.outputs = outputs;
    nr.column_lineage = columns;
    AIRM_ASSIGN_OR_RETURN(store::Run recorded, store::RecordRun(db_, nr));
    ++summary_->runs_created;
    return recorded.id;
  }

  // The run's environment, plus the source code URL when it is not simply the
  // repository of the environment's working directory (so it exports back).
  static std::optional<std::string> EnvironmentJson(const ImportedRun& run) {
    if (!run.source_code_url) return run.environment_json;
    nlohmann::ordered_json env = nlohmann::ordered_json::object();
    if (run.environment_json) {
      env = nlohmann::ordered_json::parse(*run.environment_json, nullptr, false);
      if (!env.is_object()) env = nlohmann::ordered_json::object();
    }
    const bool from_cwd = env.contains("cwd") && env["cwd"].is_string() &&
                          report::FileUri(env["cwd"].get<std::string>()) == *run.source_code_url;
    if (!from_cwd) env["source_code_url"] = *run.source_code_url;
    return env.dump();
  }

  Status Update(int64_t run_id, const std::string& status, const ImportedRun& run,
                const std::vector<store::RunInput>& inputs, const std::vector<int64_t>& outputs,
                const std::vector<store::ColumnDerivation>& columns) {
    bool changed = false;
    auto count = [&](const std::vector<Row>& rows) { changed = changed || !rows.empty(); };
    if (status == "running" && run.terminal_status) {
      AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                            db_.Query("UPDATE runs SET status = ?, ended_at = ? WHERE id = ?"
                                      " RETURNING id",
                                      {*run.terminal_status, run.terminal_time, run_id}));
      count(rows);
    }
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> filled,
        db_.Query("UPDATE runs SET error = COALESCE(error, ?), exit_code = COALESCE(exit_code, ?),"
                  " code_version = COALESCE(code_version, ?) WHERE id = ?"
                  // Typed by CAST so PostgreSQL need not guess a bare NULL's type.
                  " AND ((error IS NULL AND CAST(? AS TEXT) IS NOT NULL)"
                  " OR (exit_code IS NULL AND CAST(? AS BIGINT) IS NOT NULL)"
                  " OR (code_version IS NULL AND CAST(? AS TEXT) IS NOT NULL)) RETURNING id",
                  {Nullable(run.error), Nullable(run.exit_code), Nullable(run.code_version), run_id,
                   Nullable(run.error), Nullable(run.exit_code), Nullable(run.code_version)}));
    count(filled);
    for (const store::RunInput& in : inputs) {
      AIRM_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          db_.Query("INSERT INTO run_inputs (run_id, dataset_version_id, role) VALUES (?, ?, ?)"
                    " ON CONFLICT DO NOTHING RETURNING run_id",
                    {run_id, in.dataset_version_id, in.role}));
      count(rows);
    }
    for (int64_t out : outputs) {
      AIRM_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          db_.Query("INSERT INTO run_outputs (run_id, dataset_version_id) VALUES (?, ?)"
                    " ON CONFLICT DO NOTHING RETURNING run_id",
                    {run_id, out}));
      count(rows);
    }
    for (const store::ColumnDerivation& c : columns) {
      AIRM_ASSIGN_OR_RETURN(
          std::vector<Row> known,
          db_.Query("SELECT 1 FROM column_lineage WHERE run_id = ? AND"
                    " output_dataset_version_id = ? AND output_column = ? AND"
                    " input_dataset_version_id IS NOT DISTINCT FROM ? AND input_column = ?",
                    {run_id, c.output_dataset_version_id, c.output_column,
                     Nullable(c.input_dataset_version_id), c.input_column}));
      if (!known.empty()) continue;
      AIRM_RETURN_IF_ERROR(db_.Execute(
          "INSERT INTO column_lineage (run_id, output_dataset_version_id, output_column,"
          " input_dataset_version_id, input_column, transformation, description)"
          " VALUES (?, ?, ?, ?, ?, ?, ?)",
          {run_id, c.output_dataset_version_id, c.output_column,
           Nullable(c.input_dataset_version_id), c.input_column, c.transformation,
           Nullable(c.description)}));
      changed = true;
    }
    if (changed) ++summary_->runs_updated;
    return Status::Ok();
  }

  // A model version per MODEL output, trained by this run on its inputs.
  Status Models(const ImportedRun& run, int64_t run_id,
                const std::vector<store::RunInput>& inputs) {
    for (const ImportedDataset& d : run.outputs) {
      if (!d.is_model) continue;
      store::NewModelVersion m;
      m.name = d.name;
      m.version = d.version.value_or("unversioned");
      m.artifact_digest = d.Digest();
      m.training_run_id = run_id;
      m.registered_by = kImporter;
      m.registered_at = run.terminal_status ? run.terminal_time : run.StartedAt();
      bool any_role = false;
      for (const store::RunInput& in : inputs) {
        if (in.role == "train" || in.role == "validation" || in.role == "test") {
          m.data.push_back({in.dataset_version_id, in.role});
          any_role = true;
        }
      }
      if (!any_role) {
        for (const store::RunInput& in : inputs) m.data.push_back({in.dataset_version_id, "train"});
      }
      Result<store::RegisteredModel> registered = store::RegisterModelVersion(db_, m);
      if (!registered.ok()) {
        return Status(registered.status().code(),
                      "run " + run.uuid + ": " + registered.status().message());
      }
      if (registered->created) ++summary_->model_versions_created;
    }
    return Status::Ok();
  }

  // The input of a column derivation: the run's input of that name, else the
  // newest version of that dataset, else unknown (NULL).
  Result<std::optional<int64_t>> ColumnInput(
      const ColumnSource& s, const std::map<std::pair<std::string, std::string>, int64_t>& ids) {
    if (auto it = ids.find({s.input_namespace, s.input_name}); it != ids.end()) {
      return std::optional<int64_t>(it->second);
    }
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        db_.Query("SELECT dv.id FROM dataset_versions dv JOIN datasets d ON d.id = dv.dataset_id"
                  " WHERE d.namespace = ? AND d.name = ? ORDER BY dv.version DESC LIMIT 1",
                  {s.input_namespace, s.input_name}));
    if (rows.empty()) return std::optional<int64_t>();
    return std::optional<int64_t>(rows[0].Int(0));
  }

  // datasets.name is unique across namespaces: a name another namespace
  // already uses is stored as "<namespace>/<name>".
  Result<int64_t> DatasetId(const std::string& ns, const std::string& name, const std::string& at) {
    for (const std::string& candidate : {name, ns + "/" + name}) {
      AIRM_ASSIGN_OR_RETURN(
          std::vector<Row> rows,
          db_.Query("SELECT id, namespace FROM datasets WHERE name = ?", {candidate}));
      if (!rows.empty() && rows[0].Text(1) == ns) return rows[0].Int(0);
      if (rows.empty()) {
        AIRM_ASSIGN_OR_RETURN(
            std::vector<Row> inserted,
            db_.Query("INSERT INTO datasets (name, namespace, created_at) VALUES (?, ?, ?)"
                      " RETURNING id",
                      {candidate, ns, at}));
        return inserted[0].Int(0);
      }
    }
    return Status::InvalidArgument("dataset name '" + name + "' of namespace '" + ns +
                                   "' clashes with datasets of other namespaces");
  }

  Result<int64_t> DatasetVersionId(const ImportedDataset& d, const std::string& at) {
    AIRM_ASSIGN_OR_RETURN(int64_t dataset_id, DatasetId(d.dataset_namespace, d.name, at));
    const std::string digest = d.Digest();
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> found,
        db_.Query("SELECT id, abs_path FROM dataset_versions WHERE dataset_id = ? AND digest = ?",
                  {dataset_id, digest}));
    if (!found.empty()) {
      const int64_t id = found[0].Int(0);
      // airm's own export names a local file as its dataSource: not new.
      std::optional<std::string> source_uri = d.source_uri;
      if (std::optional<std::string> abs = found[0].OptionalText(1);
          abs && source_uri == report::FileUri(*abs)) {
        source_uri.reset();
      }
      AIRM_RETURN_IF_ERROR(
          db_.Execute("UPDATE dataset_versions SET row_count = COALESCE(row_count, ?),"
                      " bytes = COALESCE(bytes, ?), schema_json = COALESCE(schema_json, ?),"
                      " source_uri = COALESCE(source_uri, ?) WHERE id = ? AND"
                      " ((row_count IS NULL AND CAST(? AS BIGINT) IS NOT NULL)"
                      " OR (bytes IS NULL AND CAST(? AS BIGINT) IS NOT NULL)"
                      " OR (schema_json IS NULL AND CAST(? AS TEXT) IS NOT NULL)"
                      " OR (source_uri IS NULL AND CAST(? AS TEXT) IS NOT NULL))",
                      {Nullable(d.row_count), Nullable(d.bytes), Nullable(d.schema_json),
                       Nullable(source_uri), id, Nullable(d.row_count), Nullable(d.bytes),
                       Nullable(d.schema_json), Nullable(source_uri)}));
      return id;
    }
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> inserted,
        db_.Query("INSERT INTO dataset_versions (dataset_id, version, digest, bytes, row_count,"
                  " schema_json, source_uri, registered_at, registered_by)"
                  " SELECT ?, COALESCE(MAX(version), 0) + 1, ?, CAST(? AS BIGINT),"
                  " CAST(? AS BIGINT), ?, ?, ?, ?"
                  " FROM dataset_versions WHERE dataset_id = ? RETURNING id",
                  {dataset_id, digest, Nullable(d.bytes), Nullable(d.row_count),
                   Nullable(d.schema_json), Nullable(d.source_uri), at, kImporter, dataset_id}));
    ++summary_->dataset_versions_created;
    return inserted[0].Int(0);
  }

  Database& db_;
  ImportSummary* summary_;
};

}  // namespace

Status WriteImportedRuns(Database& db, const std::vector<ImportedRun>& runs,
                         ImportSummary* summary) {
  ImportWriter writer(db, summary);
  for (const ImportedRun& run : runs) AIRM_RETURN_IF_ERROR(writer.Write(run));
  return Status::Ok();
}

}  // namespace airm::lineage::internal
