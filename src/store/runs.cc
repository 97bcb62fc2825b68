#include "airm/store/runs.h"

#include <algorithm>
#include <random>
#include <set>

#include "store_util.h"

namespace airm::store {
namespace {

using internal::Nullable;

constexpr std::string_view kSelectRun =
    "SELECT r.id, r.run_uuid, j.namespace, j.name, j.kind, r.status, r.started_at, r.ended_at,"
    " r.exit_code, r.code_version, r.command_json, r.parameters_json, r.environment_json,"
    " r.error, r.source FROM runs r JOIN jobs j ON j.id = r.job_id ";

Run FromRow(const Row& row) {
  Run r;
  r.id = row.Int(0);
  r.run_uuid = row.Text(1);
  r.job_namespace = row.Text(2);
  r.job_name = row.Text(3);
  r.job_kind = row.OptionalText(4);
  r.status = row.Text(5);
  r.started_at = row.Text(6);
  r.ended_at = row.OptionalText(7);
  r.exit_code = row.OptionalInt(8);
  r.code_version = row.OptionalText(9);
  r.command_json = row.OptionalText(10);
  r.parameters_json = row.OptionalText(11);
  r.environment_json = row.OptionalText(12);
  r.error = row.OptionalText(13);
  r.source = row.Text(14);
  return r;
}

Status LoadEdges(Database& db, Run* run) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> inputs,
                        db.Query("SELECT dataset_version_id, role FROM run_inputs WHERE run_id = ?"
                                 " ORDER BY dataset_version_id, role",
                                 {run->id}));
  for (const Row& row : inputs) run->inputs.push_back({row.Int(0), row.Text(1)});
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> outputs,
                        db.Query("SELECT dataset_version_id FROM run_outputs WHERE run_id = ?"
                                 " ORDER BY dataset_version_id",
                                 {run->id}));
  for (const Row& row : outputs) run->outputs.push_back(row.Int(0));
  return Status::Ok();
}

Result<std::vector<Run>> QueryRuns(Database& db, std::string_view where,
                                   const std::vector<Value>& params) {
  std::vector<Run> runs;
  AIRM_RETURN_IF_ERROR(
      db.QueryEach(std::string(kSelectRun) + std::string(where), params, [&runs](const Row& row) {
        runs.push_back(FromRow(row));
        return Status::Ok();
      }));
  for (Run& r : runs) AIRM_RETURN_IF_ERROR(LoadEdges(db, &r));
  return runs;
}

Status Validate(const NewRun& run) {
  static const std::set<std::string> kStatuses = {"running", "completed", "failed", "aborted"};
  static const std::set<std::string> kRoles = {"train", "validation", "test", "reference", "input"};
  if (run.job_name.empty()) return Status::InvalidArgument("a run needs a job name (--job)");
  if (!kStatuses.contains(run.status)) {
    return Status::InvalidArgument("run status '" + run.status +
                                   "' is not one of running, completed, failed, aborted");
  }
  for (const RunInput& input : run.inputs) {
    if (!kRoles.contains(input.role)) {
      return Status::InvalidArgument("input role '" + input.role +
                                     "' is not one of train, validation, test, reference, input");
    }
  }
  for (const ColumnDerivation& d : run.column_lineage) {
    if (d.transformation != "DIRECT" && d.transformation != "INDIRECT") {
      return Status::InvalidArgument("column lineage transformation '" + d.transformation +
                                     "' is not DIRECT or INDIRECT");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string NewRunUuid() {
  std::random_device device;
  unsigned char bytes[16];
  for (int i = 0; i < 16; i += 4) {
    const uint32_t word = device();
    for (int k = 0; k < 4; ++k) bytes[i + k] = static_cast<unsigned char>(word >> (8 * k));
  }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;  // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80;  // RFC 4122 variant
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes[i] >> 4]);
    out.push_back(kHex[bytes[i] & 15]);
  }
  return out;
}

