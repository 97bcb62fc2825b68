// What every end-to-end test of the real `airm` binary needs: run a shell
// command line with its stdout and stderr captured in files, and read them
// back with the exit code.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace airm::testing {

struct CommandResult {
  int exit_code = -1;  // -1 when the process did not exit normally
  std::string out;
  std::string err;
  // stdout parsed as JSON; a discarded value when it is not JSON.
  nlohmann::json Json() const { return nlohmann::json::parse(out, nullptr, false); }
};

inline std::string ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Single-quotes `s` for sh.
inline std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs `command_line` with sh; its output goes to stdout<tag>.txt and
// stderr<tag>.txt in `scratch_dir` (the tag keeps several results apart).
inline CommandResult RunShell(const std::string& command_line,
                              const std::filesystem::path& scratch_dir,
                              const std::string& tag = "") {
  const std::filesystem::path out = scratch_dir / ("stdout" + tag + ".txt");
  const std::filesystem::path err = scratch_dir / ("stderr" + tag + ".txt");
  const std::string cmd =
      command_line + " >" + ShellQuote(out.string()) + " 2>" + ShellQuote(err.string());
  const int status = std::system(cmd.c_str());
  CommandResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = ReadWholeFile(out);
  result.err = ReadWholeFile(err);
  return result;
}

}  // namespace airm::testing
