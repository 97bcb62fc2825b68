// What every monitoring use case opens first: the workspace's store and the
// monitors declared in its airm.yaml.
#pragma once

#include <memory>
#include <string>

#include "airm/monitor/monitor_config.h"
#include "airm/status.h"
#include "airm/store/monitor_run_lock.h"
#include "airm/usecases/monitor_config_cache.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases::internal {

struct MonitorWorkspace {
  OpenedStore opened;
  std::string yaml;  // the airm.yaml path
  // Shared with the cache it came from, if any; never null.
  std::shared_ptr<const monitor::MonitorsConfig> config;
};

// The monitors of the workspace's airm.yaml, from `cache` when given.
// InvalidArgument for a store given as a bare file (no airm.yaml); the
// config's errors.
Result<std::shared_ptr<const monitor::MonitorsConfig>> LoadWorkspaceMonitors(
    const store::Workspace& workspace, MonitorConfigCache* cache);

// InvalidArgument when the store was given as a bare file (monitors live in
// airm.yaml); the workspace's and the config's errors. With a cache (a
// server's), the monitors come from it (MonitorConfigCache::Get).
Result<MonitorWorkspace> OpenMonitorWorkspace(const store::LocateOptions& where,
                                              MonitorConfigCache* cache = nullptr);

// The monitor called `name`; NotFound listing the known monitors.
Result<const monitor::MonitorSpec*> FindMonitor(const MonitorWorkspace& ws,
                                                const std::string& name);

// The run lock's holder for this process (host, pid, a fresh nonce), and
// whether a holder's process still runs (false only when it is on this host
// and gone).
store::RunLockHolder MakeRunLockHolder();
bool RunLockHolderAlive(const std::string& host, int64_t pid);

}  // namespace airm::usecases::internal
