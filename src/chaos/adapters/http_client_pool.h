// HttpClientPool: keep-alive HTTP connections to one host:port, shared by
// concurrent Predict calls.
//
// Up to pool_size cpp-httplib clients exist; each is lent to one caller at a
// time from a mutex-guarded free list, and a caller finding all of them lent
// waits (not counted in the timeout). A client whose exchange failed at the
// transport level is dropped instead of returned, so a broken connection is
// never reused. Timeouts: connect, each send and each receive are bounded by
// timeout_seconds (httplib applies them per socket operation, so a server
// dribbling bytes can take longer in total).
//
// Transport failures become FailureKinds:
//   connect refused / unreachable          -> kConnectionRefused
//   connect or a read/write timed out      -> kTimeout
//   connection closed before a full answer -> kCrash (the server died or hung up)
// httplib reports a read timeout and a closed connection alike; one that
// failed after at least 90% of timeout_seconds counts as a timeout.
// A kept-alive connection the server closed while idle is noticed before
// reuse (httplib checks the socket) and replaced; one closed in the instant
// between that check and the request is reported as kCrash.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"

namespace httplib {
class Client;
}

namespace airm::chaos {

struct HttpReply {
  FailureKind failure = FailureKind::kNone;  // transport failures only
  std::string detail;
  int status = 0;  // HTTP status when failure == kNone
  std::string body;
};

class HttpClientPool {
 public:
  HttpClientPool(std::string host, int port, const AdapterOptions& options);
  ~HttpClientPool();
  HttpClientPool(const HttpClientPool&) = delete;
  HttpClientPool& operator=(const HttpClientPool&) = delete;

  // POSTs `body` as application/json to `path`. Never throws.
  HttpReply PostJson(const std::string& path, const std::string& body);

  // "host:port", with IPv6 hosts in brackets.
  std::string Authority() const;

 private:
  std::unique_ptr<httplib::Client> Acquire();
  void Release(std::unique_ptr<httplib::Client> client, bool reusable);

  std::string host_;
  int port_;
  AdapterOptions options_;
  std::mutex mutex_;
  std::condition_variable client_free_;
  std::vector<std::unique_ptr<httplib::Client>> free_;
  int lent_ = 0;
};

// "HTTP 500: <body, truncated>" as a kHttpStatus outcome.
PredictOutcome HttpStatusFailure(int status, const std::string& body);

}  // namespace airm::chaos
