// SHA-256 digests of files and bytes (OpenSSL's EVP interface underneath).
// Identity is content: every input a report names carries its digest.
#pragma once

#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm {

// Lower-case hex SHA-256 of the bytes.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex SHA-256 of an input's bytes, streamed in 1 MiB blocks. The input is
// opened as InputFile::Open does ("-" is standard input; devices are refused;
// a pipe is read once and kept for the parse that follows).
// Also reports the file size through *bytes when not null.
Result<std::string> Sha256File(const std::string& path, uint64_t* bytes = nullptr);

}  // namespace airm
