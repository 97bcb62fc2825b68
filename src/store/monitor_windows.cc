#include "airm/store/monitor_windows.h"

#include "store_util.h"

namespace airm::store {

using internal::Nullable;

Result<int64_t> InsertMonitorWindow(Database& db, MonitorWindowRecord* record) {
  if (record->status != "ok" && record->status != "empty" && record->status != "estimated") {
    return Status::InvalidArgument("monitor window status must be ok, empty or estimated, got '" +
                                   record->status + "'");
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> latest,
                        db.Query("SELECT COALESCE(MAX(version), 0) FROM monitor_windows"
                                 " WHERE monitor = ? AND schedule = ? AND window_start = ?",
                                 {record->monitor, record->schedule, record->window_start}));
  record->version = latest[0].Int(0) + 1;
  if (record->computed_at.empty()) record->computed_at = UtcNow();
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query(
          "INSERT INTO monitor_windows (monitor, schedule, label, window_start, window_end,"
          " version, status, row_count, result_json, inputs_json, computed_at)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {record->monitor, record->schedule, record->label, record->window_start,
           record->window_end, record->version, record->status, record->row_count,
           Nullable(record->result_json), Nullable(record->inputs_json), record->computed_at}));
  record->id = inserted[0].Int(0);
  return record->id;
}

Result<std::set<std::string>> ComputedWindowStarts(Database& db, const std::string& monitor,
                                                   const std::string& schedule) {
  std::set<std::string> starts;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT DISTINCT window_start FROM monitor_windows WHERE monitor = ? AND schedule = ?",
      {monitor, schedule}, [&](const Row& row) {
        starts.insert(row.Text(0));
        return Status::Ok();
      }));
  return starts;
}

namespace {

// A row of (id, monitor, schedule, label, window_start, window_end, version,
// status, row_count, result_json, inputs_json, computed_at) as a record.
MonitorWindowRecord FromRow(const Row& row) {
  return {row.Int(0),  row.Text(1),         row.Text(2),          row.Text(3),
          row.Text(4), row.Text(5),         row.Int(6),           row.Text(7),
          row.Int(8),  row.OptionalText(9), row.OptionalText(10), row.Text(11)};
}

// The latest version of each window; with_documents false leaves result_json
// and inputs_json unset, so listing a year of windows does not read a year of
// drift reports.
Result<std::vector<MonitorWindowRecord>> LatestWindows(Database& db, const std::string& monitor,
                                                       const std::string& schedule,
                                                       bool with_documents) {
  std::vector<MonitorWindowRecord> out;
  const std::string documents = with_documents ? "w.result_json, w.inputs_json" : "NULL, NULL";
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT w.id, w.monitor, w.schedule, w.label, w.window_start, w.window_end, w.version,"
      " w.status, w.row_count, " +
          documents +
          ", w.computed_at"
          " FROM monitor_windows w WHERE w.monitor = ? AND (? = '' OR w.schedule = ?)"
          " AND w.version = (SELECT MAX(v.version) FROM monitor_windows v WHERE v.monitor = "
          "w.monitor"
          " AND v.schedule = w.schedule AND v.window_start = w.window_start)"
          " ORDER BY w.window_start, w.schedule",
      {monitor, schedule, schedule}, [&](const Row& row) {
        out.push_back(FromRow(row));
        return Status::Ok();
      }));
  return out;
}

}  // namespace

Result<std::vector<MonitorWindowRecord>> ListMonitorWindows(Database& db,
                                                            const std::string& monitor,
                                                            const std::string& schedule) {
  return LatestWindows(db, monitor, schedule, /*with_documents=*/true);
}

Result<std::vector<MonitorWindowRecord>> ListMonitorWindowHeads(Database& db,
                                                                const std::string& monitor,
                                                                const std::string& schedule) {
  return LatestWindows(db, monitor, schedule, /*with_documents=*/false);
}

Result<std::optional<MonitorWindowRecord>> LatestMonitorWindowHead(Database& db,
                                                                   const std::string& monitor,
                                                                   const std::string& schedule) {
  std::optional<MonitorWindowRecord> out;
  // Walks monitor_windows_by_time backwards from the newest window_start.
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT id, monitor, schedule, label, window_start, window_end, version, status, row_count,"
      " NULL, NULL, computed_at FROM monitor_windows WHERE monitor = ? AND schedule = ?"
      " ORDER BY window_start DESC, version DESC LIMIT 1",
      {monitor, schedule}, [&](const Row& row) {
        out = FromRow(row);
        return Status::Ok();
      }));
  return out;
}

Result<std::optional<std::string>> MonitorWindowResult(Database& db, int64_t id) {
  std::optional<std::optional<std::string>> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach("SELECT result_json FROM monitor_windows WHERE id = ?", {id},
                                    [&](const Row& row) {
                                      out = row.OptionalText(0);
                                      return Status::Ok();
                                    }));
  if (!out) return Status::NotFound("no monitor window with id " + std::to_string(id));
  return *out;
}

}  // namespace airm::store
