// SHA-256 digests of files and bytes (OpenSSL's EVP interface underneath).
// Identity is content: every input a report names carries its digest.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm {

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// Hashes many small inputs one after another through one OpenSSL context and
// one fetched algorithm: a one-shot digest allocates a context and looks the
// algorithm up (under a lock) on every call, which showed in the profile of
// a million per-row digests. Not thread-safe: one per thread.
class Sha256Hasher {
 public:
  static constexpr size_t kHexSize = 64;
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(const Sha256Hasher&) = delete;
  Sha256Hasher& operator=(const Sha256Hasher&) = delete;
  // Writes the lower-case hex SHA-256 of `bytes` to hex[0, kHexSize).
  void Hex(std::string_view bytes, char* hex);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Lower-case hex SHA-256 of an input's bytes, streamed in 1 MiB blocks. The input is
// opened as InputFile::Open does ("-" is standard input; devices are refused;
// a pipe is read once and kept for the parse that follows).
// Also reports the file size through *bytes when not null.
Result<std::string> Sha256File(const std::string& path, uint64_t* bytes = nullptr);

}  // namespace airm
