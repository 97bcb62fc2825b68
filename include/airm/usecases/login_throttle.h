// Login rate limiting of `airm serve` per account and client address: after
// kMaxFailures failed logins within kWindowSeconds the pair is locked for
// kLockSeconds, and every attempt in that time is refused before the password
// is checked (a correct password too), so guessing costs the attacker the
// lock time. Counting per (account, address) keeps one attacker from locking
// a user out everywhere.
//
// The counts are rows in the store (airm/store/login_throttle.h), so a lock
// survives a restart of the server and every server process on one store
// shares it; a failure is counted in one write transaction, so concurrent
// attempts are not lost.
#pragma once

#include <cstdint>
#include <string>

#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

inline constexpr int64_t kLoginMaxFailures = 5;
inline constexpr int64_t kLoginWindowSeconds = 15 * 60;
inline constexpr int64_t kLoginLockSeconds = 15 * 60;

struct LoginAttempt {
  store::LocateOptions store = {};
  std::string account = "";  // the username as sent
  std::string client = "";   // the remote address
  int64_t now_unix = 0;      // seconds since 1970 UTC
};

// Seconds until the pair may try again; 0 = it may try now.
Result<int64_t> LoginRetryAfter(const LoginAttempt& attempt);
// Counts a failed login; true when this failure locked the pair.
Result<bool> RecordLoginFailure(const LoginAttempt& attempt);
// A successful login forgets the pair's failures.
Status RecordLoginSuccess(const LoginAttempt& attempt);

}  // namespace airm::usecases
