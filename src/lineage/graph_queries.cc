#include "graph_queries.h"

#include "sql_in_list.h"

namespace airm::lineage::internal {

using store::Row;
using store::Value;

std::string DatasetReference(const std::string& name, int64_t version) {
  return name + "@" + std::to_string(version);
}

Status FindProducers(store::Database& db, const std::vector<std::string>& digests,
                     const std::string& as_of, std::vector<std::pair<std::string, int64_t>>* out) {
  return QueryIn(db,
                 "SELECT dv.digest, ro.run_id FROM dataset_versions dv"
                 " JOIN run_outputs ro ON ro.dataset_version_id = dv.id"
                 " JOIN runs r ON r.id = ro.run_id"
                 " WHERE dv.digest IN (@IN) AND r.started_at <= ?"
                 " ORDER BY r.started_at, r.id",
                 {}, ToValues(digests), {as_of}, [&](const Row& row) {
                   out->emplace_back(row.Text(0), row.Int(1));
                   return Status::Ok();
                 });
}

Status FindConsumers(store::Database& db, const std::vector<std::string>& digests,
                     std::vector<std::pair<std::string, int64_t>>* out) {
  return QueryIn(db,
                 "SELECT dv.digest, ri.run_id FROM dataset_versions dv"
                 " JOIN run_inputs ri ON ri.dataset_version_id = dv.id"
                 " WHERE dv.digest IN (@IN) ORDER BY ri.run_id",
                 {}, ToValues(digests), {}, [&](const Row& row) {
                   out->emplace_back(row.Text(0), row.Int(1));
                   return Status::Ok();
                 });
}

Status LoadRuns(store::Database& db, const std::vector<int64_t>& run_ids,
                std::map<int64_t, RunNode>* out) {
  const std::vector<Value> keys = ToValues(run_ids);
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT r.id, r.run_uuid, j.namespace, j.name, j.kind, r.status, r.started_at,"
              " r.ended_at, r.exit_code, r.code_version, r.error, r.source"
              " FROM runs r JOIN jobs j ON j.id = r.job_id WHERE r.id IN (@IN)",
              {}, keys, {}, [&](const Row& row) {
                RunNode run;
                run.id = row.Int(0);
                run.uuid = row.Text(1);
                run.job_namespace = row.Text(2);
                run.job_name = row.Text(3);
                run.job_kind = row.OptionalText(4);
                run.status = row.Text(5);
                run.started_at = row.Text(6);
                run.ended_at = row.OptionalText(7);
                run.exit_code = row.OptionalInt(8);
                run.code_version = row.OptionalText(9);
                run.error = row.OptionalText(10);
                run.source = row.Text(11);
                (*out)[run.id] = std::move(run);
                return Status::Ok();
              }));
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT ri.run_id, dv.digest, d.name, dv.version, ri.role FROM run_inputs ri"
              " JOIN dataset_versions dv ON dv.id = ri.dataset_version_id"
              " JOIN datasets d ON d.id = dv.dataset_id"
              " WHERE ri.run_id IN (@IN) ORDER BY ri.run_id, d.name, dv.version, ri.role",
              {}, keys, {}, [&](const Row& row) {
                auto it = out->find(row.Int(0));
                if (it != out->end()) {
                  it->second.inputs.push_back(
                      {row.Text(1), DatasetReference(row.Text(2), row.Int(3)), row.Text(4)});
                }
                return Status::Ok();
              }));
  return QueryIn(db,
                 "SELECT ro.run_id, dv.digest, d.name, dv.version FROM run_outputs ro"
                 " JOIN dataset_versions dv ON dv.id = ro.dataset_version_id"
                 " JOIN datasets d ON d.id = dv.dataset_id"
                 " WHERE ro.run_id IN (@IN) ORDER BY ro.run_id, d.name, dv.version",
                 {}, keys, {}, [&](const Row& row) {
                   auto it = out->find(row.Int(0));
                   if (it != out->end()) {
                     it->second.outputs.push_back(
                         {row.Text(1), DatasetReference(row.Text(2), row.Int(3)), "output"});
                   }
                   return Status::Ok();
                 });
}

