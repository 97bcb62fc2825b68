#include "airm/sketch/space_saving.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "airm/sketch/byte_io.h"

namespace airm::sketch {
namespace {

constexpr uint8_t kSerialVersion = 1;
constexpr uint32_t kMaxCapacity = 1u << 24;

// Value order for deterministic tie-breaking: doubles ascending with NaN last,
// strings lexicographic.
bool ValueLess(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  return a < b;
}
bool ValueLess(const std::string& a, const std::string& b) { return a < b; }

template <typename Item>
bool HeavierFirst(const Item& a, const Item& b) {
  if (a.count != b.count) return a.count > b.count;
  return ValueLess(a.value, b.value);
}

uint8_t ValueTypeTag(double) { return 0; }
uint8_t ValueTypeTag(const std::string&) { return 1; }

void PutValue(internal::ByteWriter& w, double v) { w.PutF64(v); }
void PutValue(internal::ByteWriter& w, const std::string& v) { w.PutString(v); }
bool ReadValue(internal::ByteReader& r, double* v) { return r.ReadF64(v); }
bool ReadValue(internal::ByteReader& r, std::string* v) {
  std::string_view view;
  if (!r.ReadString(&view)) return false;
  v->assign(view);
  return true;
}
size_t MinValueBytes(double) { return 8; }
size_t MinValueBytes(const std::string&) { return 4; }

}  // namespace

template <typename T>
typename SpaceSaving<T>::Key SpaceSaving<T>::KeyOf(const T& value) {
  if constexpr (std::is_same_v<T, double>) {
    double v = value;
    if (std::isnan(v)) v = std::numeric_limits<double>::quiet_NaN();
    if (v == 0.0) v = 0.0;
    uint64_t bits;
    std::memcpy(&bits, &v, 8);
    return bits;
  } else {
    return value;
  }
}

template <typename T>
SpaceSaving<T>::SpaceSaving(int capacity)
    : capacity_(std::clamp(capacity, 1, static_cast<int>(kMaxCapacity))) {}

template <typename T>
void SpaceSaving<T>::SiftUp(size_t pos) {
  while (pos > 0) {
    const size_t parent = (pos - 1) / 2;
    if (items_[heap_[parent]].count <= items_[heap_[pos]].count) break;
    std::swap(heap_[parent], heap_[pos]);
    heap_pos_[heap_[parent]] = static_cast<uint32_t>(parent);
    heap_pos_[heap_[pos]] = static_cast<uint32_t>(pos);
    pos = parent;
  }
}

template <typename T>
void SpaceSaving<T>::SiftDown(size_t pos) {
  const size_t size = heap_.size();
  for (;;) {
    size_t smallest = pos;
    const size_t left = 2 * pos + 1, right = left + 1;
    if (left < size && items_[heap_[left]].count < items_[heap_[smallest]].count) smallest = left;
    if (right < size && items_[heap_[right]].count < items_[heap_[smallest]].count) {
      smallest = right;
    }
    if (smallest == pos) return;
    std::swap(heap_[smallest], heap_[pos]);
    heap_pos_[heap_[smallest]] = static_cast<uint32_t>(smallest);
    heap_pos_[heap_[pos]] = static_cast<uint32_t>(pos);
    pos = smallest;
  }
}

template <typename T>
void SpaceSaving<T>::RebuildIndex() {
  index_.clear();
  index_.reserve(items_.size());
  heap_.resize(items_.size());
  heap_pos_.resize(items_.size());
  for (size_t i = 0; i < items_.size(); ++i) {
    index_.emplace(KeyOf(items_[i].value), static_cast<uint32_t>(i));
    heap_[i] = static_cast<uint32_t>(i);
    heap_pos_[i] = static_cast<uint32_t>(i);
  }
  for (size_t i = heap_.size() / 2; i-- > 0;) SiftDown(i);
}

template <typename T>
void SpaceSaving<T>::Update(const T& value, uint64_t weight) {
  if (weight == 0) return;
  total_ += weight;
  Key key = KeyOf(value);
  auto it = index_.find(key);
  if (it != index_.end()) {
    items_[it->second].count += weight;
    SiftDown(heap_pos_[it->second]);
    return;
  }
  if (items_.size() < static_cast<size_t>(capacity_)) {
    // An unstored item may already have occurred unstored_bound_ times.
    const auto slot = static_cast<uint32_t>(items_.size());
    items_.push_back({value, weight + unstored_bound_, unstored_bound_});
    index_.emplace(std::move(key), slot);
    heap_.push_back(slot);
    heap_pos_.push_back(static_cast<uint32_t>(heap_.size() - 1));
    SiftUp(heap_.size() - 1);
    return;
  }
  // Metwally et al.: replace the minimum counter; the newcomer inherits its
  // count as the overestimate, and the evicted item's count bounds it.
  const uint32_t slot = heap_[0];
  Item& victim = items_[slot];
  unstored_bound_ = std::max(unstored_bound_, victim.count);
  index_.erase(KeyOf(victim.value));
  victim.value = value;
  victim.error = victim.count;
  victim.count += weight;
  index_.emplace(std::move(key), slot);
  SiftDown(0);
}

template <typename T>
SpaceSaving<T> SpaceSaving<T>::FromExactCounts(std::vector<std::pair<T, uint64_t>> counts,
                                               int capacity) {
  SpaceSaving summary(capacity);
  summary.items_.reserve(std::min(counts.size(), static_cast<size_t>(summary.capacity_)));
  std::vector<Item> all;
  all.reserve(counts.size());
  for (auto& [value, count] : counts) {
    summary.total_ += count;
    if (count > 0) all.push_back({std::move(value), count, 0});
  }
  const auto m = static_cast<size_t>(summary.capacity_);
  if (all.size() > m) {
    std::nth_element(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(m), all.end(),
                     HeavierFirst<Item>);
    // all[m] is the heaviest item left out: every unstored count is <= it.
    summary.unstored_bound_ = all[m].count;
    all.resize(m);
  }
  summary.items_ = std::move(all);
  summary.RebuildIndex();
  return summary;
}

template <typename T>
Status SpaceSaving<T>::Merge(const SpaceSaving& other) {
  if (other.capacity_ != capacity_) {
    return Status::InvalidArgument("cannot merge Space-Saving summaries with capacity " +
                                   std::to_string(capacity_) + " and " +
                                   std::to_string(other.capacity_));
  }
  std::vector<Item> merged = items_;
  for (Item& item : merged) {
    auto it = other.index_.find(KeyOf(item.value));
    if (it != other.index_.end()) {
      item.count += other.items_[it->second].count;
      item.error += other.items_[it->second].error;
    } else {
      item.count += other.unstored_bound_;
      item.error += other.unstored_bound_;
    }
  }
  for (const Item& item : other.items_) {
    if (index_.count(KeyOf(item.value)) == 0) {
      merged.push_back({item.value, item.count + unstored_bound_, item.error + unstored_bound_});
    }
  }
  uint64_t bound = unstored_bound_ + other.unstored_bound_;
  const auto m = static_cast<size_t>(capacity_);
  if (merged.size() > m) {
    std::nth_element(merged.begin(), merged.begin() + static_cast<std::ptrdiff_t>(m), merged.end(),
                     HeavierFirst<Item>);
    bound = std::max(bound, merged[m].count);
    merged.resize(m);
  }
  items_ = std::move(merged);
  total_ += other.total_;
  unstored_bound_ = bound;
  RebuildIndex();
  return Status::Ok();
}

template <typename T>
std::vector<typename SpaceSaving<T>::Item> SpaceSaving<T>::Top(size_t k) const {
  std::vector<Item> out = items_;
  k = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(k), out.end(),
                    HeavierFirst<Item>);
  out.resize(k);
  return out;
}

