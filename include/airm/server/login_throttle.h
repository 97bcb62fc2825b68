// Login rate limiting per account and client address: after kMaxFailures
// failed logins within kWindowSeconds the pair is locked for kLockSeconds,
// and every attempt in that time is refused before the password is checked
// (a correct password too), so guessing costs the attacker the lock time.
// Counting per (account, address) keeps one attacker from locking a user out
// everywhere. Thread-safe; in memory (a restart clears it).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace airm::server {

class LoginThrottle {
 public:
  static constexpr int kMaxFailures = 5;
  static constexpr int64_t kWindowSeconds = 15 * 60;
  static constexpr int64_t kLockSeconds = 15 * 60;
  // Seconds until the pair may try again; 0 = may try now.
  int64_t RetryAfter(const std::string& account, const std::string& client, int64_t now) const;
  // True when this failure locked the pair.
  bool RecordFailure(const std::string& account, const std::string& client, int64_t now);
  void RecordSuccess(const std::string& account, const std::string& client);

 private:
  struct Entry {
    int failures = 0;
    int64_t first_failure = 0;
    int64_t locked_until = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, Entry> entries_;
};

}  // namespace airm::server
