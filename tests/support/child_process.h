// Child processes for tests that start real servers (model servers, SMTP,
// Alertmanager): each runs in its own process group with stdin from
// /dev/null and stdout + stderr in a log file, so stopping it kills whatever
// it started too.
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <string>
#include <vector>

extern char** environ;

namespace airm::testing {

// Starts argv[0] (an absolute path) with `argv`; the child's pid, or -1 when
// it could not be started.
inline pid_t SpawnInProcessGroup(std::vector<std::string> argv, const std::string& log_path) {
  std::vector<char*> raw;
  for (std::string& arg : argv) raw.push_back(arg.data());
  raw.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, raw[0], &actions, &attributes, raw.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  return spawned == 0 ? pid : -1;
}

// False once the child has exited; then kills what may remain of its group,
// reaps it and sets *pid to -1.
inline bool ChildIsRunning(pid_t* pid) {
  if (*pid <= 0) return false;
  int status = 0;
  if (::waitpid(*pid, &status, WNOHANG) == 0) return true;
  ::kill(-*pid, SIGKILL);
  *pid = -1;
  return false;
}

// Kills the child's whole process group and reaps it; *pid becomes -1.
inline void KillChildGroup(pid_t* pid) {
  if (*pid <= 0) return;
  ::kill(-*pid, SIGKILL);
  while (::waitpid(*pid, nullptr, 0) < 0 && errno == EINTR) {
  }
  *pid = -1;
}

}  // namespace airm::testing