template <typename T>
uint64_t SpaceSaving<T>::MaxError() const {
  uint64_t bound = unstored_bound_;
  for (const Item& item : items_) bound = std::max(bound, item.error);
  return bound;
}

template <typename T>
bool SpaceSaving<T>::operator==(const SpaceSaving& other) const {
  if (capacity_ != other.capacity_ || total_ != other.total_ ||
      unstored_bound_ != other.unstored_bound_ || items_.size() != other.items_.size()) {
    return false;
  }
  for (const Item& item : items_) {
    auto it = other.index_.find(KeyOf(item.value));
    if (it == other.index_.end()) return false;
    const Item& theirs = other.items_[it->second];
    if (theirs.count != item.count || theirs.error != item.error) return false;
  }
  return true;
}

template <typename T>
std::string SpaceSaving<T>::Serialize() const {
  std::string out;
  internal::ByteWriter w(&out);
  w.PutU8(static_cast<uint8_t>(internal::SketchFamily::kSpaceSaving));
  w.PutU8(kSerialVersion);
  w.PutU8(ValueTypeTag(T{}));
  w.PutU32(static_cast<uint32_t>(capacity_));
  w.PutU64(total_);
  w.PutU64(unstored_bound_);
  // Heaviest first so the bytes do not depend on hash-map or heap order.
  const std::vector<Item> sorted = Top(items_.size());
  w.PutU32(static_cast<uint32_t>(sorted.size()));
  for (const Item& item : sorted) {
    PutValue(w, item.value);
    w.PutU64(item.count);
    w.PutU64(item.error);
  }
  return out;
}

