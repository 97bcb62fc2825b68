#include "monitor_workspace.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <random>

namespace airm::usecases::internal {

Result<MonitorWorkspace> OpenMonitorWorkspace(const store::LocateOptions& where) {
  MonitorWorkspace ws;
  AIRM_ASSIGN_OR_RETURN(ws.opened, OpenStore(where));
  if (ws.opened.workspace.root.empty()) {
    return Status::InvalidArgument(
        "monitors are declared in a workspace's airm.yaml; pass the workspace directory to "
        "--store, not the store file");
  }
  ws.yaml = (std::filesystem::path(ws.opened.workspace.root) / store::kWorkspaceFile).string();
  AIRM_ASSIGN_OR_RETURN(ws.config, monitor::LoadMonitorsConfig(ws.yaml));
  return ws;
}

Result<const monitor::MonitorSpec*> FindMonitor(const MonitorWorkspace& ws,
                                                const std::string& name) {
  const monitor::MonitorSpec* m = ws.config.Find(name);
  if (m != nullptr) return m;
  std::string names;
  for (const std::string& n : ws.config.Names()) names += (names.empty() ? "" : ", ") + n;
  return Status::NotFound("no monitor '" + name + "' in " + ws.yaml +
                          " (known: " + (names.empty() ? "none" : names) + ")");
}

bool RunLockHolderAlive(const std::string& host, int64_t pid) {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0 || host != name) return true;  // cannot tell
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

store::RunLockHolder MakeRunLockHolder() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) name[0] = '\0';
  std::random_device rd;
  return {.host = name,
          .pid = static_cast<int64_t>(getpid()),
          .nonce = std::to_string(rd()) + std::to_string(rd())};
}

}  // namespace airm::usecases::internal
