#include "airm/server/login_throttle.h"

namespace airm::server {

int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& client,
                                  int64_t now) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = entries_.find({account, client});
  if (it == entries_.end() || it->second.locked_until <= now) return 0;
  return it->second.locked_until - now;
}

bool LoginThrottle::RecordFailure(const std::string& account, const std::string& client,
                                  int64_t now) {
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& e = entries_[{account, client}];
  if (e.failures == 0 || now - e.first_failure > kWindowSeconds) {
    e.failures = 0;
    e.first_failure = now;
  }
  ++e.failures;
  if (e.failures >= kMaxFailures) {
    e.locked_until = now + kLockSeconds;
    e.failures = 0;
    return true;
  }
  return false;
}

void LoginThrottle::RecordSuccess(const std::string& account, const std::string& client) {
  std::lock_guard<std::mutex> lock(mutex_);
  entries_.erase({account, client});
}

}  // namespace airm::server
