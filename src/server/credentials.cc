#include "credentials.h"

namespace airm::server {

std::string SessionCookie(const ApiRequest& request) {
  const std::string header = request.Header("cookie");
  const std::string key = std::string(kSessionCookie) + "=";
  size_t at = 0;
  while ((at = header.find(key, at)) != std::string::npos) {
    // A whole cookie name: at the start or after "; ".
    if (at == 0 || header[at - 1] == ' ' || header[at - 1] == ';') {
      const size_t start = at + key.size();
      const size_t end = header.find(';', start);
      return header.substr(start, end == std::string::npos ? std::string::npos : end - start);
    }
    at += key.size();
  }
  return "";
}

std::string BearerToken(const ApiRequest& request) {
  const std::string header = request.Header("authorization");
  constexpr std::string_view kScheme = "Bearer ";
  if (header.size() <= kScheme.size() || header.compare(0, kScheme.size(), kScheme) != 0) return "";
  return header.substr(kScheme.size());
}

std::string SessionCookieHeader(const std::string& value, int64_t max_age_seconds, bool tls) {
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; Max-Age=" + std::to_string(max_age_seconds) + "; HttpOnly; SameSite=Strict" +
         (tls ? "; Secure" : "");
}

}  // namespace airm::server
