// FileStamp: what identifies one version of a file without reading it (its
// modification time to the nanosecond, size and inode), for a long-running
// process that keeps something parsed from a configuration file and checks
// with one stat() per use whether the file changed (store_pool.h,
// usecases/monitor_config_cache.h).
//
// A stamp can miss an edit: a file rewritten in place with the same size
// within the file system's timestamp granularity (often a few milliseconds)
// keeps its stamp. Callers that must not miss one compare content too while
// the stamp is recent (IsRecent).
#pragma once

#include <cstdint>
#include <string>

namespace airm {

struct FileStamp {
  int64_t mtime_ns = -1;
  int64_t size = -1;
  int64_t inode = -1;
  bool operator==(const FileStamp&) const = default;
};

// The stamp of `path`, following links; all -1 (equal to FileStamp{}) when
// the path is empty or cannot be stat()ed, so a file that disappears is a
// change too.
FileStamp StampFile(const std::string& path);

// True when the file was modified less than `margin_ns` before `now_ns`
// (CLOCK_REALTIME nanoseconds), or the stamp is empty: an edit within the
// timestamp granularity could still leave the stamp as it is.
bool IsRecent(const FileStamp& stamp, int64_t now_ns, int64_t margin_ns);

}  // namespace airm
