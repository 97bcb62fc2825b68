#include "curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <mutex>

namespace airm::alerting::internal {
namespace {

constexpr size_t kReplyKeepBytes = 4096;

// curl_global_init is not thread-safe before 7.84 and must precede any handle.
void GlobalInitOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct EasyDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

size_t KeepReply(char* data, size_t size, size_t count, void* user) {
  auto* out = static_cast<std::string*>(user);
  const size_t bytes = size * count;
  if (out->size() < kReplyKeepBytes) {
    out->append(data, std::min(bytes, kReplyKeepBytes - out->size()));
  }
  return bytes;
}

struct Upload {
  const std::string* text;
  size_t offset = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const size_t n = std::min(size * count, upload->text->size() - upload->offset);
  std::memcpy(buffer, upload->text->data() + upload->offset, n);
  upload->offset += n;
  return n;
}

Status Append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return Status::Internal("curl_slist_append: out of memory");
  (void)list.release();
  list.reset(grown);
  return Status::Ok();
}

// Options every request shares: no signals (safe in threads), bounded time,
// redirects not followed (a webhook that redirects is misconfigured).
void CommonOptions(CURL* curl, int timeout_seconds, const std::string& ca_file, char* error) {
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_seconds));
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  if (!ca_file.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
}

std::string CurlError(CURLcode code, const char* buffer) {
  return buffer[0] != '\0' ? std::string(buffer) : std::string(curl_easy_strerror(code));
}

}  // namespace

Result<HttpReply> PostJson(const HttpPost& request) {
  GlobalInitOnce();
  Easy curl(curl_easy_init());
  if (!curl) return Status::Internal("curl_easy_init failed");
  char error[CURL_ERROR_SIZE] = {0};
  Slist headers;
  AIRM_RETURN_IF_ERROR(Append(headers, "Content-Type: application/json"));
  // curl's default "Expect: 100-continue" adds a round trip for bodies > 1 KiB.
  AIRM_RETURN_IF_ERROR(Append(headers, "Expect:"));
  for (const auto& [name, value] : request.headers) {
    AIRM_RETURN_IF_ERROR(Append(headers, name + ": " + value));
  }
  HttpReply reply;
  CommonOptions(curl.get(), request.timeout_seconds, request.ca_file, error);
  curl_easy_setopt(curl.get(), CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl.get(), CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(curl.get(), CURLOPT_POSTFIELDSIZE_LARGE,
                   static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, KeepReply);
  curl_easy_setopt(curl.get(), CURLOPT_WRITEDATA, &reply.body);
  const CURLcode code = curl_easy_perform(curl.get());
  if (code != CURLE_OK) return Status::Unavailable(CurlError(code, error));
  curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

Status SendMail(const SmtpSend& request) {
  GlobalInitOnce();
  Easy curl(curl_easy_init());
  if (!curl) return Status::Internal("curl_easy_init failed");
  char error[CURL_ERROR_SIZE] = {0};
  int port = request.port;
  if (port == 0) {
    port = request.security == SmtpSecurity::kNone       ? 25
           : request.security == SmtpSecurity::kStartTls ? 587
                                                         : 465;
  }
  const std::string scheme = request.security == SmtpSecurity::kImplicitTls ? "smtps" : "smtp";
  const std::string url = scheme + "://" + request.host + ":" + std::to_string(port);
  Slist recipients;
  for (const std::string& to : request.to) AIRM_RETURN_IF_ERROR(Append(recipients, "<" + to + ">"));
  Upload upload{&request.message};
  CommonOptions(curl.get(), request.timeout_seconds, request.ca_file, error);
  curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  if (request.security == SmtpSecurity::kStartTls) {
    // Required, never "try": a mail with alert details must not fall back to
    // plain text because a middlebox stripped the STARTTLS capability.
    curl_easy_setopt(curl.get(), CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  }
  if (!request.username.empty()) {
    curl_easy_setopt(curl.get(), CURLOPT_USERNAME, request.username.c_str());
    curl_easy_setopt(curl.get(), CURLOPT_PASSWORD, request.password.c_str());
  }
  const std::string from = "<" + request.from + ">";
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(curl.get(), CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(curl.get(), CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(curl.get(), CURLOPT_READDATA, &upload);
  curl_easy_setopt(curl.get(), CURLOPT_UPLOAD, 1L);
  const CURLcode code = curl_easy_perform(curl.get());
  if (code != CURLE_OK) {
    long reply = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &reply);
    std::string message = CurlError(code, error);
    if (reply != 0) message += " (last SMTP reply " + std::to_string(reply) + ")";
    return Status::Unavailable("smtp " + request.host + ":" + std::to_string(port) + ": " +
                               message);
  }
  return Status::Ok();
}

}  // namespace airm::alerting::internal
