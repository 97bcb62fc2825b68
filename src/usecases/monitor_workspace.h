// What every monitoring use case opens first: the workspace's store and the
// monitors declared in its airm.yaml.
#pragma once

#include <string>

#include "airm/monitor/monitor_config.h"
#include "airm/status.h"
#include "airm/store/monitor_run_lock.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases::internal {

struct MonitorWorkspace {
  OpenedStore opened;
  std::string yaml;  // the airm.yaml path
  monitor::MonitorsConfig config;
};

// InvalidArgument when the store was given as a bare file (monitors live in
// airm.yaml); the workspace's and the config's errors.
Result<MonitorWorkspace> OpenMonitorWorkspace(const store::LocateOptions& where);

// The monitor called `name`; NotFound listing the known monitors.
Result<const monitor::MonitorSpec*> FindMonitor(const MonitorWorkspace& ws,
                                                const std::string& name);

// The run lock's holder for this process (host, pid, a fresh nonce), and
// whether a holder's process still runs (false only when it is on this host
// and gone).
store::RunLockHolder MakeRunLockHolder();
bool RunLockHolderAlive(const std::string& host, int64_t pid);

}  // namespace airm::usecases::internal