Result<Run> RecordRun(Database& db, const NewRun& run) {
  AIRM_RETURN_IF_ERROR(Validate(run));
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> job,
      db.Query(
          "INSERT INTO jobs (namespace, name, kind) VALUES (?, ?, ?)"
          " ON CONFLICT (namespace, name) DO UPDATE SET kind = COALESCE(excluded.kind, jobs.kind)"
          " RETURNING id",
          {run.job_namespace, run.job_name, Nullable(run.job_kind)}));
  const std::string uuid = run.run_uuid.empty() ? NewRunUuid() : run.run_uuid;
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query("INSERT INTO runs (run_uuid, job_id, status, started_at, ended_at, exit_code,"
               " code_version, command_json, parameters_json, environment_json, error, source)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {uuid, job[0].Int(0), run.status, internal::NowIfEmpty(run.started_at),
                Nullable(run.ended_at), Nullable(run.exit_code), Nullable(run.code_version),
                Nullable(run.command_json), Nullable(run.parameters_json),
                Nullable(run.environment_json), Nullable(run.error), run.source}));
  const int64_t run_id = inserted[0].Int(0);
  std::set<std::pair<int64_t, std::string>> inputs;
  for (const RunInput& input : run.inputs) inputs.insert({input.dataset_version_id, input.role});
  for (const auto& [dataset_version_id, role] : inputs) {
    AIRM_RETURN_IF_ERROR(
        db.Execute("INSERT INTO run_inputs (run_id, dataset_version_id, role) VALUES (?, ?, ?)",
                   {run_id, dataset_version_id, role}));
  }
  std::set<int64_t> outputs(run.outputs.begin(), run.outputs.end());
  for (int64_t dataset_version_id : outputs) {
    AIRM_RETURN_IF_ERROR(
        db.Execute("INSERT INTO run_outputs (run_id, dataset_version_id) VALUES (?, ?)",
                   {run_id, dataset_version_id}));
  }
  for (const ColumnDerivation& d : run.column_lineage) {
    AIRM_RETURN_IF_ERROR(db.Execute(
        "INSERT INTO column_lineage (run_id, output_dataset_version_id, output_column,"
        " input_dataset_version_id, input_column, transformation, description)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        {run_id, d.output_dataset_version_id, d.output_column, Nullable(d.input_dataset_version_id),
         d.input_column, d.transformation, Nullable(d.description)}));
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<Run> stored, QueryRuns(db, "WHERE r.id = ?", {run_id}));
  return std::move(stored[0]);
}

Result<Run> FindRun(Database& db, std::string_view uuid_or_prefix) {
  const std::string key(uuid_or_prefix);
  AIRM_ASSIGN_OR_RETURN(std::vector<Run> exact, QueryRuns(db, "WHERE r.run_uuid = ?", {key}));
  if (!exact.empty()) return std::move(exact[0]);
  const bool usable_prefix =
      key.size() >= 4 && key.find_first_not_of("0123456789abcdefABCDEF-") == std::string::npos;
  if (usable_prefix) {
    std::string lower = key;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        db.Query("SELECT run_uuid FROM runs WHERE run_uuid LIKE ? ORDER BY run_uuid LIMIT 21",
                 {lower + "%"}));
    if (rows.size() == 1) return FindRun(db, rows[0].Text(0));
    if (rows.size() > 1) {
      std::vector<std::string> candidates;
      for (const Row& row : rows) candidates.push_back(row.Text(0));
      return Status::InvalidArgument("run id prefix '" + key + "' is ambiguous: " +
                                     internal::JoinLimited(candidates) + "; give more characters");
    }
  }
  return Status::NotFound("no run with id '" + key +
                          "' (see `airm dataset show` for producing runs)");
}

Result<std::vector<Run>> RunsProducing(Database& db, int64_t dataset_version_id) {
  return QueryRuns(db,
                   "WHERE r.id IN (SELECT run_id FROM run_outputs WHERE dataset_version_id = ?)"
                   " ORDER BY r.started_at, r.id",
                   {dataset_version_id});
}

Result<std::vector<ColumnDerivation>> ColumnLineageOf(Database& db,
                                                      int64_t output_dataset_version_id) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT output_dataset_version_id, output_column, input_dataset_version_id,"
               " input_column, transformation, description FROM column_lineage"
               " WHERE output_dataset_version_id = ? ORDER BY output_column, id",
               {output_dataset_version_id}));
  std::vector<ColumnDerivation> out;
  for (const Row& row : rows) {
    out.push_back({row.Int(0), row.Text(1), row.OptionalInt(2), row.Text(3), row.Text(4),
                   row.OptionalText(5)});
  }
  return out;
}

}  // namespace airm::store
