#include "airm/store/timestamp.h"

#include <gtest/gtest.h>

namespace airm::store {
namespace {

TEST(Timestamp, CanonicalFormPassesThrough) {
  EXPECT_EQ(ParseIso8601("2026-11-27T04:33:16Z"), "2026-11-27T04:33:16Z");
}

TEST(Timestamp, OffsetsAreConvertedToUtc) {
  EXPECT_EQ(ParseIso8601("2026-11-27T04:33:16+02:00"), "2026-11-27T02:33:16Z");
  EXPECT_EQ(ParseIso8601("2026-12-31T23:30:00-0100"), "2027-01-01T00:30:00Z");
  EXPECT_EQ(ParseIso8601("2024-03-01T00:10:00+00:30"), "2024-02-29T23:40:00Z");
}

TEST(Timestamp, FractionIsDroppedAndSpaceAccepted) {
  EXPECT_EQ(ParseIso8601("2026-01-02 03:04:05.999Z"), "2026-01-02T03:04:05Z");
}

TEST(Timestamp, BareDateIsMidnightUtc) {
  EXPECT_EQ(ParseIso8601("2026-01-02"), "2026-01-02T00:00:00Z");
}

TEST(Timestamp, RejectsMalformedAndImpossible) {
  for (const char* bad : {"", "yesterday", "2026-02-30", "2023-02-29T00:00:00Z", "2026-13-01",
                          "2026-01-01T24:00:00Z", "2026-01-01T10:00:00", "2026-01-01T10:00Z",
                          "2026-01-01T10:00:00Zjunk", "2026-1-01", "2026-01-01T10:00:00+25:00"}) {
    EXPECT_EQ(ParseIso8601(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(ParseIso8601("2024-02-29T00:00:00Z"), "2024-02-29T00:00:00Z");
}

TEST(Timestamp, FormatsSecondsSinceTheEpoch) {
  std::string out;
  ASSERT_TRUE(FormatUtcSeconds(0, &out));
  EXPECT_EQ(out, "1970-01-01T00:00:00Z");
  ASSERT_TRUE(FormatUtcSeconds(-1, &out));
  EXPECT_EQ(out, "1969-12-31T23:59:59Z");
  ASSERT_TRUE(FormatUtcSeconds(1795753996, &out));  // date -u -d @1795753996
  EXPECT_EQ(out, "2026-11-27T04:33:16Z");
  EXPECT_FALSE(FormatUtcSeconds(int64_t{400000} * 366 * 86400, &out));
  EXPECT_TRUE(ParseIso8601Into("2026-11-27T06:33:16+02:00", &out));
  EXPECT_EQ(out, "2026-11-27T04:33:16Z");
  EXPECT_FALSE(ParseIso8601Into("2026-11-27", &out) && out != "2026-11-27T00:00:00Z");
}

TEST(Timestamp, NowIsCanonical) {
  std::string now = UtcNow();
  EXPECT_EQ(ParseIso8601(now), now);
}

}  // namespace
}  // namespace airm::store
