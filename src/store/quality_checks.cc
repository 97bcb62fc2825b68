#include "airm/store/quality_checks.h"

#include "store_util.h"

namespace airm::store {

using internal::Nullable;

Result<int64_t> RecordQualityCheckRun(Database& db, const QualityCheckRun& check) {
  if (check.status != "pass" && check.status != "warn" && check.status != "fail" &&
      check.status != "error") {
    return Status::InvalidArgument("quality check status '" + check.status +
                                   "' is not one of pass, warn, fail, error");
  }
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query(
          "INSERT INTO quality_check_runs (check_name, dataset_version_id,"
          " reference_dataset_version_id, run_id, status, metrics_json, findings_json,"
          " executed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {check.check_name, check.dataset_version_id, Nullable(check.reference_dataset_version_id),
           Nullable(check.run_id), check.status, Nullable(check.metrics_json),
           Nullable(check.findings_json), internal::NowIfEmpty(check.executed_at)}));
  return rows[0].Int(0);
}

Result<std::vector<QualityCheckRun>> QualityCheckRunsOf(Database& db, int64_t dataset_version_id) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT id, check_name, dataset_version_id, reference_dataset_version_id, run_id,"
               " status, metrics_json, findings_json, executed_at FROM quality_check_runs"
               " WHERE dataset_version_id = ? ORDER BY executed_at DESC, id DESC",
               {dataset_version_id}));
  std::vector<QualityCheckRun> out;
  for (const Row& row : rows) {
    QualityCheckRun q;
    q.id = row.Int(0);
    q.check_name = row.Text(1);
    q.dataset_version_id = row.Int(2);
    q.reference_dataset_version_id = row.OptionalInt(3);
    q.run_id = row.OptionalInt(4);
    q.status = row.Text(5);
    q.metrics_json = row.OptionalText(6);
    q.findings_json = row.OptionalText(7);
    q.executed_at = row.Text(8);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace airm::store
