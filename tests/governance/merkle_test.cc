// RFC 6962 hashing, audit paths and inclusion verification against vectors
// computed independently with python3 hashlib
// (scripts/fixtures/make_rfc6962_fixtures.py).
#include "airm/governance/merkle.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace airm::governance {
namespace {

nlohmann::json Vectors() {
  std::ifstream in(std::string(AIRM_GOVERNANCE_FIXTURE_DIR) + "/rfc6962_vectors.json");
  std::stringstream text;
  text << in.rdbuf();
  return nlohmann::json::parse(text.str());
}

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  }
  return out;
}

std::vector<Hash> LeafHashes(const nlohmann::json& v, size_t n) {
  std::vector<Hash> out;
  for (size_t i = 0; i < n; ++i) out.push_back(LeafHash(Unhex(v["leaves_hex"][i])));
  return out;
}

TEST(Merkle, EmptyTreeIsSha256OfNothing) {
  EXPECT_EQ(HashHex(EmptyTreeHash()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HashHex(MerkleRoot({})), Vectors()["empty_root"].get<std::string>());
}

TEST(Merkle, LeafHashesMatchPython) {
  const nlohmann::json v = Vectors();
  for (size_t i = 0; i < v["leaves_hex"].size(); ++i) {
    EXPECT_EQ(HashHex(LeafHash(Unhex(v["leaves_hex"][i]))), v["leaf_hashes"][i]) << i;
  }
}

TEST(Merkle, RootsMatchPythonForEverySize) {
  const nlohmann::json v = Vectors();
  for (size_t n = 1; n <= v["roots"].size(); ++n) {
    std::vector<Hash> leaves = LeafHashes(v, n);
    EXPECT_EQ(HashHex(MerkleRoot(leaves)), v["roots"][n - 1]) << "size " << n;
  }
}

// The roots Certificate Transparency's own tests publish for these eight
// leaves: a second, external check beside the python vectors.
TEST(Merkle, RootsMatchCertificateTransparencyPublishedValues) {
  const char* kRoots[] = {"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
                          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
                          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
                          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
                          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
                          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};
  const nlohmann::json v = Vectors();
  for (size_t n = 1; n <= 8; ++n) {
    EXPECT_EQ(HashHex(MerkleRoot(LeafHashes(v, n))), kRoots[n - 1]) << "size " << n;
  }
}

TEST(Merkle, CompactRangeRootEqualsFullRootAfterEveryAppend) {
  const nlohmann::json v = Vectors();
  CompactRange range;
  EXPECT_EQ(range.Root(), EmptyTreeHash());
  std::vector<Hash> leaves = LeafHashes(v, v["leaves_hex"].size());
  for (size_t n = 1; n <= leaves.size(); ++n) {
    range.Append(leaves[n - 1]);
    EXPECT_EQ(range.size(), n);
    EXPECT_EQ(HashHex(range.Root()), v["roots"][n - 1]) << "size " << n;
  }
}

TEST(Merkle, AuditPathsMatchPythonAndVerify) {
  const nlohmann::json v = Vectors();
  for (const auto& p : v["paths"]) {
    const size_t index = p["index"], size = p["tree_size"];
    std::vector<Hash> leaves = LeafHashes(v, size);
    std::vector<Hash> path = InclusionPath(index, leaves);
    ASSERT_EQ(path.size(), p["path"].size()) << index << "/" << size;
    for (size_t i = 0; i < path.size(); ++i) EXPECT_EQ(HashHex(path[i]), p["path"][i]);
    const Hash root = *HashFromHex(v["roots"][size - 1].get<std::string>());
    EXPECT_TRUE(VerifyInclusion(index, size, leaves[index], path, root)) << index << "/" << size;
  }
}

TEST(Merkle, InclusionFailsForWrongLeafIndexPathOrRoot) {
  const nlohmann::json v = Vectors();
  std::vector<Hash> leaves = LeafHashes(v, 7);
  const Hash root = MerkleRoot(leaves);
  std::vector<Hash> path = InclusionPath(5, leaves);
  ASSERT_TRUE(VerifyInclusion(5, 7, leaves[5], path, root));
  EXPECT_FALSE(VerifyInclusion(4, 7, leaves[5], path, root));
  EXPECT_FALSE(VerifyInclusion(5, 7, leaves[4], path, root));
  EXPECT_FALSE(VerifyInclusion(7, 7, leaves[5], path, root));
  std::vector<Hash> bad = path;
  bad[1][0] ^= 1;
  EXPECT_FALSE(VerifyInclusion(5, 7, leaves[5], bad, root));
  bad = path;
  bad.pop_back();
  EXPECT_FALSE(VerifyInclusion(5, 7, leaves[5], bad, root));
  Hash other = root;
  other[31] ^= 0x80;
  EXPECT_FALSE(VerifyInclusion(5, 7, leaves[5], path, other));
}

TEST(Merkle, HexRoundTripAndRejects) {
  const Hash h = LeafHash("x");
  EXPECT_EQ(HashFromHex(HashHex(h)), h);
  EXPECT_FALSE(HashFromHex("abc"));
  EXPECT_FALSE(HashFromHex(std::string(64, 'g')));
}

}  // namespace
}  // namespace airm::governance
