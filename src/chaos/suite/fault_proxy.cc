#include "fault_proxy.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <nlohmann/json.hpp>
#include <system_error>
#include <thread>

namespace airm::chaos::internal {
namespace {

using nlohmann::json;

class HttpFaultProxy : public FaultProxy {
 public:
  HttpFaultProxy(std::string host, int port, double timeout_seconds)
      : upstream_host_(std::move(host)), upstream_port_(port), timeout_(timeout_seconds) {}

  ~HttpFaultProxy() override {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    server_.stop();
    if (thread_.joinable()) thread_.join();
  }

  Status Listen() {
    server_.Post(".*", [this](const httplib::Request& request, httplib::Response& response) {
      Handle(request, response);
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    if (port_ <= 0) return Status::Unavailable("the fault proxy could not bind a loopback port");
    // The proxy serves while the case runs against it, so it needs a thread of
    // its own (not a pool task); a refused thread is a Status, not a throw.
    try {
      thread_ = std::thread([this] { server_.listen_after_bind(); });
    } catch (const std::system_error& e) {
      server_.stop();
      return Status::Unavailable(std::string("the fault proxy could not start its thread: ") +
                                 e.what());
    }
    for (int i = 0; i < 200 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return Status::Ok();
  }

  int port() const override { return port_; }
  void Arm(Fault fault) override { fault_.store(fault); }

 private:
  void Handle(const httplib::Request& request, httplib::Response& response) {
    switch (fault_.load()) {
      case Fault::kHang: {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [this] { return stopping_; });
        response.status = 503;
        return;
      }
      case Fault::kServerError:
        response.status = 503;
        response.set_content("service unavailable (fault injected by airm chaos)", "text/plain");
        return;
      case Fault::kMalformed:
        response.status = 200;
        response.set_content("{\"predictions\": [0.5, 0.5", "application/json");
        return;
      case Fault::kPass:
      case Fault::kWrongCount:
        break;
    }
    httplib::Client client(upstream_host_, upstream_port_);
    // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
    // algorithm and the server's delayed ACK stall every request by ~40 ms.
    client.set_tcp_nodelay(true);
    const auto seconds = std::chrono::duration<double>(timeout_);
    client.set_connection_timeout(std::chrono::duration_cast<std::chrono::microseconds>(seconds));
    client.set_read_timeout(std::chrono::duration_cast<std::chrono::microseconds>(seconds));
    client.set_write_timeout(std::chrono::duration_cast<std::chrono::microseconds>(seconds));
    const std::string content_type = request.get_header_value("Content-Type");
    httplib::Result upstream =
        client.Post(request.path, request.body,
                    content_type.empty() ? "application/json" : content_type.c_str());
    if (!upstream) {
      response.status = 502;
      response.set_content("upstream unreachable: " + httplib::to_string(upstream.error()),
                           "text/plain");
      return;
    }
    response.status = upstream->status;
    std::string body = upstream->body;
    if (fault_.load() == Fault::kWrongCount && upstream->status / 100 == 2) {
      body = DropLastPrediction(body);
    }
    const std::string type = upstream->get_header_value("Content-Type");
    response.set_content(body, type.empty() ? "application/json" : type.c_str());
  }

  std::string upstream_host_;
  int upstream_port_;
  double timeout_;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::atomic<Fault> fault_{Fault::kPass};
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
};

}  // namespace

Result<std::unique_ptr<FaultProxy>> FaultProxy::Start(const std::string& upstream_host,
                                                      int upstream_port, double timeout_seconds) {
  auto proxy = std::make_unique<HttpFaultProxy>(upstream_host, upstream_port, timeout_seconds);
  AIRM_RETURN_IF_ERROR(proxy->Listen());
  return std::unique_ptr<FaultProxy>(std::move(proxy));
}

int ClosedLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  int port = 0;
  socklen_t length = sizeof address;
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  close(fd);  // never listened on: connecting is refused
  return port;
}

std::string DropLastPrediction(const std::string& body) {
  json doc = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return body;
  if (doc.contains("predictions") && doc["predictions"].is_array() && !doc["predictions"].empty()) {
    doc["predictions"].erase(doc["predictions"].size() - 1);
    return doc.dump();
  }
  if (doc.contains("outputs") && doc["outputs"].is_array()) {
    for (json& output : doc["outputs"]) {
      if (!output.is_object() || !output.contains("shape") || !output.contains("data")) continue;
      json& shape = output["shape"];
      json& data = output["data"];
      if (!shape.is_array() || shape.empty() || !shape[0].is_number_integer() || !data.is_array()) {
        continue;
      }
      const int64_t rows = shape[0].get<int64_t>();
      if (rows <= 0 || data.size() % rows != 0) continue;
      const size_t width = data.size() / rows;
      for (size_t i = 0; i < width; ++i) data.erase(data.size() - 1);
      shape[0] = rows - 1;
    }
    return doc.dump();
  }
  return body;
}

}  // namespace airm::chaos::internal
