// TextCodes against std::unordered_map: the same codes, in first-appearance
// order, for texts of every length and many distinct values.
#include "text_codes.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace airm::io {
namespace {

TEST(TextCodesTest, CodesInOrderOfFirstAppearanceLikeAHashMap) {
  std::mt19937_64 rng(17);
  // Lengths 0..40 around the hash's 4/8/16-byte loads, texts sharing their
  // first or last bytes (what the overlapping loads read twice), embedded
  // NULs, and enough distinct ones to grow the table several times.
  std::vector<std::string> pool;
  for (int len = 0; len <= 40; ++len) {
    for (int k = 0; k < 60; ++k) {
      std::string t(len, 'a');
      for (char& c : t) c = static_cast<char>('a' + rng() % 3);
      if (len > 2 && k % 5 == 0) t[len / 2] = '\0';
      pool.push_back(t);
    }
  }
  for (int k = 0; k < 3000; ++k) pool.push_back("c" + std::to_string(k % 997) + "_x");
  std::vector<std::string> cells;
  for (int i = 0; i < 20000; ++i) cells.push_back(pool[rng() % pool.size()]);

  TextCodes codes;
  std::unordered_map<std::string, int32_t> expected;
  for (const std::string& cell : cells) {
    bool inserted = false;
    const int32_t code = codes.Find(cell, &inserted);
    auto [it, fresh] = expected.try_emplace(cell, static_cast<int32_t>(expected.size()));
    ASSERT_EQ(code, it->second) << "'" << cell << "'";
    ASSERT_EQ(inserted, fresh);
  }
  EXPECT_EQ(codes.size(), expected.size());
  EXPECT_GT(codes.size(), 1000u);
}

TEST(TextCodesTest, HashSeesEveryByte) {
  // A change in any byte of texts up to 40 bytes changes the hash.
  for (size_t len = 1; len <= 40; ++len) {
    const std::string base(len, 'q');
    for (size_t i = 0; i < len; ++i) {
      std::string other = base;
      other[i] = 'r';
      EXPECT_NE(HashText(base), HashText(other)) << len << " bytes, byte " << i;
    }
  }
  EXPECT_NE(HashText(""), HashText(std::string(1, '\0')));
  EXPECT_NE(HashText("ab"), HashText("ba"));
}

}  // namespace
}  // namespace airm::io
