// SpaceSaving<T>: mergeable frequent items (Metwally, Agrawal & El Abbadi,
// "Efficient Computation of Frequent and Top-k Elements in Data Streams",
// ICDT 2005), merged as mergeable summaries (Agarwal, Cormode, Huang,
// Phillips, Wei & Yi, PODS 2012; the Space-Saving form as in Cafaro et al.).
//
// At most `capacity` (m) counters. Every stored item has an upper-bound count
// and an `error`: its true count lies in [count - error, count]. An item not
// stored occurred at most unstored_bound() times. All bounds are <= n / m,
// where n is the total weight added (MaxError()).
//
// Merge(a, b): each item of the union gets count a(x) + b(x) and error
// ea(x) + eb(x), where a missing item contributes a's unstored bound to both;
// the m largest counts are kept and the unstored bound becomes the largest
// dropped count (or the sum of the two bounds if none is dropped). The sum
// of any m merged counts is at most n, so every bound stays <= n / m.
//
// T is double (numeric values; every NaN is one item) or std::string.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "airm/status.h"

namespace airm::sketch {

template <typename T>
class SpaceSaving {
 public:
  static constexpr int kDefaultCapacity = 256;

  struct Item {
    T value{};
    uint64_t count = 0;
    uint64_t error = 0;
    bool operator==(const Item&) const = default;
  };

  // REQUIRES: capacity >= 1 (clamped otherwise).
  explicit SpaceSaving(int capacity = kDefaultCapacity);

  // A summary of exact counts (e.g. one chunk counted in a hash map): the m
  // largest are kept with error 0, the (m+1)-th largest count becomes the
  // unstored bound. total() becomes the sum of all counts.
  static SpaceSaving FromExactCounts(std::vector<std::pair<T, uint64_t>> counts, int capacity);

  // A summary from its parts, validated: at most `capacity` distinct items,
  // error <= count <= total, count >= unstored_bound, unstored_bound <= total.
  // Errors: InvalidArgument naming the violated condition.
  static Result<SpaceSaving> FromParts(int capacity, uint64_t total, uint64_t unstored_bound,
                                       std::vector<Item> items);

  // Metwally's update: an unseen item on a full summary replaces the minimum
  // counter and inherits it as its error. O(log m).
  void Update(const T& value, uint64_t weight = 1);
  // Errors: InvalidArgument when capacities differ.
  Status Merge(const SpaceSaving& other);

  // The k items with the largest counts, count descending, ties by value.
  std::vector<Item> Top(size_t k) const;
  // Every stored item, in unspecified order.
  const std::vector<Item>& items() const { return items_; }

  int capacity() const { return capacity_; }
  uint64_t total() const { return total_; }
  uint64_t unstored_bound() const { return unstored_bound_; }
  // Largest possible overestimate of any reported count (and the largest
  // possible count of an unreported item); <= total() / capacity().
  uint64_t MaxError() const;

  std::string Serialize() const;
  // Errors: Corrupt with the reason; never reads out of bounds.
  static Result<SpaceSaving> Deserialize(std::string_view bytes);

  // Same items regardless of internal order.
  bool operator==(const SpaceSaving& other) const;

 private:
  // Doubles are keyed by their bits after mapping -0.0 to 0.0 and every NaN
  // to one NaN, so equal values (and all NaNs) share a counter.
  using Key = std::conditional_t<std::is_same_v<T, double>, uint64_t, std::string>;
  static Key KeyOf(const T& value);

  // Min-heap on count over indices into items_; heap_pos_ maps back.
  void SiftUp(size_t heap_index);
  void SiftDown(size_t heap_index);
  void RebuildIndex();

  int capacity_;
  uint64_t total_ = 0;
  uint64_t unstored_bound_ = 0;
  std::vector<Item> items_;
  std::vector<uint32_t> heap_;      // heap of indices into items_
  std::vector<uint32_t> heap_pos_;  // items_ index -> position in heap_
  std::unordered_map<Key, uint32_t> index_;
};

extern template class SpaceSaving<double>;
extern template class SpaceSaving<std::string>;

}  // namespace airm::sketch
