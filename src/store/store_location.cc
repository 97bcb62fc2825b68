// Telling a PostgreSQL URL from a store file path, and keeping passwords out
// of messages.
#include <string>
#include <string_view>

#include "airm/store/database.h"

namespace airm::store {

bool IsPostgresUrl(std::string_view location) {
  return location.starts_with("postgresql://") || location.starts_with("postgres://");
}

std::string RedactPostgresUrl(std::string_view url) {
  // postgresql://user:password@host/db: the password sits between the first
  // ':' after the scheme and the last '@' of the authority.
  const size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const size_t authority = scheme_end + 3;
  size_t authority_end = url.find_first_of("/?", authority);
  if (authority_end == std::string_view::npos) authority_end = url.size();
  const size_t at = url.substr(0, authority_end).rfind('@');
  std::string out(url);
  if (at != std::string_view::npos && at > authority) {
    const size_t colon = url.substr(authority, at - authority).find(':');
    if (colon != std::string_view::npos) {
      out = std::string(url.substr(0, authority + colon + 1)) + "***" + std::string(url.substr(at));
    }
  }
  // A password may also come as a query parameter.
  const size_t query = out.find("password=");
  if (query != std::string::npos && query > 0 && (out[query - 1] == '?' || out[query - 1] == '&')) {
    size_t end = out.find('&', query);
    if (end == std::string::npos) end = out.size();
    out.replace(query + 9, end - query - 9, "***");
  }
  return out;
}

}  // namespace airm::store
