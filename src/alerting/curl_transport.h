// The module's one network client: libcurl (Debian's libcurl4-openssl-dev)
// for HTTP(S) POSTs and for SMTP with STARTTLS, implicit TLS and AUTH, so the
// module carries no protocol code of its own. Each call is one attempt with
// its own easy handle; retries are the caller's (delivery.cc).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "airm/alerting/channels.h"
#include "airm/status.h"

namespace airm::alerting::internal {

struct HttpPost {
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // sent as application/json
  int timeout_seconds = 10;
  std::string ca_file;
};

struct HttpReply {
  long status = 0;
  std::string body;  // the first few KiB, for error messages
};

// Unavailable when no HTTP reply came (refused, timed out, TLS failure); an
// HTTP reply of any status is a value.
Result<HttpReply> PostJson(const HttpPost& request);

struct SmtpSend {
  std::string host;
  int port = 0;
  SmtpSecurity security = SmtpSecurity::kStartTls;
  std::string username;
  std::string password;
  std::string from;
  std::vector<std::string> to;
  std::string message;  // RFC 5322, CRLF line ends
  int timeout_seconds = 10;
  std::string ca_file;
};

// Unavailable for a connection or TLS failure or a refusal by the server
// (with curl's message and the server's last reply code).
Status SendMail(const SmtpSend& request);

}  // namespace airm::alerting::internal
