#include "airm/store/login_throttle.h"

namespace airm::store {

Result<std::optional<LoginFailures>> FindLoginFailures(Database& db, const std::string& account,
                                                       const std::string& client) {
  AIRM_ASSIGN_OR_RETURN(auto rows, db.Query("SELECT failures, first_failure_unix, locked_until_unix"
                                            " FROM login_throttle WHERE account = ? AND client = ?",
                                            {account, client}));
  if (rows.empty()) return std::optional<LoginFailures>();
  return std::optional<LoginFailures>(
      LoginFailures{rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)});
}

Status PutLoginFailures(Database& db, const std::string& account, const std::string& client,
                        const LoginFailures& f) {
  return db.Execute(
      "INSERT INTO login_throttle (account, client, failures, first_failure_unix,"
      " locked_until_unix) VALUES (?, ?, ?, ?, ?) ON CONFLICT (account, client) DO UPDATE SET"
      " failures = excluded.failures, first_failure_unix = excluded.first_failure_unix,"
      " locked_until_unix = excluded.locked_until_unix",
      {account, client, f.failures, f.first_failure_unix, f.locked_until_unix});
}

Status DeleteStaleLoginFailures(Database& db, int64_t now_unix, int64_t counted_since_unix) {
  return db.Execute(
      "DELETE FROM login_throttle WHERE locked_until_unix <= ? AND first_failure_unix < ?",
      {now_unix, counted_since_unix});
}

Status ClearLoginFailures(Database& db, const std::string& account, const std::string& client) {
  return db.Execute("DELETE FROM login_throttle WHERE account = ? AND client = ?",
                    {account, client});
}

}  // namespace airm::store
