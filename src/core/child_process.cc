#include "airm/child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>
#include <vector>

extern char** environ;

namespace airm {
namespace {

using Clock = std::chrono::steady_clock;

// Closes a descriptor once, whatever path leaves the scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { Close(); }
  int get() const { return fd_; }
  bool open() const { return fd_ >= 0; }
  void Close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }
  void Reset(int fd) {
    Close();
    fd_ = fd;
  }

 private:
  int fd_;
};

struct Pipe {
  Fd read;
  Fd write;
};

bool MakePipe(Pipe* pipe) {
  int fds[2];
  // O_CLOEXEC: a child spawned concurrently by another thread must not
  // inherit our ends, or it would hold the pipe open and hide EOF.
  if (::pipe2(fds, O_CLOEXEC) != 0) return false;
  pipe->read.Reset(fds[0]);
  pipe->write.Reset(fds[1]);
  return true;
}

void SetNonBlocking(int fd) { ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK); }

// Blocks SIGPIPE on this thread for its lifetime; on exit consumes a SIGPIPE
// that a write to a closed pipe left pending, then restores the mask.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&sigpipe_);
    sigaddset(&sigpipe_, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &sigpipe_, &old_mask_);
  }
  ~SigpipeBlock() {
    sigset_t pending;
    sigpending(&pending);
    if (sigismember(&pending, SIGPIPE) == 1 && sigismember(&old_mask_, SIGPIPE) == 0) {
      const timespec zero{0, 0};
      sigtimedwait(&sigpipe_, nullptr, &zero);
    }
    pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
  }

 private:
  sigset_t sigpipe_;
  sigset_t old_mask_;
};

int MillisecondsLeft(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return left.count() <= 0 ? 0 : static_cast<int>(left.count()) + 1;
}

// Reads what is available; returns false at EOF or on a hard error.
bool Drain(int fd, std::string* out, size_t limit, bool* overflow) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof(buffer));
    if (n > 0) {
      if (out->size() + static_cast<size_t>(n) > limit) {
        *overflow = true;
        out->append(buffer, limit - std::min(limit, out->size()));
      } else {
        out->append(buffer, static_cast<size_t>(n));
      }
      continue;
    }
    if (n == 0) return false;
    if (errno == EINTR) continue;
    return errno == EAGAIN || errno == EWOULDBLOCK;
  }
}

void KeepTail(std::string* text, size_t max_bytes) {
  if (text->size() > max_bytes) text->erase(0, text->size() - max_bytes);
}

}  // namespace

ChildRun RunShellCommand(const std::string& command, std::string_view input,
                         double timeout_seconds) {
  return RunChild({"/bin/sh", "-c", command}, input, timeout_seconds);
}

