#include "airm/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>
#include <utility>

namespace airm {
namespace {

std::atomic<std::size_t> g_limit{kDefaultNonRegularInputLimit};

// Copies of non-regular inputs by the name they were opened under. Kept for
// the life of the process: the bytes of a pipe cannot be read again.
struct Spool {
  std::mutex mutex;
  std::map<std::string, std::shared_ptr<const std::string>> copies;
  // Held while a non-regular input is looked up, opened and read: two
  // threads opening the same pipe at once (a file's digest and its parse run
  // side by side) would split its bytes between them, or the second would
  // wait for a writer that has gone. Regular files do not take it.
  std::mutex reading;
};

// False for standard input, FIFOs, sockets and paths that cannot be
// examined (Open reports those).
bool IsRegularPath(const std::string& path) {
  struct stat info {};
  return path != "-" && ::stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

Spool& TheSpool() {
  static Spool* spool = new Spool();  // never destroyed: used until exit
  return *spool;
}

std::string ErrnoText(int err) { return std::strerror(err); }

// Reads `fd` to its end, failing past the limit so an endless pipe costs
// bounded memory and time.
Result<std::string> ReadAll(int fd, const std::string& path, std::size_t limit) {
  std::string data;
  std::size_t size = 0;
  while (true) {
    if (data.size() - size < (64u << 10)) {
      data.resize(std::min(std::max<std::size_t>(data.size() * 2, 1u << 20), limit + 1));
    }
    if (size == data.size()) {
      return Status::IoError(path + ": input longer than " + std::to_string(limit) +
                             " bytes, the limit for standard input and pipes (they are read into "
                             "memory once); raise it with --max-pipe-bytes, or write it to a file "
                             "and give the file's name");
    }
    const ssize_t n = ::read(fd, data.data() + size, data.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path + ": read failed: " + ErrnoText(errno));
    }
    if (n == 0) break;
    size += static_cast<std::size_t>(n);
  }
  data.resize(size);
  data.shrink_to_fit();
  return data;
}

Status CheckKind(const std::string& path, const struct stat& info) {
  if (S_ISDIR(info.st_mode)) return Status::IoError(path + ": is a directory, not a file");
  if (S_ISCHR(info.st_mode) || S_ISBLK(info.st_mode)) {
    return Status::IoError(path + (path == "-" ? " (standard input)" : "") +
                           ": is a device (a terminal or a source such as /dev/zero that may "
                           "never end), not a data file; give a file, or pipe one in with '-'");
  }
  return Status::Ok();
}

}  // namespace

void SetNonRegularInputLimit(std::size_t bytes) { g_limit.store(bytes); }
std::size_t NonRegularInputLimit() { return g_limit.load(); }

Result<InputFile> InputFile::Open(const std::string& path) {
  InputFile input;
  input.path_ = path;
  Spool& spool = TheSpool();
  std::unique_lock<std::mutex> reading(spool.reading, std::defer_lock);
  if (!IsRegularPath(path)) reading.lock();
  {
    std::lock_guard<std::mutex> lock(spool.mutex);
    if (auto it = spool.copies.find(path); it != spool.copies.end()) {
      input.memory_ = it->second;
      return input;
    }
  }
  int fd = -1;
  if (path == "-") {
    fd = ::dup(STDIN_FILENO);
    if (fd < 0) return Status::IoError("-: cannot read standard input: " + ErrnoText(errno));
  } else {
    // Refuse devices before opening: opening some (a terminal, a tape) can
    // wait or have effects. A FIFO is opened blocking, waiting for its
    // writer as `cat` would.
    struct stat named {};
    if (::stat(path.c_str(), &named) != 0) {
      return Status::IoError(path + ": cannot open: " + ErrnoText(errno));
    }
    AIRM_RETURN_IF_ERROR(CheckKind(path, named));
    fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(path + ": cannot open: " + ErrnoText(errno));
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0) {
    const int err = errno;
    ::close(fd);
    return Status::IoError(path + ": cannot read: " + ErrnoText(err));
  }
  if (Status kind = CheckKind(path, info); !kind.ok()) {
    ::close(fd);
    return kind;
  }
  if (S_ISREG(info.st_mode)) {
    input.fd_ = fd;
    return input;
  }
  Result<std::string> data = ReadAll(fd, path, g_limit.load());
  ::close(fd);
  if (!data.ok()) return data.status();
  auto copy = std::make_shared<const std::string>(std::move(data).value());
  std::lock_guard<std::mutex> lock(spool.mutex);
  input.memory_ = spool.copies.emplace(path, std::move(copy)).first->second;
  return input;
}

InputFile::InputFile(InputFile&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      memory_(std::move(other.memory_)),
      position_(other.position_) {}

InputFile& InputFile::operator=(InputFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    memory_ = std::move(other.memory_);
    position_ = other.position_;
  }
  return *this;
}

InputFile::~InputFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::size_t> InputFile::Read(char* out, std::size_t capacity) {
  if (fd_ < 0) {
    const std::string& data = *memory_;
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(capacity, data.size() - position_));
    std::memcpy(out, data.data() + position_, n);
    position_ += n;
    return n;
  }
  while (true) {
    const ssize_t n = ::read(fd_, out, capacity);
    if (n >= 0) {
      position_ += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
    if (errno != EINTR) return Status::IoError(path_ + ": read failed: " + ErrnoText(errno));
  }
}

Status InputFile::ReadAt(char* out, std::size_t count, std::uint64_t offset) const {
  if (fd_ < 0) {
    const std::string& data = *memory_;
    if (offset > data.size() || data.size() - offset < count) {
      return Status::IoError(path_ + ": read past the end of the input");
    }
    std::memcpy(out, data.data() + offset, count);
    return Status::Ok();
  }
  std::size_t done = 0;
  while (done < count) {
    const ssize_t n = ::pread(fd_, out + done, count - done, static_cast<off_t>(offset + done));
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": read failed: " + ErrnoText(errno));
    }
    if (n == 0) {
      return Status::IoError(path_ +
                             ": the file shrank while it was being read (another process "
                             "truncated or rewrote it); read it again once it is complete");
    }
    done += static_cast<std::size_t>(n);
  }
  return Status::Ok();
}

std::uint64_t InputFile::Size() const {
  if (fd_ < 0) return memory_->size();
  struct stat info {};
  if (::fstat(fd_, &info) != 0 || info.st_size < 0) return 0;
  return static_cast<std::uint64_t>(info.st_size);
}

}  // namespace airm
