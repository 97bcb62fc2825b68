#include "airm/chaos/capped_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace airm::chaos {
namespace {

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) close(fd);
  }
};

}  // namespace

Result<std::string> ReadCappedFile(const std::string& path, const CappedFileOptions& options) {
  const std::string name = std::string(options.what) + " '" + path + "'";
  const std::string limit_text =
      "more than " + std::to_string(options.max_bytes) + " bytes (the limit" +
      (options.raise_hint.empty() ? "" : "; " + std::string(options.raise_hint)) + ")";
  // A FIFO's open waits for its writer, as cat's does; it is read once.
  Fd file{open(path.c_str(), O_RDONLY | O_CLOEXEC)};
  if (file.fd < 0) {
    return Status::IoError("cannot open " + name + ": " + std::strerror(errno));
  }
  struct stat info {};
  if (fstat(file.fd, &info) != 0) {
    return Status::IoError("cannot read " + name + ": " + std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) return Status::IoError(name + " is a directory, not a file");
  if (!S_ISREG(info.st_mode) && options.regular_only) {
    return Status::IoError(name + " is not a regular file (a pipe or a device); expected a file");
  }
  if (S_ISREG(info.st_mode) && static_cast<uint64_t>(info.st_size) > options.max_bytes) {
    return Status::IoError(name + " is " + std::to_string(info.st_size) + " bytes, " + limit_text);
  }

  std::string bytes;
  char buffer[1 << 16];
  while (true) {
    const uint64_t room = options.max_bytes + 1 - bytes.size();
    const ssize_t got = read(file.fd, buffer, std::min<uint64_t>(sizeof buffer, room));
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::IoError("cannot read " + name + ": " + std::strerror(errno));
    }
    if (got == 0) break;
    bytes.append(buffer, static_cast<size_t>(got));
    if (bytes.size() > options.max_bytes) return Status::IoError(name + " holds " + limit_text);
  }
  return bytes;
}

}  // namespace airm::chaos
