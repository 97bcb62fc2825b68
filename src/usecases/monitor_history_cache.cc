#include "airm/usecases/monitor_history_cache.h"

namespace airm::usecases {

std::optional<HistoryValue> MonitorHistoryCache::Find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

void MonitorHistoryCache::Put(const std::string& key, HistoryValue value) {
  if (value.value_json.size() > kMaxValueBytes) return;
  std::lock_guard lock(mutex_);
  // Starting over is simpler than an LRU and, with entries this small, rare:
  // 100,000 values are years of daily windows times dozens of metrics.
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_.insert_or_assign(key, std::move(value));
}

size_t MonitorHistoryCache::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

std::string MonitorHistoryCache::Key(const std::string& store, int64_t window_id,
                                     const std::string& computed_at, const std::string& metric) {
  // '\n' cannot occur in a path the store accepts as a gate metric nor in the
  // timestamps, so the parts cannot run into each other.
  return store + '\n' + std::to_string(window_id) + '\n' + computed_at + '\n' + metric;
}

}  // namespace airm::usecases
