#include "airm/sketch/space_saving.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace airm::sketch {
namespace {

// A seeded Zipf-like stream over `universe` items: item i has weight 1/(i+1).
std::vector<int> ZipfStream(size_t n, int universe, uint64_t seed) {
  std::vector<double> weights(universe);
  for (int i = 0; i < universe; ++i) weights[i] = 1.0 / (i + 1);
  std::discrete_distribution<int> dist(weights.begin(), weights.end());
  std::mt19937_64 rng(seed);
  std::vector<int> out(n);
  for (int& x : out) x = dist(rng);
  return out;
}

// The Space-Saving guarantees against the exact counts.
template <typename T>
void ExpectGuarantees(const SpaceSaving<T>& summary, const std::map<T, uint64_t>& truth,
                      uint64_t n) {
  EXPECT_EQ(summary.total(), n);
  EXPECT_LE(summary.MaxError(), n / summary.capacity()) << "error bound n/m";
  std::map<T, typename SpaceSaving<T>::Item> stored;
  for (const auto& item : summary.items()) stored[item.value] = item;
  for (const auto& [value, count] : truth) {
    auto it = stored.find(value);
    if (it == stored.end()) {
      EXPECT_LE(count, summary.unstored_bound()) << "unstored item too frequent";
      EXPECT_LE(count, n / summary.capacity()) << "a heavy hitter was lost";
    } else {
      EXPECT_LE(count, it->second.count);
      EXPECT_GE(count, it->second.count - it->second.error);
    }
  }
}

TEST(SpaceSaving, StreamGuarantees) {
  const std::vector<int> stream = ZipfStream(200000, 5000, 1);
  SpaceSaving<double> summary(100);
  std::map<double, uint64_t> truth;
  for (int x : stream) {
    summary.Update(x);
    ++truth[x];
  }
  ExpectGuarantees(summary, truth, stream.size());
  // The true top 3 of a Zipf stream are items 0, 1, 2.
  const auto top = summary.Top(3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].value, 0.0);
  EXPECT_EQ(top[1].value, 1.0);
  EXPECT_EQ(top[2].value, 2.0);
}

TEST(SpaceSaving, MergedPartitionsKeepGuarantees) {
  const std::vector<int> stream = ZipfStream(120000, 3000, 2);
  std::map<std::string, uint64_t> truth;
  SpaceSaving<std::string> merged(64);
  for (int part = 0; part < 6; ++part) {
    SpaceSaving<std::string> piece(64);
    std::map<std::string, uint64_t> exact;
    for (size_t i = part * 20000; i < (part + 1) * 20000u; ++i) {
      const std::string key = "v" + std::to_string(stream[i]);
      ++truth[key];
      if (part % 2 == 0) {
        piece.Update(key);
      } else {
        ++exact[key];
      }
    }
    if (part % 2 == 1) {
      // Half the parts arrive as exact chunk counts, as ProfileBuilder makes them.
      piece = SpaceSaving<std::string>::FromExactCounts({exact.begin(), exact.end()}, 64);
    }
    ASSERT_TRUE(merged.Merge(piece).ok());
  }
  ExpectGuarantees(merged, truth, stream.size());
  EXPECT_EQ(merged.Top(1)[0].value, "v0");
}

TEST(SpaceSaving, ExactCountsBelowCapacityAreExact) {
  auto summary = SpaceSaving<std::string>::FromExactCounts({{"a", 5}, {"b", 3}, {"c", 3}}, 10);
  EXPECT_EQ(summary.MaxError(), 0u);
  const auto top = summary.Top(10);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].value, "a");
  EXPECT_EQ(top[1].value, "b") << "ties broken by value";
  EXPECT_EQ(top[2].count, 3u);
}

TEST(SpaceSaving, NanAndSignedZeroShareCounters) {
  SpaceSaving<double> summary(4);
  summary.Update(std::nan("1"));
  summary.Update(-std::nan("2"));
  summary.Update(0.0);
  summary.Update(-0.0);
  ASSERT_EQ(summary.items().size(), 2u);
  for (const auto& item : summary.items()) EXPECT_EQ(item.count, 2u);
}

TEST(SpaceSaving, MergeRejectsDifferentCapacity) {
  SpaceSaving<double> a(10), b(20);
  EXPECT_EQ(a.Merge(b).code(), StatusCode::kInvalidArgument);
}

TEST(SpaceSaving, SerializeRoundTripAndCorruption) {
  SpaceSaving<std::string> summary(8);
  for (int x : ZipfStream(1000, 50, 3)) summary.Update("k" + std::to_string(x));
  const std::string bytes = summary.Serialize();
  auto back = SpaceSaving<std::string>::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(*back == summary);
  EXPECT_EQ(back->Serialize(), bytes) << "serialization is canonical";
  for (size_t len = 0; len < bytes.size(); ++len) {
    auto r = SpaceSaving<std::string>::Deserialize(std::string_view(bytes).substr(0, len));
    ASSERT_EQ(r.status().code(), StatusCode::kCorrupt) << "length " << len;
  }
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] ^= 0x21;
    auto r = SpaceSaving<std::string>::Deserialize(flipped);
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
    }
  }
  // A double summary is not a string summary.
  SpaceSaving<double> numbers(8);
  numbers.Update(1.0);
  EXPECT_EQ(SpaceSaving<std::string>::Deserialize(numbers.Serialize()).status().code(),
            StatusCode::kCorrupt);
}

}  // namespace
}  // namespace airm::sketch
