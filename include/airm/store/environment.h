// Who and where: the facts a run records about its environment. Never
// secrets: no environment variables, only host, user, OS, airm version and
// working directory.
#pragma once

#include <optional>
#include <string>

namespace airm::store {

// $USER, else the password database entry of the real uid, else "uid:N".
std::string CurrentUser();

// {"host":…, "user":…, "os":…, "airm_version":…, "cwd":…} as JSON text.
std::string EnvironmentJson();

// The git commit of the repository holding `dir` plus "-dirty" when tracked
// files are modified; nullopt outside a repository or without git.
std::optional<std::string> GitCodeVersion(const std::string& dir);

// Absolute, lexically normal form of `path` (relative to the current
// directory); the path itself when that fails.
std::string AbsolutePath(const std::string& path);

}  // namespace airm::store
