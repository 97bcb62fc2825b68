// Reading a whole input file with a byte cap, so that an endless input
// (/dev/zero, a device, a pipe that never closes its write end after filling
// the cap) ends in an input error instead of a hang or exhausted memory.
// Model files are read with ReadCappedFile (their limits have their own
// flags); model metas and constraints files with ReadConfigFile.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "airm/small_file.h"
#include "airm/status.h"

namespace airm::chaos {

// Small configuration files (constraints, model metas) may be this large.
inline constexpr uint64_t kMaxConfigFileBytes = uint64_t{16} << 20;

struct CappedFileOptions {
  uint64_t max_bytes = kMaxConfigFileBytes;
  std::string_view what = "file";  // "constraints file", "model file": for messages
  std::string_view raise_hint;     // e.g. "raise it with --max-model-bytes"; may be empty
  bool regular_only = false;       // refuse pipes and devices (a file read twice, e.g. hashed)
};

// The bytes of `path`, read once. IoError naming the file when it cannot be
// opened or read, is a directory, is not a regular file while
// options.regular_only is set, or holds more than options.max_bytes (the
// message gives the limit and options.raise_hint). Reads at most
// max_bytes + 1 bytes, whatever the file is.
Result<std::string> ReadCappedFile(const std::string& path, const CappedFileOptions& options);

// A small configuration file (`what`: "constraints file", ...): the one
// reader of configuration-sized files (airm/small_file.h), so every command
// refuses devices, pipes and directories for such files in the same words.
inline Result<std::string> ReadConfigFile(const std::string& path, std::string_view what) {
  return ReadSmallFile(path, what, kMaxConfigFileBytes);
}

}  // namespace airm::chaos
