// The monitor run lock: at most one `airm monitor run` computes windows at a
// time per store, so two runs (cron overlapping a manual one) never compute
// or alert on the same window twice.
//
// The lock is a row, taken and released in write transactions. A holder that
// died (kill -9) leaves its row; the next run takes it over when
// `holder_alive` says that process is gone.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct RunLockHolder {
  std::string host;
  int64_t pid = 0;
  std::string nonce;  // distinguishes two holders with a reused pid
  std::string Id() const { return host + ":" + std::to_string(pid) + ":" + nonce; }
};

// True when the process (host, pid) may still be running.
using HolderAliveFn = std::function<bool(const std::string& host, int64_t pid)>;

// Takes the lock for `me`. Unavailable "another monitor run holds the lock
// (host:pid since TIME)" when a live holder has it. Runs its own transaction.
Status AcquireMonitorRunLock(Database& db, const RunLockHolder& me,
                             const HolderAliveFn& holder_alive);

// Releases the lock if `me` holds it (a no-op otherwise).
Status ReleaseMonitorRunLock(Database& db, const RunLockHolder& me);

}  // namespace airm::store
