// The HTTP face on cpp-httplib (Debian's libcpp-httplib-dev): one catch-all
// handler per method hands every request to Dispatch, so routing, roles and
// CSRF live in one place (dispatch.cc) and no httplib type reaches a handler.
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT  // pkg-config's cpp-httplib flags may define it already
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "airm/server/request_metrics.h"
#include "airm/server/server.h"
#include "airm/store/store_pool.h"
#include "airm/usecases/monitor_config_cache.h"
#include "airm/usecases/monitor_history_cache.h"
#include "airm/usecases/store_access.h"
#include "dispatch.h"

namespace airm::server {

struct Server::Impl {
  ServeOptions options;
  LogFn log;
  std::unique_ptr<httplib::Server> http;
  RequestMetrics metrics;
  usecases::MonitorHistoryCache history_cache;
  usecases::MonitorConfigCache config_cache;
  // The workspace and its store connections, reused by every request
  // (store_pool.h): a Scope around each request.
  std::unique_ptr<store::StorePool> pool;
  ServerContext context;
  std::string host;
  int port = 0;
  // Last, so it stops (and releases the lock) first when the server goes.
  std::unique_ptr<usecases::MonitorScheduler> scheduler;
};

namespace {

ApiRequest Translate(const httplib::Request& req) {
  ApiRequest out;
  out.method = req.method;
  out.path = req.path;
  for (const auto& [name, value] : req.params) out.query.emplace(name, value);
  for (const auto& [name, value] : req.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers.emplace(lower, value);
  }
  out.body = req.body;
  out.client = req.remote_addr;
  return out;
}

void Respond(const ApiResponse& r, httplib::Response& res, std::string* error) {
  res.status = r.status;
  for (const auto& [name, value] : r.headers) {
    if (name == "X-Airm-Error") {
      *error = value;
      continue;
    }
    res.set_header(name, value);
  }
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("X-Frame-Options", "DENY");
  // The API's documents need no policy beyond "nothing"; the dashboard's
  // pages set their own (dashboard_handlers.cc).
  if (!res.has_header("Content-Security-Policy")) {
    res.set_header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  }
  res.set_header("Referrer-Policy", "no-referrer");
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
  if (!r.content_type.empty()) res.set_content(r.body, r.content_type.c_str());
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Server::~Server() = default;

Result<std::unique_ptr<Server>> Server::Create(const ServeOptions& options, LogFn log) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  // The store must open (and is migrated) before the server says it listens;
  // the pool keeps that connection for the first request.
  auto impl = std::make_unique<Impl>();
  AIRM_ASSIGN_OR_RETURN(
      impl->pool,
      store::StorePool::Create(
          options.store, {.max_idle = static_cast<size_t>(std::max(options.workers, 1)) + 2}));
  impl->options = options;
  impl->log = std::move(log);
  AIRM_RETURN_IF_ERROR(ParseListen(options.listen, &impl->host, &impl->port));
  if (!options.tls_cert.empty()) {
    for (const std::string& file : {options.tls_cert, options.tls_key}) {
      std::error_code ec;
      if (!std::filesystem::is_regular_file(file, ec)) {
        return Status::NotFound((file == options.tls_cert ? "--tls-cert " : "--tls-key ") + file +
                                ": no such file");
      }
    }
    auto ssl =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!ssl->is_valid()) {
      return Status::InvalidArgument("--tls-cert / --tls-key: OpenSSL could not load " +
                                     options.tls_cert + " with " + options.tls_key +
                                     " (PEM certificate and its private key expected)");
    }
    impl->http = std::move(ssl);
  } else {
    impl->http = std::make_unique<httplib::Server>();
  }
  impl->context = {.store = options.store,
                   .tls = !options.tls_cert.empty(),
                   .metrics = &impl->metrics,
                   .session_hours = options.session_hours,
                   .history_cache = &impl->history_cache,
                   .config_cache = &impl->config_cache};
  httplib::Server& http = *impl->http;
  const int workers = options.workers;
  http.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  http.set_payload_max_length(1 << 20);
  http.set_read_timeout(10, 0);
  http.set_write_timeout(10, 0);
  http.set_keep_alive_timeout(5);
  // httplib writes the headers and the body separately; with Nagle's
  // algorithm and the client's delayed ACK every keep-alive response then
  // waits ~40 ms (measured with bench/serve_wrk.sh: /healthz p50 43 ms).
  http.set_tcp_nodelay(true);
  Impl* self = impl.get();
  auto handler = [self](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    // The use cases this request calls open the store through the pool.
    store::StorePool::Scope pooled(self->pool.get());
    Dispatched d = Dispatch(self->context, Translate(req));
    std::string error;
    Respond(d.response, res, &error);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    self->metrics.Record(req.method, d.route, res.status, seconds);
    if (self->log) {
      char ms[32];
      std::snprintf(ms, sizeof ms, "%.1f", seconds * 1000);
      self->log(req.remote_addr + " " + d.user + " " + req.method + " " + req.path + " " +
                std::to_string(res.status) + " " + ms + "ms" + (error.empty() ? "" : " " + error));
    }
  };
  http.Get(".*", handler);
  http.Post(".*", handler);
  http.Put(".*", handler);
  http.Patch(".*", handler);
  http.Delete(".*", handler);
  http.Options(".*", handler);
  if (impl->port == 0) {
    impl->port = http.bind_to_any_port(impl->host);
    if (impl->port < 0) {
      return Status::IoError("cannot listen on " + options.listen + ": bind failed");
    }
  } else if (!http.bind_to_port(impl->host, impl->port)) {
    return Status::IoError("cannot listen on " + options.listen +
                           ": the address is in use or not available");
  }
  if (options.scheduler) {
    usecases::MonitorDaemonOptions daemon = *options.scheduler;
    daemon.run.store = options.store;
    auto scheduler = usecases::MonitorScheduler::Create(std::move(daemon));
    if (!scheduler.ok()) {
      const Status& s = scheduler.status();
      return Status(s.code(), "--with-scheduler: " + s.message() +
                                  (s.code() == StatusCode::kUnavailable
                                       ? "; stop that daemon, or serve without --with-scheduler"
                                       : ""));
    }
    impl->scheduler = std::move(scheduler).value();
    impl->context.scheduler = impl->scheduler.get();
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  const bool v6 = impl_->host.find(':') != std::string::npos;
  return std::string(impl_->context.tls ? "https" : "http") + "://" +
         (v6 ? "[" + impl_->host + "]" : impl_->host) + ":" + std::to_string(impl_->port);
}

Status Server::Run() {
  // The socket listens since Create (bind_to_port listens too): requests
  // queue until listen_after_bind accepts them.
  if (impl_->scheduler) AIRM_RETURN_IF_ERROR(impl_->scheduler->Start());
  const bool served = impl_->http->listen_after_bind();
  if (impl_->scheduler) impl_->scheduler->Stop();
  if (!served) return Status::IoError("the server on " + url() + " stopped with an error");
  return Status::Ok();
}

void Server::Reload() { impl_->pool->Reload(); }

int64_t Server::store_connections_opened() const { return impl_->pool->connections_opened(); }

void Server::Stop() {
  if (impl_->scheduler) impl_->scheduler->Stop();
  impl_->http->stop();
}

}  // namespace airm::server