template <typename T>
Result<SpaceSaving<T>> SpaceSaving<T>::Deserialize(std::string_view bytes) {
  internal::ByteReader r(bytes);
  auto corrupt = [](const std::string& why) { return Status::Corrupt("Space-Saving: " + why); };
  uint8_t family, version, type_tag;
  uint32_t capacity, num_items;
  uint64_t total, bound;
  if (!r.ReadU8(&family) || !r.ReadU8(&version) || !r.ReadU8(&type_tag) || !r.ReadU32(&capacity) ||
      !r.ReadU64(&total) || !r.ReadU64(&bound) || !r.ReadU32(&num_items)) {
    return corrupt("truncated header");
  }
  if (family != static_cast<uint8_t>(internal::SketchFamily::kSpaceSaving)) {
    return corrupt("wrong family id " + std::to_string(family));
  }
  if (version != kSerialVersion) return corrupt("unsupported version " + std::to_string(version));
  if (type_tag != ValueTypeTag(T{})) return corrupt("wrong value type " + std::to_string(type_tag));
  if (capacity < 1 || capacity > kMaxCapacity) return corrupt("capacity out of range");
  if (num_items > capacity) return corrupt("more items than capacity");
  if (num_items > r.remaining() / (MinValueBytes(T{}) + 16)) return corrupt("items overrun input");
  std::vector<Item> items(num_items);
  for (uint32_t i = 0; i < num_items; ++i) {
    Item& item = items[i];
    if (!ReadValue(r, &item.value) || !r.ReadU64(&item.count) || !r.ReadU64(&item.error)) {
      return corrupt("truncated item " + std::to_string(i));
    }
  }
  if (!r.at_end()) return corrupt("trailing bytes");
  auto summary = FromParts(static_cast<int>(capacity), total, bound, std::move(items));
  if (!summary.ok()) return corrupt(summary.status().message());
  return summary;
}

template <typename T>
Result<SpaceSaving<T>> SpaceSaving<T>::FromParts(int capacity, uint64_t total,
                                                 uint64_t unstored_bound, std::vector<Item> items) {
  if (capacity < 1 || static_cast<uint32_t>(capacity) > kMaxCapacity) {
    return Status::InvalidArgument("capacity " + std::to_string(capacity) + " out of range");
  }
  if (items.size() > static_cast<size_t>(capacity)) {
    return Status::InvalidArgument("more items than capacity");
  }
  if (unstored_bound > total) return Status::InvalidArgument("unstored bound above total");
  for (size_t i = 0; i < items.size(); ++i) {
    const Item& item = items[i];
    if (item.count > total || item.error > item.count || item.count < unstored_bound) {
      return Status::InvalidArgument("item " + std::to_string(i) +
                                     " violates error <= count <= total, count >= bound");
    }
  }
  SpaceSaving summary(capacity);
  summary.total_ = total;
  summary.unstored_bound_ = unstored_bound;
  summary.items_ = std::move(items);
  summary.RebuildIndex();
  if (summary.index_.size() != summary.items_.size()) {
    return Status::InvalidArgument("duplicate items");
  }
  return summary;
}

template class SpaceSaving<double>;
template class SpaceSaving<std::string>;

}  // namespace airm::sketch
