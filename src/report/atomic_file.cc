// WriteFileAtomically: temp file in the target's directory + fsync + rename,
// the POSIX recipe for "old file or complete new file, never a torn one".
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include "airm/report.h"

namespace airm {
namespace {

Status IoFailure(const std::string& path, const char* what, int err) {
  return Status::IoError(path + ": " + what + ": " + std::strerror(err));
}

// Writes all of `text` to `fd`, retrying short writes and EINTR.
int WriteAll(int fd, std::string_view text) {
  const char* p = text.data();
  size_t left = text.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return 0;
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

}  // namespace

Status WriteFileAtomically(const std::string& path, std::string_view text) {
  if (path == "-") {
    if (int err = WriteAll(STDOUT_FILENO, text); err != 0) {
      return IoFailure("<stdout>", "write failed", err);
    }
    return Status::Ok();
  }
  if (path.empty()) return Status::IoError("empty output path");

  mode_t mode = 0644;
  struct stat existing {};
  if (::stat(path.c_str(), &existing) == 0) {
    if (S_ISDIR(existing.st_mode)) return Status::IoError(path + ": is a directory");
    mode = existing.st_mode & 07777;
  }

  std::string tmp_path = path + ".tmp-XXXXXX";
  std::vector<char> tmpl(tmp_path.begin(), tmp_path.end());
  tmpl.push_back('\0');
  const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
  if (fd < 0) return IoFailure(path, "cannot create temporary file", errno);
  tmp_path.assign(tmpl.data());

  const auto fail = [&](const char* what, int err) {
    ::close(fd);
    ::unlink(tmp_path.c_str());
    return IoFailure(path, what, err);
  };
  if (::fchmod(fd, mode) != 0) return fail("cannot set permissions", errno);
  if (int err = WriteAll(fd, text); err != 0) return fail("write failed", err);
  if (::fsync(fd) != 0) return fail("fsync failed", errno);
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp_path.c_str());
    return IoFailure(path, "close failed", err);
  }
  if (::rename(tmp_path.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp_path.c_str());
    return IoFailure(path, "rename failed", err);
  }
  // Make the rename itself durable. Best effort: the file is complete and in
  // place either way, and some file systems refuse fsync on directories.
  const int dir_fd = ::open(DirectoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::Ok();
}

}  // namespace airm