ChildRun RunChild(const std::vector<std::string>& argv, std::string_view input,
                  double timeout_seconds) {
  ChildRun run;
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + std::chrono::duration_cast<Clock::duration>(
                                                 std::chrono::duration<double>(timeout_seconds));
  Pipe in, out, err;
  if (!MakePipe(&in) || !MakePipe(&out) || !MakePipe(&err)) {
    run.spawn_error = std::string("pipe: ") + std::strerror(errno);
    return run;
  }

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in.read.get(), STDIN_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out.write.get(), STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, err.write.get(), STDERR_FILENO);
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  // Own process group (killable as a whole), default signal dispositions
  // and an empty mask, whatever the calling thread has blocked or ignored.
  posix_spawnattr_setflags(&attributes,
                           POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
  posix_spawnattr_setpgroup(&attributes, 0);
  sigset_t signals;
  sigemptyset(&signals);
  posix_spawnattr_setsigmask(&attributes, &signals);
  sigfillset(&signals);
  posix_spawnattr_setsigdefault(&attributes, &signals);

  std::vector<std::string> argv_copy = argv;
  std::vector<char*> raw_argv;
  for (std::string& arg : argv_copy) raw_argv.push_back(arg.data());
  raw_argv.push_back(nullptr);
  SigpipeBlock sigpipe_block;
  pid_t pid = 0;
  const int spawn_status =
      posix_spawnp(&pid, raw_argv[0], &actions, &attributes, raw_argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attributes);
  if (spawn_status != 0) {
    run.spawn_error = "cannot start " + argv.front() + ": " + std::strerror(spawn_status);
    return run;
  }
  run.spawned = true;
  in.read.Close();
  out.write.Close();
  err.write.Close();
  SetNonBlocking(in.write.get());
  SetNonBlocking(out.read.get());
  SetNonBlocking(err.read.get());

  size_t written = 0;
  if (input.empty()) in.write.Close();
  std::string stderr_text;
  bool stderr_overflow = false;
  while (out.read.open() || err.read.open()) {
    pollfd fds[3];
    nfds_t count = 0;
    int in_slot = -1, out_slot = -1, err_slot = -1;
    if (in.write.open()) {
      in_slot = static_cast<int>(count);
      fds[count++] = pollfd{in.write.get(), POLLOUT, 0};
    }
    if (out.read.open()) {
      out_slot = static_cast<int>(count);
      fds[count++] = pollfd{out.read.get(), POLLIN, 0};
    }
    if (err.read.open()) {
      err_slot = static_cast<int>(count);
      fds[count++] = pollfd{err.read.get(), POLLIN, 0};
    }
    const int wait_ms = MillisecondsLeft(deadline);
    if (wait_ms == 0) {
      run.timed_out = true;
      break;
    }
    const int ready = ::poll(fds, count, wait_ms);
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    if (in_slot >= 0 && fds[in_slot].revents != 0) {
      const ssize_t n = ::write(in.write.get(), input.data() + written, input.size() - written);
      if (n > 0) {
        written += static_cast<size_t>(n);
        if (written == input.size()) in.write.Close();
      } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
        run.stdin_closed_early = errno == EPIPE;
        in.write.Close();
      }
    }
    if (out_slot >= 0 && fds[out_slot].revents != 0 &&
        !Drain(out.read.get(), &run.stdout_text, kMaxStdoutBytes, &run.stdout_overflow)) {
      out.read.Close();
    }
    if (err_slot >= 0 && fds[err_slot].revents != 0) {
      const bool open = Drain(err.read.get(), &stderr_text, SIZE_MAX, &stderr_overflow);
      KeepTail(&stderr_text, kStderrTailBytes);
      if (!open) err.read.Close();
    }
  }
  in.write.Close();

  // Both output pipes are closed: the child has (almost surely) exited.
  // Wait for that within what is left of the deadline, without reaping yet
  // (WNOWAIT): while the leader is an unreaped zombie its process-group id
  // cannot be reused, so killing the group afterwards is safe. The kill
  // also ends pipeline members or background jobs that outlived the shell.
  bool exited_in_time = false;
  while (!run.timed_out) {
    siginfo_t info{};
    const int waited = ::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOHANG | WNOWAIT);
    if (waited == 0 && info.si_pid == pid) {
      exited_in_time = true;
      break;
    }
    if (waited < 0 && errno != EINTR) break;  // not our child any more (SIGCHLD ignored?)
    if (MillisecondsLeft(deadline) == 0) {
      run.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ::kill(-pid, SIGKILL);
  int wait_status = 0;
  pid_t reaped = -1;
  do {
    reaped = ::waitpid(pid, &wait_status, 0);
  } while (reaped < 0 && errno == EINTR);
  if (exited_in_time && reaped == pid) {
    if (WIFEXITED(wait_status)) {
      run.exited = true;
      run.exit_code = WEXITSTATUS(wait_status);
    } else if (WIFSIGNALED(wait_status)) {
      run.term_signal = WTERMSIG(wait_status);
    }
  }
  run.stderr_tail = std::move(stderr_text);
  run.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return run;
}

}  // namespace airm
