#include "airm/sha256.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace airm {
namespace {

TEST(Sha256Test, KnownVectors) {
  // FIPS 180-2 test vectors.
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
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
