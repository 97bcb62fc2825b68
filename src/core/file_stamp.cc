#include "airm/file_stamp.h"

#include <sys/stat.h>

namespace airm {

FileStamp StampFile(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0) return {};
  return {.mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec,
          .size = static_cast<int64_t>(st.st_size),
          .inode = static_cast<int64_t>(st.st_ino)};
}

bool IsRecent(const FileStamp& stamp, int64_t now_ns, int64_t margin_ns) {
  return stamp == FileStamp{} || now_ns - stamp.mtime_ns < margin_ns;
}

}  // namespace airm
