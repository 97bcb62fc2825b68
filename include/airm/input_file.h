// InputFile: opening an input named on the command line, whatever it is.
//
// A regular file is read through its descriptor, as often as callers like
// (the digest, then the parse). Anything else that can be read once —
// standard input ("-" or /dev/stdin), a pipe, a FIFO, a socket — is read
// whole into memory on first open, up to a byte limit, and every later open
// of the same name in this process is served from that copy: so a digest and
// a parse see the same bytes and a FIFO is never opened twice. An input that
// would never end (a character or block device such as /dev/zero or a
// terminal) or is not data (a directory) is refused before any byte is read.
//
// Errors are kIoError whose message starts with the name as given.
// Thread-safe: the copies of non-regular inputs are shared under a mutex.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "airm/status.h"

namespace airm {

// Default for SetNonRegularInputLimit: 1 GiB. Larger inputs are best given
// as a file, which has no limit and is not held in memory.
inline constexpr std::size_t kDefaultNonRegularInputLimit = std::size_t{1} << 30;

// The most bytes a non-regular input may bring before its read fails (the
// input is held in memory). Process-wide; applies to inputs opened after.
void SetNonRegularInputLimit(std::size_t bytes);
std::size_t NonRegularInputLimit();

class InputFile {
 public:
  // "-" is standard input. Fails on a missing file, a directory, a device,
  // or a non-regular input longer than NonRegularInputLimit().
  static Result<InputFile> Open(const std::string& path);

  InputFile(InputFile&& other) noexcept;
  InputFile& operator=(InputFile&& other) noexcept;
  InputFile(const InputFile&) = delete;
  InputFile& operator=(const InputFile&) = delete;
  ~InputFile();

  // Reads up to `capacity` bytes at the current position; 0 only at the end.
  Result<std::size_t> Read(char* out, std::size_t capacity);
  // Reads exactly `count` bytes at `offset` without moving the position;
  // fewer bytes than that (the file shrank) is a kIoError saying so.
  Status ReadAt(char* out, std::size_t count, std::uint64_t offset) const;
  // Size in bytes now (regular files: as fstat reports it).
  std::uint64_t Size() const;
  // Bytes returned by Read so far.
  std::uint64_t position() const { return position_; }
  // True for a regular file, false for an input held in memory.
  bool regular() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }

 private:
  InputFile() = default;
  std::string path_;
  int fd_ = -1;
  std::shared_ptr<const std::string> memory_;
  std::uint64_t position_ = 0;
};

}  // namespace airm
