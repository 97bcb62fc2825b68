#include "airm/stats/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <type_traits>
#include <utility>

namespace airm::stats {
namespace {

// Below this size std::sort wins over the counting passes.
constexpr size_t kRadixMinSize = 4096;
constexpr unsigned kBits = 11;
constexpr uint64_t kBuckets = uint64_t{1} << kBits;
constexpr unsigned kPasses = (64 + kBits - 1) / kBits;
// Doubles are ordered by the radix passes over their key's top digits only
// (bits 22..63: sign, exponent and 30 mantissa bits, a relative resolution
// of 1e-9), then each run of keys equal in those bits is finished by
// comparison. Real samples have runs of one there, so the two low passes
// are saved (a million values sort about 25% faster); a sample whose values
// crowd into few runs (large numbers differing in their last digits) pays
// std::sort within the runs instead, never worse than std::sort of the whole.
constexpr unsigned kFirstTopPass = 2;

// Flips every bit of negatives and only the sign bit of positives, so that
// unsigned order of the keys is the numeric order of the doubles.
uint64_t ToKey(double v) {
  const auto bits = std::bit_cast<uint64_t>(v);
  return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

double FromKey(uint64_t key) {
  return std::bit_cast<double>((key >> 63) != 0 ? key & ~(uint64_t{1} << 63) : ~key);
}

// A value's sort key, and the value a key stands for: doubles map through
// ToKey, unsigned keys are their own.
uint64_t KeyOf(double v) { return ToKey(v); }
uint64_t KeyOf(uint64_t v) { return v; }
template <typename T>
T ValueOf(uint64_t key) {
  if constexpr (std::is_same_v<T, double>) {
    return FromKey(key);
  } else {
    return key;
  }
}

// Keys of doubles live in double-typed storage (the values' own array and
// one scratch array of the same type), so they are moved as bytes: memcpy is
// the aliasing-safe way and compiles to a plain load or store.
template <typename T>
uint64_t LoadKey(const T* slot) {
  uint64_t key;
  std::memcpy(&key, slot, sizeof key);
  return key;
}

template <typename T>
void StoreKey(T* slot, uint64_t key) {
  std::memcpy(slot, &key, sizeof key);
}

// One LSD pass: scatters the n elements of `from` into `to` by the digit at
// `shift`. The first pass reads values and makes their keys on the fly, the
// last writes values back; the passes between move keys.
template <bool kFirst, bool kLast, typename T, typename Count>
void ScatterPass(const T* from, T* to, size_t n, unsigned shift,
                 std::array<Count, kBuckets>& start) {
  for (size_t i = 0; i < n; ++i) {
    const uint64_t key = kFirst ? KeyOf(from[i]) : LoadKey(from + i);
    T* slot = to + start[(key >> shift) & (kBuckets - 1)]++;
    if constexpr (kLast) {
      *slot = ValueOf<T>(key);
    } else {
      StoreKey(slot, key);
    }
  }
}

// True when `v` is NaN or ±Inf (all exponent bits set).
bool IsNonFinite(double v) {
  constexpr uint64_t kExponent = uint64_t{0x7ff} << 52;
  return (std::bit_cast<uint64_t>(v) & kExponent) == kExponent;
}

// Sorts the n values at `src` into `out` (which may be `src` itself) by the
// digits from `first_pass` up: stable LSD passes, each skipped when every
// key shares its digit. Counts of type Count (32 bits when the sample
// allows: half the cache the histograms take). With kRejectNonFinite, a NaN
// or ±Inf found while counting stops before anything is written: false.
template <bool kRejectNonFinite, typename T, typename Count>
bool RadixPasses(const T* src, T* out, size_t n, unsigned first_pass, std::vector<T>* reused) {
  // Every digit's histogram in one pass, so each sorting pass only scatters.
  std::array<std::array<Count, kBuckets>, kPasses> counts{};
  bool non_finite = false;
  for (size_t i = 0; i < n; ++i) {
    if constexpr (kRejectNonFinite) non_finite |= IsNonFinite(src[i]);
    const uint64_t key = KeyOf(src[i]);
    for (unsigned p = first_pass; p < kPasses; ++p) {
      ++counts[p][(key >> (p * kBits)) & (kBuckets - 1)];
    }
  }
  if (non_finite) return false;
  std::array<unsigned, kPasses> active{};
  unsigned num_active = 0;
  for (unsigned p = first_pass; p < kPasses; ++p) {
    if (std::find(counts[p].begin(), counts[p].end(), static_cast<Count>(n)) == counts[p].end()) {
      active[num_active++] = p;
    }
  }
  // No active digit: every key has the same digits, already in order.
  if (num_active == 0) {
    if (src != out) std::copy(src, src + n, out);
    return true;
  }
  // One scratch array, left uninitialised (every slot is written before it
  // is read). The passes alternate between it and `out`, the first reading
  // `src`; sorting into another array, the first pass writes whichever of
  // the two makes the last pass end in `out`.
  // A reused scratch array only grows (shrinking keeps its memory).
  std::unique_ptr<T[]> owned;
  T* scratch = nullptr;
  if (reused != nullptr) {
    reused->resize(std::max(reused->size(), n));
    scratch = reused->data();
  } else {
    owned.reset(new T[n]);
    scratch = owned.get();
  }
  const bool first_to_out = src != out && num_active % 2 == 1;
  T* const buffers[2] = {first_to_out ? out : scratch, first_to_out ? scratch : out};
  const T* from = src;
  for (unsigned a = 0; a < num_active; ++a) {
    const unsigned p = active[a];
    std::array<Count, kBuckets>& start = counts[p];
    Count sum = 0;
    for (Count& c : start) sum += std::exchange(c, sum);
    const unsigned shift = p * kBits;
    T* to = buffers[a % 2];
    const bool first = a == 0, last = a + 1 == num_active;
    if (first && last) {
      ScatterPass<true, true>(from, to, n, shift, start);
    } else if (first) {
      ScatterPass<true, false>(from, to, n, shift, start);
    } else if (last) {
      ScatterPass<false, true>(from, to, n, shift, start);
    } else {
      ScatterPass<false, false>(from, to, n, shift, start);
    }
    from = to;
  }
  // In place, an odd number of passes ends in the scratch array.
  if (from != out) std::copy(from, from + n, out);
  return true;
}

template <bool kRejectNonFinite, typename T>
bool RadixPasses(const T* src, T* out, size_t n, unsigned first_pass,
                 std::vector<T>* reused = nullptr) {
  if (n <= std::numeric_limits<uint32_t>::max()) {
    return RadixPasses<kRejectNonFinite, T, uint32_t>(src, out, n, first_pass, reused);
  }
  return RadixPasses<kRejectNonFinite, T, size_t>(src, out, n, first_pass, reused);
}

// Orders each run of `values` whose keys share the bits the passes sorted
// by (those from bit `shift` up). An insertion pass does it in one linear
// sweep when the runs are short: an element moves back only past larger
// ones, and every element of an earlier run is smaller, so none crosses a
// run. Past a budget of moves (runs too long for insertion) the rest is left
// to std::sort, run by run.
void FinishRuns(std::span<double> values, unsigned shift) {
  const size_t n = values.size();
  size_t budget = 4 * n;
  size_t i = 1;
  for (; i < n && budget > 0; ++i) {
    const double v = values[i];
    size_t j = i;
    while (j > 0 && v < values[j - 1] && budget > 0) {
      values[j] = values[j - 1];
      --j;
      --budget;
    }
    values[j] = v;
  }
  if (i == n && budget > 0) return;
  size_t begin = 0;
  while (begin < n) {
    const uint64_t top = ToKey(values[begin]) >> shift;
    size_t end = begin + 1;
    while (end < n && (ToKey(values[end]) >> shift) == top) ++end;
    if (end - begin > 1 && !std::is_sorted(values.begin() + begin, values.begin() + end)) {
      std::sort(values.begin() + begin, values.begin() + end);
    }
    begin = end;
  }
}

}  // namespace

void SortSample(std::span<double> values, std::vector<double>* scratch) {
  if (values.size() < kRadixMinSize) {
    std::sort(values.begin(), values.end());
    return;
  }
  RadixPasses<false>(values.data(), values.data(), values.size(), kFirstTopPass, scratch);
  FinishRuns(values, kFirstTopPass * kBits);
}

bool SortFiniteInto(std::span<const double> values, std::vector<double>* out,
                    std::vector<double>* scratch) {
  out->resize(values.size());
  if (values.size() < kRadixMinSize) {
    if (std::any_of(values.begin(), values.end(), IsNonFinite)) return false;
    std::copy(values.begin(), values.end(), out->begin());
    std::sort(out->begin(), out->end());
    return true;
  }
  if (!RadixPasses<true>(values.data(), out->data(), values.size(), kFirstTopPass, scratch)) {
    return false;
  }
  FinishRuns(*out, kFirstTopPass * kBits);
  return true;
}

void SortKeys(std::span<uint64_t> keys) {
  if (keys.size() < kRadixMinSize) {
    std::sort(keys.begin(), keys.end());
    return;
  }
  RadixPasses<false>(keys.data(), keys.data(), keys.size(), 0);
}

}  // namespace airm::stats
