// The server's own Prometheus numbers: requests by route, method and status
// class, and a latency histogram per route. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

#include "airm/monitor/prometheus.h"

namespace airm::server {

class RequestMetrics {
 public:
  // Upper bounds of the latency buckets, in seconds (+Inf is implicit).
  static constexpr std::array<double, 10> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,  0.1,    0.25,  0.5,  1.0};
  // `route` is the table's path ("/api/systems/{name}"), never the raw path,
  // so the label set stays bounded; "unmatched" for 404s.
  void Record(const std::string& method, const std::string& route, int status, double seconds);
  // airm_http_requests_total (counter), airm_http_request_duration_seconds
  // (histogram).
  std::vector<monitor::MetricFamily> Families() const;

 private:
  struct Histogram {
    std::array<uint64_t, kBuckets.size()> buckets = {};
    uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> counts_;
  std::map<std::pair<std::string, std::string>, Histogram> latency_;
};

}  // namespace airm::server
