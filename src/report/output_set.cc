// OutputSet: check all targets, stage regular files as temporaries, then
// rename them into place and write the streams. See airm/output_set.h.
#include "airm/output_set.h"

#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace airm {
namespace {

enum class TargetKind { kStdout, kStderr, kStream, kRegular };

struct Target {
  TargetKind kind = TargetKind::kRegular;
  std::string path;  // kStream: as given; kRegular: the file to replace, links followed
  mode_t mode = 0644;
};

std::string Name(const std::string& flag, const std::string& path) {
  return flag.empty() ? path : flag + " " + path;
}

Status Failure(const std::string& flag, const std::string& path, const std::string& what, int err) {
  return Status::IoError(Name(flag, path) + ": " + what +
                         (err != 0 ? std::string(": ") + std::strerror(err) : ""));
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Paths that name this process's own descriptors: writing them means writing
// the descriptor, not replacing whatever file it happens to be.
bool IsDescriptorPath(const std::string& path, int fd) {
  const std::string n = std::to_string(fd);
  return path == "/dev/fd/" + n || path == "/proc/self/fd/" + n ||
         (fd == 1 && path == "/dev/stdout") || (fd == 2 && path == "/dev/stderr");
}

// Follows a chain of symbolic links whose last target does not exist yet, so
// a dangling link creates its target rather than being replaced.
Result<std::string> FollowDanglingLinks(const std::string& flag, const std::string& path) {
  std::string current = path;
  for (int hops = 0; hops < 40; ++hops) {
    struct stat st {};
    if (::lstat(current.c_str(), &st) != 0) {
      if (errno == ENOENT) return current;
      return Failure(flag, path, "cannot be written", errno);
    }
    if (!S_ISLNK(st.st_mode)) return current;
    char buf[PATH_MAX];
    const ssize_t n = ::readlink(current.c_str(), buf, sizeof buf - 1);
    if (n < 0) return Failure(flag, path, "cannot read the link", errno);
    std::string link(buf, static_cast<size_t>(n));
    current = link.starts_with('/') ? link : DirectoryOf(current) + "/" + link;
  }
  return Failure(flag, path, "too many levels of symbolic links", ELOOP);
}

Result<Target> Classify(const std::string& flag, const std::string& path) {
  Target t;
  if (path.empty()) return Status::InvalidArgument(Name(flag, "''") + ": empty output path");
  if (path == "-" || IsDescriptorPath(path, 1)) {
    t.kind = TargetKind::kStdout;
    return t;
  }
  if (IsDescriptorPath(path, 2)) {
    t.kind = TargetKind::kStderr;
    return t;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if (S_ISDIR(st.st_mode)) return Failure(flag, path, "is a directory", 0);
    if (S_ISBLK(st.st_mode)) {
      return Failure(flag, path, "is a block device; refusing to write a report onto it", 0);
    }
    if (!S_ISREG(st.st_mode)) {
      if (::access(path.c_str(), W_OK) != 0) return Failure(flag, path, "cannot be written", errno);
      t.kind = TargetKind::kStream;
      t.path = path;
      return t;
    }
    char resolved[PATH_MAX];
    if (::realpath(path.c_str(), resolved) == nullptr) {
      return Failure(flag, path, "cannot resolve", errno);
    }
    t.path = resolved;
    t.mode = st.st_mode & 07777;
  } else if (errno == ENOENT) {
    AIRM_ASSIGN_OR_RETURN(t.path, FollowDanglingLinks(flag, path));
  } else {
    return Failure(flag, path, "cannot be written", errno);
  }
  const std::string dir = DirectoryOf(t.path);
  struct stat dir_st {};
  if (::stat(dir.c_str(), &dir_st) != 0) {
    return Failure(flag, path, "directory " + dir + " does not exist", errno);
  }
  if (!S_ISDIR(dir_st.st_mode)) return Failure(flag, path, dir + " is not a directory", 0);
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    return Failure(flag, path, "cannot create files in " + dir, errno);
  }
  return t;
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

// A complete, fsync'ed temporary beside the target, removed unless renamed.
class StagedFile {
 public:
  StagedFile() = default;
  StagedFile(const StagedFile&) = delete;
  StagedFile& operator=(const StagedFile&) = delete;
  StagedFile(StagedFile&& other) noexcept { *this = std::move(other); }
  StagedFile& operator=(StagedFile&& other) noexcept {
    std::swap(tmp_path_, other.tmp_path_);
    std::swap(target_, other.target_);
    return *this;
  }
  ~StagedFile() {
    if (!tmp_path_.empty()) ::unlink(tmp_path_.c_str());
  }

  Status Stage(const std::string& flag, const Target& target, std::string_view text) {
    target_ = target.path;
    std::string tmpl = target.path + ".tmp-XXXXXX";
    const int fd = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd < 0) return Failure(flag, target.path, "cannot create a temporary file", errno);
    tmp_path_ = tmpl;
    const auto fail = [&](const char* what, int err) {
      ::close(fd);
      return Failure(flag, target.path, what, err);
    };
    if (::fchmod(fd, target.mode) != 0) return fail("cannot set permissions", errno);
    if (int err = WriteAll(fd, text); err != 0) return fail("write failed", err);
    if (::fsync(fd) != 0) return fail("fsync failed", errno);
    if (::close(fd) != 0) return Failure(flag, target.path, "close failed", errno);
    return Status::Ok();
  }

  Status Commit(const std::string& flag) {
    if (::rename(tmp_path_.c_str(), target_.c_str()) != 0) {
      return Failure(flag, target_, "rename failed", errno);
    }
    tmp_path_.clear();
    // Make the rename durable. Best effort: the file is complete and in place
    // either way, and some file systems refuse fsync on directories.
    const int dir_fd = ::open(DirectoryOf(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
    return Status::Ok();
  }

 private:
  std::string tmp_path_;
  std::string target_;
};

Status WriteStream(const std::string& flag, const Target& target, std::string_view text) {
  if (target.kind == TargetKind::kStdout || target.kind == TargetKind::kStderr) {
    const int fd = target.kind == TargetKind::kStdout ? STDOUT_FILENO : STDERR_FILENO;
    if (int err = WriteAll(fd, text); err != 0) {
      return Failure(flag, target.kind == TargetKind::kStdout ? "<stdout>" : "<stderr>",
                     "write failed", err);
    }
    return Status::Ok();
  }
  const int fd = ::open(target.path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return Failure(flag, target.path, "cannot open", errno);
  const int err = WriteAll(fd, text);
  ::close(fd);
  if (err != 0) return Failure(flag, target.path, "write failed", err);
  return Status::Ok();
}

}  // namespace

void OutputSet::Add(std::string flag, std::string path) {
  if (path.empty()) return;
  outputs_.push_back({std::move(flag), std::move(path), {}});
}

bool OutputSet::Wants(std::string_view flag) const {
  for (const Output& o : outputs_) {
    if (o.flag == flag) return true;
  }
  return false;
}

bool OutputSet::WritesStdout() const {
  for (const Output& o : outputs_) {
    if (o.path == "-" || IsDescriptorPath(o.path, 1)) return true;
  }
  return false;
}

void OutputSet::SetText(std::string_view flag, std::string text) {
  for (Output& o : outputs_) {
    if (o.flag == flag) {
      o.text = std::move(text);
      return;
    }
  }
  assert(false && "SetText for an output that was not added");
}

Status OutputSet::Check() const {
  std::vector<std::pair<const Output*, Target>> seen;
  for (const Output& o : outputs_) {
    AIRM_ASSIGN_OR_RETURN(Target t, Classify(o.flag, o.path));
    for (const auto& [other, other_target] : seen) {
      const bool same_stream = t.kind != TargetKind::kRegular && t.kind != TargetKind::kStream &&
                               t.kind == other_target.kind;
      if (same_stream || (t.kind == other_target.kind && t.path == other_target.path)) {
        return Status::InvalidArgument(Name(other->flag, other->path) + " and " +
                                       Name(o.flag, o.path) + " write to the same place");
      }
    }
    seen.emplace_back(&o, std::move(t));
  }
  return Status::Ok();
}

Status OutputSet::Commit() {
  AIRM_RETURN_IF_ERROR(Check());
  std::vector<std::pair<const Output*, Target>> targets;
  for (const Output& o : outputs_) {
    AIRM_ASSIGN_OR_RETURN(Target t, Classify(o.flag, o.path));
    targets.emplace_back(&o, std::move(t));
  }
  // Stage every regular file; a failure here removes every temporary and
  // leaves all targets untouched.
  std::vector<std::pair<const Output*, StagedFile>> staged;
  for (const auto& [o, t] : targets) {
    if (t.kind != TargetKind::kRegular) continue;
    StagedFile file;
    AIRM_RETURN_IF_ERROR(file.Stage(o->flag, t, o->text));
    staged.emplace_back(o, std::move(file));
  }
  for (auto& [o, file] : staged) AIRM_RETURN_IF_ERROR(file.Commit(o->flag));
  for (const auto& [o, t] : targets) {
    if (t.kind != TargetKind::kRegular) AIRM_RETURN_IF_ERROR(WriteStream(o->flag, t, o->text));
  }
  return Status::Ok();
}

}  // namespace airm
