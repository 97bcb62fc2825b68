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

// Reads all of `path`, at most max_bytes + 1 bytes whatever the file does
// while it is read. `what` names the file's role in messages ("schema file");
// `raise_hint`, when a flag can raise the cap, is added to the too-large
// message ("raise it with --max-model-bytes"). Errors: kNotFound (missing),
// kIoError (unreadable), kInvalidArgument (not a regular file, or more than
// `max_bytes` bytes).
Result<std::string> ReadSmallFile(const std::string& path, std::string_view what,
                                  size_t max_bytes = kSmallFileMaxBytes,
                                  std::string_view raise_hint = {});

}  // namespace airm
