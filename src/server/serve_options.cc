#include <arpa/inet.h>

#include <charconv>

#include "airm/server/server.h"

namespace airm::server {

Status ParseListen(std::string_view text, std::string* host, int* port) {
  const std::string expected = "--listen '" + std::string(text) + "': expected HOST:PORT";
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return Status::InvalidArgument(expected);
  std::string_view h = text.substr(0, colon);
  if (h.front() == '[') {
    if (h.back() != ']') return Status::InvalidArgument(expected);
    h = h.substr(1, h.size() - 2);
  }
  const std::string_view p = text.substr(colon + 1);
  int value = -1;
  auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), value);
  if (ec != std::errc() || end != p.data() + p.size() || value < 0 || value > 65535) {
    return Status::InvalidArgument(expected + " with a port 0 to 65535");
  }
  *host = std::string(h);
  *port = value;
  return Status::Ok();
}

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;
  const std::string h(host);
  in_addr v4{};
  if (inet_pton(AF_INET, h.c_str(), &v4) == 1) return (ntohl(v4.s_addr) >> 24) == 127;
  in6_addr v6{};
  if (inet_pton(AF_INET6, h.c_str(), &v6) == 1) return IN6_IS_ADDR_LOOPBACK(&v6);
  return false;
}

Status ServeOptions::Validate() const {
  std::string host;
  int port = 0;
  AIRM_RETURN_IF_ERROR(ParseListen(listen, &host, &port));
  if (tls_cert.empty() != tls_key.empty()) {
    return Status::InvalidArgument("--tls-cert and --tls-key go together");
  }
  if (tls_cert.empty() && !allow_insecure_remote && !IsLoopbackHost(host)) {
    return Status::InvalidArgument(
        "--listen " + listen +
        ": without TLS airm serve only listens on a loopback address (sessions and tokens "
        "would cross the network in clear text); give --tls-cert and --tls-key, or "
        "--allow-insecure-remote");
  }
  if (workers < 1 || workers > 256) {
    return Status::InvalidArgument("--workers: expected 1 to 256, got " + std::to_string(workers));
  }
  if (session_hours < 1 || session_hours > 24 * 30) {
    return Status::InvalidArgument("--session-hours: expected 1 to 720");
  }
  return Status::Ok();
}

}  // namespace airm::server
