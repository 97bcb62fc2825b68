#include "http_client_pool.h"

#include <httplib.h>

#include <chrono>
#include <cmath>
#include <exception>

#include "call_policy.h"
#include "number_text.h"

namespace airm::chaos {
namespace {

using Clock = std::chrono::steady_clock;

void SplitSeconds(double seconds, time_t* whole, time_t* micros) {
  *whole = static_cast<time_t>(seconds);
  *micros = static_cast<time_t>(std::llround((seconds - static_cast<double>(*whole)) * 1e6));
  if (*micros >= 1000000) {
    *whole += 1;
    *micros -= 1000000;
  }
}

}  // namespace

HttpClientPool::HttpClientPool(std::string host, int port, const AdapterOptions& options)
    : host_(std::move(host)), port_(port), options_(options) {}

HttpClientPool::~HttpClientPool() = default;

std::string HttpClientPool::Authority() const {
  const bool ipv6 = host_.find(':') != std::string::npos;
  return (ipv6 ? "[" + host_ + "]" : host_) + ":" + std::to_string(port_);
}

std::unique_ptr<httplib::Client> HttpClientPool::Acquire() {
  std::unique_lock<std::mutex> lock(mutex_);
  client_free_.wait(lock, [this] { return lent_ < options_.pool_size; });
  ++lent_;
  if (!free_.empty()) {
    std::unique_ptr<httplib::Client> client = std::move(free_.back());
    free_.pop_back();
    return client;
  }
  lock.unlock();
  auto client = std::make_unique<httplib::Client>(host_, port_);
  time_t seconds = 0, micros = 0;
  SplitSeconds(options_.timeout_seconds, &seconds, &micros);
  client->set_connection_timeout(seconds, micros);
  client->set_read_timeout(seconds, micros);
  client->set_write_timeout(seconds, micros);
  client->set_keep_alive(true);
  // httplib writes headers and body separately; without TCP_NODELAY, Nagle's
  // algorithm and the server's delayed ACK stall every request by ~40 ms.
  client->set_tcp_nodelay(true);
  return client;
}

void HttpClientPool::Release(std::unique_ptr<httplib::Client> client, bool reusable) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    --lent_;
    if (reusable) free_.push_back(std::move(client));
  }
  client_free_.notify_one();
}

HttpReply HttpClientPool::PostJson(const std::string& path, const std::string& body) {
  HttpReply reply;
  std::unique_ptr<httplib::Client> client = Acquire();
  const Clock::time_point start = Clock::now();
  httplib::Error error = httplib::Error::Unknown;
  bool answered = false;
  try {
    const httplib::Headers headers = {{"Accept", "application/json"}};
    httplib::Result result = client->Post(path, headers, body, "application/json");
    error = result.error();
    if (result) {
      answered = true;
      reply.status = result->status;
      reply.body = std::move(result->body);
    }
  } catch (const std::exception& exception) {
    reply.failure = FailureKind::kCrash;
    reply.detail = std::string("HTTP client error: ") + exception.what();
    Release(std::move(client), /*reusable=*/false);
    return reply;
  }
  Release(std::move(client), answered);
  if (answered) return reply;

  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const bool took_timeout = elapsed >= 0.9 * options_.timeout_seconds;
  const std::string target = "http://" + Authority() + path;
  const std::string limit = ShortestNumber(options_.timeout_seconds) + " s";
  switch (error) {
    case httplib::Error::Connection:
      // A connect that failed only once the timeout had passed is a timeout,
      // whichever error httplib names for it.
      reply.failure = took_timeout ? FailureKind::kTimeout : FailureKind::kConnectionRefused;
      reply.detail = took_timeout ? "no connection to " + target + " within " + limit
                                  : "cannot connect to " + target + " (connection refused)";
      break;
    case httplib::Error::ConnectionTimeout:
      reply.failure = FailureKind::kTimeout;
      reply.detail = "no connection to " + target + " within " + limit;
      break;
    case httplib::Error::Read:
    case httplib::Error::Write:
      if (took_timeout) {
        reply.failure = FailureKind::kTimeout;
        reply.detail = "no complete answer from " + target + " within " + limit;
      } else {
        reply.failure = FailureKind::kCrash;
        reply.detail = "the server closed the connection without a complete answer (" + target +
                       ", " + httplib::to_string(error) + ")";
      }
      break;
    default:
      reply.failure = FailureKind::kCrash;
      reply.detail = "HTTP exchange with " + target + " failed: " + httplib::to_string(error);
  }
  return reply;
}

PredictOutcome HttpStatusFailure(int status, const std::string& body) {
  PredictOutcome outcome;
  outcome.failure = FailureKind::kHttpStatus;
  outcome.http_status = status;
  outcome.detail = "HTTP " + std::to_string(status);
  const std::string_view trimmed = TrimSpace(body);
  if (!trimmed.empty()) outcome.detail += ": " + Truncate(trimmed, 280);
  return outcome;
}

}  // namespace airm::chaos