Status LoadRegistrations(store::Database& db, const std::vector<std::string>& digests,
                         std::map<std::string, std::vector<DatasetVersionRef>>* out) {
  return QueryIn(db,
                 "SELECT dv.id, d.name, d.namespace, dv.version, dv.digest, dv.row_count,"
                 " dv.bytes, dv.path, dv.abs_path, dv.source_uri, dv.registered_at,"
                 " dv.registered_by FROM dataset_versions dv"
                 " JOIN datasets d ON d.id = dv.dataset_id"
                 " WHERE dv.digest IN (@IN) ORDER BY dv.registered_at, dv.id",
                 {}, ToValues(digests), {}, [&](const Row& row) {
                   DatasetVersionRef ref;
                   ref.id = row.Int(0);
                   ref.name = row.Text(1);
                   ref.dataset_namespace = row.Text(2);
                   ref.version = row.Int(3);
                   ref.digest = row.Text(4);
                   ref.row_count = row.OptionalInt(5);
                   ref.bytes = row.OptionalInt(6);
                   ref.path = row.OptionalText(7);
                   ref.abs_path = row.OptionalText(8);
                   ref.source_uri = row.OptionalText(9);
                   ref.registered_at = row.Text(10);
                   ref.registered_by = row.Text(11);
                   (*out)[ref.digest].push_back(std::move(ref));
                   return Status::Ok();
                 });
}

Status LoadQualityChecks(store::Database& db, const std::vector<int64_t>& dataset_version_ids,
                         const std::string& as_of,
                         std::map<int64_t, std::vector<QualityCheckRef>>* out) {
  return QueryIn(db,
                 "SELECT q.id, q.check_name, q.status, q.executed_at, q.dataset_version_id,"
                 " d.name, dv.version, r.run_uuid, q.metrics_json FROM quality_check_runs q"
                 " JOIN dataset_versions dv ON dv.id = q.dataset_version_id"
                 " JOIN datasets d ON d.id = dv.dataset_id"
                 " LEFT JOIN runs r ON r.id = q.run_id"
                 " WHERE q.dataset_version_id IN (@IN) AND q.executed_at <= ?"
                 " ORDER BY q.executed_at, q.id",
                 {}, ToValues(dataset_version_ids), {as_of}, [&](const Row& row) {
                   QualityCheckRef check;
                   check.id = row.Int(0);
                   check.check_name = row.Text(1);
                   check.status = row.Text(2);
                   check.executed_at = row.Text(3);
                   check.dataset = DatasetReference(row.Text(5), row.Int(6));
                   check.run_uuid = row.OptionalText(7);
                   check.metrics_json = row.OptionalText(8);
                   (*out)[row.Int(4)].push_back(std::move(check));
                   return Status::Ok();
                 });
}

Status LoadColumnLineage(store::Database& db, const std::vector<int64_t>& dataset_version_ids,
                         const std::string& as_of,
                         std::map<int64_t, std::vector<ColumnDerivation>>* out) {
  return QueryIn(
      db,
      "SELECT cl.output_dataset_version_id, d.name, dv.version, cl.output_column, dvi.digest,"
      " di.name, dvi.version, cl.input_column, cl.transformation, cl.description, r.run_uuid"
      " FROM column_lineage cl"
      " JOIN dataset_versions dv ON dv.id = cl.output_dataset_version_id"
      " JOIN datasets d ON d.id = dv.dataset_id"
      " LEFT JOIN dataset_versions dvi ON dvi.id = cl.input_dataset_version_id"
      " LEFT JOIN datasets di ON di.id = dvi.dataset_id"
      " LEFT JOIN runs r ON r.id = cl.run_id"
      " WHERE cl.output_dataset_version_id IN (@IN)"
      " AND (r.started_at IS NULL OR r.started_at <= ?)"
      " ORDER BY cl.output_dataset_version_id, cl.output_column, cl.id",
      {}, ToValues(dataset_version_ids), {as_of}, [&](const Row& row) {
        ColumnDerivation c;
        c.output_dataset = DatasetReference(row.Text(1), row.Int(2));
        c.output_column = row.Text(3);
        c.input_digest = row.OptionalText(4);
        if (!row.IsNull(5)) c.input_dataset = DatasetReference(row.Text(5), row.Int(6));
        c.input_column = row.Text(7);
        c.transformation = row.Text(8);
        c.description = row.OptionalText(9);
        c.run_uuid = row.OptionalText(10);
        (*out)[row.Int(0)].push_back(std::move(c));
        return Status::Ok();
      });
}

}  // namespace airm::lineage::internal
