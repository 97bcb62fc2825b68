// `airm serve`: the JSON API over the workspace's store, on cpp-httplib with
// a worker pool, TLS through OpenSSL when given a certificate, request logs
// through a callback, and a graceful stop (in-flight requests finish).
//
// Without TLS the server only listens on a loopback address unless
// allow_insecure_remote is set: session cookies and tokens would otherwise
// cross the network in clear text.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::server {

struct ServeOptions {
  store::LocateOptions store = {};
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 = any free port
  std::string tls_cert = "";
  std::string tls_key = "";
  bool allow_insecure_remote = false;
  int workers = 8;
  int64_t session_hours = 12;
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
  // before Run), loads the TLS certificate. InvalidArgument / NotFound /
  // IoError ("cannot listen on HOST:PORT: …").
  static Result<std::unique_ptr<Server>> Create(const ServeOptions& options, LogFn log);
  ~Server();
  int port() const;
  std::string url() const;  // http(s)://HOST:PORT
  // Serves until Stop(); returns after in-flight requests finished.
  Status Run();
  // Thread-safe and async-signal-unsafe: call from a signal-watching thread.
  void Stop();

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace airm::server
