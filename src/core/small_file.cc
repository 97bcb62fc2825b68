#include "airm/small_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace airm {
namespace {

std::string KindOf(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// "16 MiB" for whole mebibytes, else the byte count.
std::string LimitText(size_t max_bytes) {
  if (max_bytes >= (size_t{1} << 20) && max_bytes % (size_t{1} << 20) == 0) {
    return std::to_string(max_bytes >> 20) + " MiB";
  }
  return std::to_string(max_bytes) + "-byte";
}

}  // namespace

Result<std::string> ReadSmallFile(const std::string& path, std::string_view what, size_t max_bytes,
                                  std::string_view raise_hint) {
  const std::string name = path + " (" + std::string(what) + ")";
  // O_NONBLOCK: opening a FIFO must not wait for a writer before we can
  // refuse it. It does not affect reads from a regular file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return Status::NotFound(name + ": no such file");
    return Status::IoError(name + ": cannot open: " + std::strerror(err));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::IoError(name + ": cannot stat: " + std::strerror(err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidArgument(name + " is " + KindOf(st.st_mode) + "; expected a regular " +
                                   std::string(what));
  }
  const auto too_large = [&] {
    return Status::InvalidArgument(
        name + " is larger than the " + LimitText(max_bytes) + " limit for a " + std::string(what) +
        (raise_hint.empty() ? "" : " (" + std::string(raise_hint) + ")"));
  };
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    ::close(fd);
    return too_large();
  }
  std::string text;
  text.resize(static_cast<size_t>(st.st_size));
  size_t used = 0;
  while (true) {
    // The file may grow while we read: keep reading, bounded by the cap.
    if (used == text.size()) {
      if (text.size() > max_bytes) {
        ::close(fd);
        return too_large();
      }
      text.resize(std::min(max_bytes + 1, std::max<size_t>(4096, text.size() * 2)));
    }
    const ssize_t n = ::read(fd, text.data() + used, text.size() - used);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      return Status::IoError(name + ": read failed: " + std::strerror(err));
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  ::close(fd);
  if (used > max_bytes) return too_large();
  text.resize(used);
  return text;
}

}  // namespace airm
