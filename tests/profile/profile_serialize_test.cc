// SerializeProfile / DeserializeProfile: round trip, golden bytes (the
// backward-compatibility promise of docs/formats/profile.md) and hardening
// against corrupt and truncated input.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

#include "airm/profile.h"
#include "credit_fixture.h"
#include "profile_json.h"

namespace airm {
namespace {

using testing::CreditTable;
using testing::F64;
using testing::I64;
using testing::MakeTable;
using testing::Str;

const char kGoldenPath[] = AIRM_PROFILE_FIXTURE_DIR "/golden_v1.hex";

// A small profile exercising every field: NaN, Inf, nulls, text, notes.
Profile SmallProfile() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  const ProfileOptions options{.quantiles = {0.0, 0.5, 1.0},
                               .histogram_bins = 2,
                               .top_values = 3,
                               .kll_k = 8,
                               .hll_precision = 4,
                               .frequent_items_capacity = 4,
                               .seed = 7,
                               .num_threads = 1};
  auto builder = ProfileBuilder::Make(options);
  (void)builder->Add(MakeTable({F64("x", {1.5, nan, std::nullopt}), I64("n", {3, 1, 4}),
                                Str("s", {"a", "b", std::nullopt})}));
  (void)builder->Add(
      MakeTable({F64("x", {2.5, inf, 1.5}), F64("n", {1, 5, 9}), Str("s", {"a", "c", "a"})}));
  return std::move(builder->Finish()).value();
}

std::string ToHex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes.size(); ++i) {
    out += kDigits[static_cast<uint8_t>(bytes[i]) >> 4];
    out += kDigits[static_cast<uint8_t>(bytes[i]) & 15];
    if (i % 32 == 31) out += '\n';
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string FromHex(const std::string& hex) {
  std::string out;
  int high = -1;
  for (char c : hex) {
    int v;
    if (c >= '0' && c <= '9')
      v = c - '0';
    else if (c >= 'a' && c <= 'f')
      v = c - 'a' + 10;
    else
      continue;
    if (high < 0) {
      high = v;
    } else {
      out += static_cast<char>(high * 16 + v);
      high = -1;
    }
  }
  return out;
}

// Two profiles are equal when their JSON forms and all sketches are.
void ExpectSameProfile(const Profile& a, const Profile& b) {
  EXPECT_EQ(ProfileToJson(a).dump(), ProfileToJson(b).dump());
  ASSERT_EQ(a.columns.size(), b.columns.size());
  for (size_t i = 0; i < a.columns.size(); ++i) {
    const ColumnSketches& x = a.columns[i].sketches;
    const ColumnSketches& y = b.columns[i].sketches;
    EXPECT_EQ(x.moments.count, y.moments.count);
    EXPECT_EQ(x.moments.m2, y.moments.m2);
    EXPECT_TRUE(x.quantiles == y.quantiles);
    EXPECT_TRUE(x.distinct == y.distinct);
    EXPECT_TRUE(x.numeric_items == y.numeric_items);
    EXPECT_TRUE(x.text_items == y.text_items);
  }
}

void PatchCrc(std::string* bytes) {
  const uint32_t crc = static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(bytes->data()), bytes->size() - 4));
  for (int i = 0; i < 4; ++i) (*bytes)[bytes->size() - 4 + i] = static_cast<char>(crc >> (8 * i));
}

