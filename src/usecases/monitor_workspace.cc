#include "monitor_workspace.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <random>

namespace airm::usecases::internal {
namespace {

std::string WorkspaceYaml(const store::Workspace& workspace) {
  if (workspace.root.empty()) return "";
  return (std::filesystem::path(workspace.root) / store::kWorkspaceFile).string();
}

}  // namespace

Result<std::shared_ptr<const monitor::MonitorsConfig>> LoadWorkspaceMonitors(
    const store::Workspace& workspace, MonitorConfigCache* cache) {
  const std::string yaml = WorkspaceYaml(workspace);
  if (yaml.empty()) {
    return Status::InvalidArgument(
        "monitors are declared in a workspace's airm.yaml; pass the workspace directory to "
        "--store, not the store file");
  }
  if (cache != nullptr) return cache->Get(yaml);
  AIRM_ASSIGN_OR_RETURN(monitor::MonitorsConfig config, monitor::LoadMonitorsConfig(yaml));
  return std::make_shared<const monitor::MonitorsConfig>(std::move(config));
}

Result<MonitorWorkspace> OpenMonitorWorkspace(const store::LocateOptions& where,
                                              MonitorConfigCache* cache) {
  MonitorWorkspace ws;
  AIRM_ASSIGN_OR_RETURN(ws.opened, OpenStore(where));
  AIRM_ASSIGN_OR_RETURN(ws.config, LoadWorkspaceMonitors(ws.opened.workspace, cache));
  ws.yaml = WorkspaceYaml(ws.opened.workspace);
  return ws;
}

Result<const monitor::MonitorSpec*> FindMonitor(const MonitorWorkspace& ws,
                                                const std::string& name) {
  const monitor::MonitorSpec* m = ws.config->Find(name);
  if (m != nullptr) return m;
  std::string names;
  for (const std::string& n : ws.config->Names()) names += (names.empty() ? "" : ", ") + n;
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
