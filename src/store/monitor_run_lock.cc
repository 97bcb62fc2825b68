#include "airm/store/monitor_run_lock.h"

#include "store_util.h"

namespace airm::store {

Status AcquireMonitorRunLock(Database& db, const RunLockHolder& me,
                             const HolderAliveFn& holder_alive) {
  return db.WriteTransaction([&](Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> rows,
        tx.Query("SELECT holder, host, pid, acquired_at FROM monitor_run_lock WHERE id = 1"));
    if (!rows.empty()) {
      const Row& row = rows[0];
      if (row.Text(0) != me.Id() && holder_alive(row.Text(1), row.Int(2))) {
        return Status::Unavailable("another `airm monitor run` holds the lock (" + row.Text(0) +
                                   " since " + row.Text(3) + ")");
      }
      AIRM_RETURN_IF_ERROR(tx.Execute("DELETE FROM monitor_run_lock WHERE id = 1"));
    }
    return tx.Execute(
        "INSERT INTO monitor_run_lock (id, holder, host, pid, acquired_at) VALUES (1, ?, ?, ?, ?)",
        {me.Id(), me.host, me.pid, UtcNow()});
  });
}

Status ReleaseMonitorRunLock(Database& db, const RunLockHolder& me) {
  return db.WriteTransaction([&](Database& tx) {
    return tx.Execute("DELETE FROM monitor_run_lock WHERE id = 1 AND holder = ?", {me.Id()});
  });
}

}  // namespace airm::store
