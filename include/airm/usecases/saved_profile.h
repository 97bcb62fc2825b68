// Saved profiles as inputs: the binary files `airm profile --save` and
// `airm profile merge --out` write (docs/formats/profile.md), read back with
// their digest, and recognised by their magic so a command can take either a
// data file or a saved profile in the same place.
#pragma once

#include <string>

#include "airm/input_info.h"
#include "airm/profile.h"
#include "airm/status.h"

namespace airm::usecases {

// Saved profiles are read whole; a profile of ten thousand columns at the
// default sketch sizes is far below this.
inline constexpr size_t kMaxSavedProfileBytes = size_t{1} << 30;

// True when `path` is a regular file that starts with the profile magic
// ("AIRMPROF"). Pipes, stdin ("-") and unreadable paths are not profiles
// (the data readers report on them).
bool IsSavedProfile(const std::string& path);

// Reads and validates a saved profile; *info gets path, SHA-256, bytes, rows
// (the profile's row count) and columns. Errors name the file: kNotFound,
// kIoError, kCorrupt (bad magic, version, checksum, truncation).
Result<Profile> ReadSavedProfile(const std::string& path, InputInfo* info);

}  // namespace airm::usecases
