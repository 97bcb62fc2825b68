#include "airm/store/environment.h"

#include <pwd.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "airm/version.h"

namespace airm::store {
namespace {

std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out.push_back(c);
    }
  }
  return out + "'";
}

// Runs a command through the shell and returns its standard output, or
// nullopt when it cannot run or exits non-zero.
std::optional<std::string> Capture(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  std::array<char, 4096> buf;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe);
  if (status != 0) return std::nullopt;
  return out;
}

}  // namespace

std::string CurrentUser() {
  const char* user = std::getenv("USER");
  if (user != nullptr && *user != '\0') return user;
  struct passwd entry {};
  struct passwd* found = nullptr;
  std::array<char, 4096> buf;
  if (getpwuid_r(getuid(), &entry, buf.data(), buf.size(), &found) == 0 && found != nullptr) {
    return found->pw_name;
  }
  return "uid:" + std::to_string(getuid());
}

std::string EnvironmentJson() {
  nlohmann::json env;
  char host[256] = {};
  env["host"] = gethostname(host, sizeof host - 1) == 0 ? std::string(host) : std::string();
  env["user"] = CurrentUser();
  struct utsname names {};
  env["os"] = uname(&names) == 0
                  ? std::string(names.sysname) + " " + names.release + " " + names.machine
                  : std::string();
  env["airm_version"] = AIRM_VERSION;
  std::error_code ec;
  env["cwd"] = std::filesystem::current_path(ec).string();
  // A directory, user or host name need not be UTF-8; JSON text must be.
  return env.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::string> GitCodeVersion(const std::string& dir) {
  const std::string git = "git -C " + ShellQuote(dir) + " ";
  std::optional<std::string> head = Capture(git + "rev-parse HEAD 2>/dev/null");
  if (!head) return std::nullopt;
  while (!head->empty() && (head->back() == '\n' || head->back() == '\r')) head->pop_back();
  if (head->empty()) return std::nullopt;
  // Untracked files do not make the commit describe the code less well.
  std::optional<std::string> changes =
      Capture(git + "status --porcelain --untracked-files=no 2>/dev/null");
  if (changes && !changes->empty()) *head += "-dirty";
  return head;
}

std::string AbsolutePath(const std::string& path) {
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(path, ec);
  if (ec) return path;
  return abs.lexically_normal().string();
}

}  // namespace airm::store
