// Each monitor window's value of a metric, remembered between history reads
// (`GET /api/monitors/{name}/history`), so a chart of a year of windows parses
// only the windows it has not seen instead of every stored drift report.
//
// Correct without invalidation: a stored window row is never changed (a
// recomputation inserts the next version as a new row), and an entry is
// keyed by the store, the row's id and its computed_at, so a replaced store
// or a newer version is a miss. Bounded: past kMaxEntries it starts over.
// Thread-safe: the server's workers share one.
#pragma once

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace airm::usecases {

struct HistoryValue {
  std::optional<double> value = {};  // numbers and booleans (1/0)
  std::string value_json = "null";
};

class MonitorHistoryCache {
 public:
  static constexpr size_t kMaxEntries = 100000;
  // Larger values (a whole sub-document such as `columns`) are not kept: the
  // cache is for chart series of numbers, and must stay small.
  static constexpr size_t kMaxValueBytes = 1024;

  std::optional<HistoryValue> Find(const std::string& key) const;
  // Keeps `value` unless its value_json is longer than kMaxValueBytes.
  void Put(const std::string& key, HistoryValue value);
  size_t size() const;

  // The key of one window's value: the store, the window row and the metric.
  static std::string Key(const std::string& store, int64_t window_id,
                         const std::string& computed_at, const std::string& metric);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, HistoryValue> entries_;
};

}  // namespace airm::usecases
