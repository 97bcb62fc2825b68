// Running another program to completion within a deadline: RunChild starts
// argv (argv[0] looked up on PATH) with a byte string on its stdin,
// collecting stdout and the tail of stderr; RunShellCommand runs
// `sh -c COMMAND` the same way. The chaos command adapter runs user models
// with it, and the PDF printer runs Chromium (report/pdf_print.h).
//
// The child runs in a new process group. On timeout the whole group gets
// SIGKILL (so grandchildren a shell pipeline started die too) and the child
// is reaped before returning: no zombie is ever left. SIGPIPE, raised when
// the child stops reading early, is blocked on the calling thread while the
// child runs and any pending one is consumed, so it can never kill airm; the
// process-wide disposition is left untouched.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace airm {

struct ChildRun {
  bool spawned = false;  // false: the program could not be started (spawn_error says why)
  std::string spawn_error;
  bool timed_out = false;  // the deadline passed; the process group was killed
  bool exited = false;     // exited normally with exit_code
  int exit_code = 0;
  int term_signal = 0;              // the signal that ended it, when !exited && !timed_out
  bool stdin_closed_early = false;  // the child closed stdin before reading it all
  bool stdout_overflow = false;     // stdout passed kMaxStdoutBytes; the rest was dropped
  std::string stdout_text;
  std::string stderr_tail;  // the last kStderrTailBytes of stderr
  double seconds = 0;       // wall time from spawn to reaping
};

inline constexpr size_t kMaxStdoutBytes = 64u << 20;
inline constexpr size_t kStderrTailBytes = 2048;

// REQUIRES: !argv.empty().
ChildRun RunChild(const std::vector<std::string>& argv, std::string_view input,
                  double timeout_seconds);

// RunChild({"/bin/sh", "-c", command}, ...).
ChildRun RunShellCommand(const std::string& command, std::string_view input,
                         double timeout_seconds);

}  // namespace airm
