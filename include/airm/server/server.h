// `airm serve`: the JSON API over the workspace's store, on cpp-httplib with
// a worker pool, TLS through OpenSSL when given a certificate, request logs
// through a callback, and a graceful stop (in-flight requests finish).
//
// With a scheduler (`--with-scheduler`) the server owns the monitor daemon's
// MonitorScheduler (airm/usecases/monitor_daemon.h), so one process serves
// and monitors: Create takes the monitor run lock (kUnavailable when another
// daemon or run holds it), Run starts the schedule once the socket listens,
// Stop finishes the window being computed before the server stops, and the
// lock is released when the server is destroyed. /readyz shows its state.
//
// Without TLS the server only listens on a loopback address unless
// allow_insecure_remote is set: session cookies and tokens would otherwise
// cross the network in clear text.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "airm/status.h"
#include "airm/store/workspace.h"
#include "airm/usecases/monitor_daemon.h"

namespace airm::server {

struct ServeOptions {
  store::LocateOptions store = {};
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 = any free port
  std::string tls_cert = "";
  std::string tls_key = "";
  bool allow_insecure_remote = false;
  int workers = 8;
  int64_t session_hours = 12;
  // The monitor schedule to run inside the server; its run.store is set to
  // `store`. nullopt = no scheduler.
  std::optional<usecases::MonitorDaemonOptions> scheduler = std::nullopt;
  // InvalidArgument naming --listen / --tls-cert / --tls-key / --workers.
  Status Validate() const;
};

// "127.0.0.1:8080" → host, port; "[::1]:0" too. InvalidArgument naming --listen.
Status ParseListen(std::string_view text, std::string* host, int* port);
bool IsLoopbackHost(std::string_view host);

// One line per request: method, path, status, milliseconds, user.
using LogFn = std::function<void(const std::string& line)>;

class Server {
 public:
  // Checks the options and the store, binds the socket (so the port is known
  // before Run), loads the TLS certificate, creates the scheduler (taking
  // the run lock). InvalidArgument / NotFound / IoError ("cannot listen on
  // HOST:PORT: …"); the scheduler's errors, kUnavailable naming
  // --with-scheduler and the lock's holder.
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options, LogFn log);
  ~Server();
  int port() const;
  std::string url() const;  // http(s)://HOST:PORT
  // Starts the scheduler, then serves until Stop(); returns after in-flight
  // requests finished and the scheduler stopped.
  Status Run();
  // Stops the scheduler (the window being computed is finished and stored),
  // then the server. Thread-safe and async-signal-unsafe: call from a
  // signal-watching thread.
  void Stop();
  // Locates the workspace again (airm.yaml) and reopens the store's
  // connections on their next use (SIGHUP). The server does this by itself
  // when airm.yaml's modification time or size changes. Thread-safe.
  void Reload();
  // Store connections opened since Create (tests: reuse keeps it flat).
  int64_t store_connections_opened() const;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace airm::server
