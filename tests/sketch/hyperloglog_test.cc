#include "airm/sketch/hyperloglog.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "airm/sketch/hash.h"

namespace airm::sketch {
namespace {

TEST(HyperLogLog, StatedErrorIs104OverSqrtM) {
  EXPECT_NEAR(HyperLogLog::RelativeStandardError(12), 0.01625, 1e-5);
  EXPECT_NEAR(HyperLogLog::RelativeStandardError(14), 0.008125, 1e-6);
}

TEST(HyperLogLog, EmptyEstimatesZero) {
  HyperLogLog hll;
  EXPECT_EQ(hll.Estimate(), 0.0);
}

// Issue requirement: estimates within 3 standard errors, over the small-range
// (linear counting), transition and large ranges.
TEST(HyperLogLog, WithinThreeStandardErrors) {
  for (int precision : {12, 14}) {
    for (uint64_t n :
         {1ull, 10ull, 100ull, 1000ull, 5000ull, 12000ull, 30000ull, 100000ull, 1000000ull}) {
      HyperLogLog hll(precision);
      for (uint64_t i = 0; i < n; ++i) {
        hll.AddHash(HashDouble(static_cast<double>(i) + 0.5 * precision));
        hll.AddHash(HashDouble(static_cast<double>(i) + 0.5 * precision));  // duplicates
      }
      const double tolerance = 3.0 * hll.RelativeStandardError() * static_cast<double>(n);
      EXPECT_NEAR(hll.Estimate(), static_cast<double>(n), std::max(tolerance, 0.5))
          << "p=" << precision << " n=" << n;
    }
  }
}

TEST(HyperLogLog, MergeEqualsSketchOfUnion) {
  HyperLogLog a(12), b(12), both(12);
  for (int i = 0; i < 20000; ++i) {
    const uint64_t h = HashBytes("item" + std::to_string(i));
    if (i < 15000) a.AddHash(h);
    if (i >= 5000) b.AddHash(h);
    both.AddHash(h);
  }
  ASSERT_TRUE(a.Merge(b).ok());
  EXPECT_TRUE(a == both);
  EXPECT_NEAR(a.Estimate(), 20000.0, 3 * a.RelativeStandardError() * 20000);
}

TEST(HyperLogLog, MergeRejectsDifferentPrecision) {
  HyperLogLog a(12), b(14);
  EXPECT_EQ(a.Merge(b).code(), StatusCode::kInvalidArgument);
}

TEST(HyperLogLog, SerializeRoundTripAndCorruption) {
  HyperLogLog hll(10);
  for (int i = 0; i < 3000; ++i) hll.AddHash(HashDouble(i));
  const std::string bytes = hll.Serialize();
  EXPECT_EQ(bytes.size(), 3u + 1024u);
  auto back = HyperLogLog::Deserialize(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(*back == hll);
  for (size_t len = 0; len < bytes.size(); ++len) {
    auto r = HyperLogLog::Deserialize(std::string_view(bytes).substr(0, len));
    ASSERT_EQ(r.status().code(), StatusCode::kCorrupt) << "length " << len;
  }
  std::string bad = bytes;
  bad[10] = static_cast<char>(60);  // above 65 - p = 55
  auto r = HyperLogLog::Deserialize(bad);
  EXPECT_EQ(r.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(r.status().message().find("register 7 out of range"), std::string::npos);
}

}  // namespace
}  // namespace airm::sketch
