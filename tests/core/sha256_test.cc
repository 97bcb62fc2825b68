#include "airm/sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace airm {
namespace {

TEST(Sha256Test, KnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Issue 13: one hasher reused for many inputs gives each its own digest
// (the context is reset between inputs).
TEST(Sha256Test, AReusedHasherGivesTheKnownVectorsInAnyOrder) {
  Sha256Hasher hasher;
  std::string hex(Sha256Hasher::kHexSize, '?');
  for (int round = 0; round < 2; ++round) {
    hasher.Hex("abc", hex.data());
    EXPECT_EQ(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    hasher.Hex("", hex.data());
    EXPECT_EQ(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}

TEST(Sha256Test, FileMatchesBytesAndReportsMissingFile) {
  std::string path = ::testing::TempDir() + "/sha_test.txt";
  { std::ofstream(path) << "abc"; }
  uint64_t n = 0;
  auto d = Sha256File(path, &n);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, Sha256Hex("abc"));
  EXPECT_EQ(n, 3u);
  auto missing = Sha256File(path + ".nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kIoError);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace airm
