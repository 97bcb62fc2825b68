#include "airm/server/request_metrics.h"

#include <cstdio>

namespace airm::server {
namespace {

std::string StatusClass(int status) { return std::to_string(status / 100) + "xx"; }

std::string Bound(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

}  // namespace

void RequestMetrics::Record(const std::string& method, const std::string& route, int status,
                            double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[{method, route, StatusClass(status)}];
  Histogram& h = latency_[{method, route}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++h.buckets[i];
  }
  ++h.count;
  h.sum += seconds;
}

std::vector<monitor::MetricFamily> RequestMetrics::Families() const {
  std::lock_guard<std::mutex> lock(mutex_);
  monitor::MetricFamily requests{.name = "airm_http_requests_total",
                                 .help = "HTTP requests served by airm serve",
                                 .type = "counter",
                                 .samples = {}};
  for (const auto& [key, count] : counts_) {
    const auto& [method, route, status] = key;
    requests.samples.push_back(
        {.labels = {{"method", method}, {"route", route}, {"status", status}},
         .value = static_cast<double>(count)});
  }
  monitor::MetricFamily latency{.name = "airm_http_request_duration_seconds",
                                .help = "Time from routing a request to its response",
                                .type = "histogram",
                                .samples = {}};
  for (const auto& [key, h] : latency_) {
    const auto& [method, route] = key;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      latency.samples.push_back(
          {.labels = {{"method", method}, {"route", route}, {"le", Bound(kBuckets[i])}},
           .value = static_cast<double>(h.buckets[i]),
           .suffix = "_bucket"});
    }
    latency.samples.push_back({.labels = {{"method", method}, {"route", route}, {"le", "+Inf"}},
                               .value = static_cast<double>(h.count),
                               .suffix = "_bucket"});
    latency.samples.push_back(
        {.labels = {{"method", method}, {"route", route}}, .value = h.sum, .suffix = "_sum"});
    latency.samples.push_back({.labels = {{"method", method}, {"route", route}},
                               .value = static_cast<double>(h.count),
                               .suffix = "_count"});
  }
  return {requests, latency};
}

}  // namespace airm::server
