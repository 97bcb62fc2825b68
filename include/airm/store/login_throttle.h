// Failed logins of `airm serve` per (account, client address), in the store
// (migration 012_login_throttle.sql). This file only reads and writes rows;
// the rule (how many failures, how long a lock) is the use case's
// (airm/usecases/login_throttle.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct LoginFailures {
  int64_t failures = 0;
  int64_t first_failure_unix = 0;  // seconds since 1970 UTC
  int64_t locked_until_unix = 0;   // 0: not locked
};

Result<std::optional<LoginFailures>> FindLoginFailures(Database& db, const std::string& account,
                                                       const std::string& client);
// Inserts or replaces the pair's row.
Status PutLoginFailures(Database& db, const std::string& account, const std::string& client,
                        const LoginFailures& failures);
// Deletes every pair neither locked after `now_unix` nor with a first
// failure after `counted_since_unix`: rows that no longer count.
Status DeleteStaleLoginFailures(Database& db, int64_t now_unix, int64_t counted_since_unix);
// Forgets the pair (a successful login).
Status ClearLoginFailures(Database& db, const std::string& account, const std::string& client);

}  // namespace airm::store
