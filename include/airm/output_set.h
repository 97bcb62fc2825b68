// OutputSet: every output file of one command, checked before any is
// written and committed together, so a command that fails with exit 2 leaves
// nothing behind and never damages what a path points at.
//
// What a path names decides how it is written:
//   "-", /dev/stdout, /dev/fd/1, /proc/self/fd/1  standard output
//   a regular file or a new name                   atomic replace: a temporary
//       file in the same directory, fsync, rename (readers see the old file
//       or the complete new one; an existing file keeps its permission bits)
//   a symbolic link                                followed to its target (a
//       dangling link creates its target); the link itself is never replaced
//   a character device, FIFO or socket             opened and written directly
//   a directory or a block device                  refused
//
// Usage:
//   OutputSet outputs;
//   outputs.Add("--json", json_path);      // "" = not requested
//   AIRM_RETURN_IF_ERROR(outputs.Check()); // before the long work
//   ...
//   outputs.SetText("--json", json);
//   AIRM_RETURN_IF_ERROR(outputs.Commit());
// Commit() checks again, writes every regular file to its temporary first,
// and only when all of them are complete renames them into place and then
// writes the streams (stdout, devices, pipes). Errors are kIoError or
// kInvalidArgument naming the flag and path. Not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm {

class OutputSet {
 public:
  // Registers output `flag` (used in messages) at `path`; "" is ignored.
  void Add(std::string flag, std::string path);

  // True when `flag` was registered with a non-empty path.
  bool Wants(std::string_view flag) const;

  // True when some output goes to standard output.
  bool WritesStdout() const;

  // The text `flag` will receive. REQUIRES: Wants(flag).
  void SetText(std::string_view flag, std::string text);

  // Checks every path without writing: directories exist, no two outputs
  // share a target or standard output, nothing is a directory.
  [[nodiscard]] Status Check() const;

  // Checks, stages and commits all outputs. An output without text is
  // written empty.
  [[nodiscard]] Status Commit();

 private:
  struct Output {
    std::string flag;
    std::string path;
    std::string text;
  };
  std::vector<Output> outputs_;
};

}  // namespace airm