TEST(SerializeProfile, RoundTripExactProfile) {
  auto profile = ProfileTable(CreditTable());
  ASSERT_TRUE(profile.ok());
  const std::string bytes = SerializeProfile(*profile);
  EXPECT_EQ(bytes.substr(0, 8), "AIRMPROF");
  auto back = DeserializeProfile(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_TRUE(back->exact());
  ExpectSameProfile(*profile, *back);
  EXPECT_EQ(SerializeProfile(*back), bytes) << "the encoding is canonical";
  // A deserialized profile still merges.
  auto merged = MergeProfiles(*back, *profile);
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ(merged->num_rows, 2 * profile->num_rows);
}

TEST(SerializeProfile, RoundTripStreamedProfile) {
  const Profile profile = SmallProfile();
  auto back = DeserializeProfile(SerializeProfile(profile));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameProfile(profile, *back);
  EXPECT_EQ(back->columns[1].notes, profile.columns[1].notes);
}

// Version-1 files must stay readable by every later airm: this file is never
// regenerated unless the writer's output changes within version 1 (set
// AIRM_UPDATE_GOLDEN=1 to rewrite it, and say why in the commit).
TEST(SerializeProfile, GoldenBytesVersion1) {
  const std::string bytes = SerializeProfile(SmallProfile());
  if (std::getenv("AIRM_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(kGoldenPath) << ToHex(bytes);
  }
  std::ifstream in(kGoldenPath);
  ASSERT_TRUE(in.good()) << "missing " << kGoldenPath;
  std::stringstream hex;
  hex << in.rdbuf();
  const std::string golden = FromHex(hex.str());
  EXPECT_EQ(ToHex(bytes), ToHex(golden)) << "the writer's bytes changed";

  auto profile = DeserializeProfile(golden);
  ASSERT_TRUE(profile.ok()) << profile.status().ToString();
  EXPECT_EQ(profile->num_rows, 6u);
  const ColumnProfile* x = profile->FindColumn("x");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->null_count, 1u);
  EXPECT_EQ(x->nan_count, 1u);
  EXPECT_EQ(x->pos_inf_count, 1u);
  EXPECT_DOUBLE_EQ(*x->mean, 5.5 / 3);
  const ColumnProfile* n = profile->FindColumn("n");
  ASSERT_NE(n, nullptr);
  EXPECT_EQ(n->type, DataType::kFloat64);
  EXPECT_DOUBLE_EQ(*n->mean, 23.0 / 6);
  EXPECT_EQ(n->notes.size(), 1u);
  const ColumnProfile* s = profile->FindColumn("s");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->top_values[0].value, "a");
  EXPECT_EQ(s->top_values[0].count, 3u);
}

TEST(DeserializeProfile, NamesThePreambleProblem) {
  const std::string bytes = SerializeProfile(SmallProfile());
  auto message = [](const std::string& b) { return DeserializeProfile(b).status().message(); };
  EXPECT_NE(message("short").find("shorter than the 24-byte preamble"), std::string::npos);
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  EXPECT_NE(message(bad_magic).find("bad magic"), std::string::npos);
  std::string version2 = bytes;
  version2[8] = 2;
  EXPECT_NE(message(version2).find("unsupported format version 2"), std::string::npos);
  std::string flags = bytes;
  flags[10] = 1;
  EXPECT_NE(message(flags).find("unknown preamble flags"), std::string::npos);
  EXPECT_NE(message(bytes + "x").find("does not match"), std::string::npos);
  std::string flipped = bytes;
  flipped[40] ^= 1;
  EXPECT_NE(message(flipped).find("CRC32 checksum mismatch"), std::string::npos);
}

TEST(DeserializeProfile, EveryTruncationIsCorrupt) {
  const std::string bytes = SerializeProfile(SmallProfile());
  for (size_t len = 0; len < bytes.size(); ++len) {
    auto r = DeserializeProfile(std::string_view(bytes).substr(0, len));
    ASSERT_FALSE(r.ok()) << "length " << len;
    ASSERT_EQ(r.status().code(), StatusCode::kCorrupt) << "length " << len;
  }
}

TEST(DeserializeProfile, EveryFlippedByteIsCaught) {
  const std::string bytes = SerializeProfile(SmallProfile());
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::string flipped = bytes;
    flipped[i] ^= 0x10;
    auto r = DeserializeProfile(flipped);
    ASSERT_FALSE(r.ok()) << "byte " << i;
    ASSERT_EQ(r.status().code(), StatusCode::kCorrupt) << "byte " << i;
  }
}

// With the checksum recomputed, a flipped byte reaches the section parsers:
// each result must be Corrupt or a profile that is safe to use.
TEST(DeserializeProfile, FlippedBytesBehindAValidChecksumNeverCrash) {
  const std::string bytes = SerializeProfile(SmallProfile());
  int accepted = 0;
  for (size_t i = 0; i < bytes.size() - 4; ++i) {
    for (uint8_t mask : {0x01, 0xff}) {
      std::string flipped = bytes;
      flipped[i] = static_cast<char>(flipped[i] ^ mask);
      PatchCrc(&flipped);
      auto r = DeserializeProfile(flipped);
      if (!r.ok()) {
        ASSERT_EQ(r.status().code(), StatusCode::kCorrupt) << "byte " << i;
        continue;
      }
      ++accepted;
      // Use everything a caller might: merge, re-serialize, render.
      auto merged = MergeProfiles(*r, *r);
      if (merged.ok()) (void)SerializeProfile(*merged);
      (void)SerializeProfile(*r);
      (void)ProfileToJson(*r).dump();
    }
  }
  EXPECT_LT(accepted, 2 * static_cast<int>(bytes.size() - 4)) << "some flips must be rejected";
}

}  // namespace
}  // namespace airm
