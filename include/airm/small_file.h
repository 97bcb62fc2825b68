// ReadSmallFile: the one way to read a configuration-sized input (a schema,
// card, workspace config, model meta, OpenLineage events, a metrics JSON).
// Such files are parsed whole in memory, so the read is bounded and only
// regular files are accepted: a directory, /dev/zero, a FIFO or a socket is
// an input error naming the path, never a hang, an exhausted memory or an
// exception from a stream. Data files have their own readers (airm/reader.h).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm {

// The default cap: far above any hand-written configuration.
inline constexpr size_t kSmallFileMaxBytes = size_t{16} << 20;

// Reads all of `path`. `what` names the file's role in messages ("schema
// file"). Errors: kNotFound (missing), kIoError (unreadable), kInvalidArgument
// (not a regular file, or more than `max_bytes` bytes).
Result<std::string> ReadSmallFile(const std::string& path, std::string_view what,
                                  size_t max_bytes = kSmallFileMaxBytes);

}  // namespace airm
