#include "airm/governance/merkle.h"

#include <sodium.h>

namespace airm::governance {
namespace {

// The largest power of two strictly below n. REQUIRES: n > 1.
size_t SplitPoint(size_t n) {
  size_t k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

Hash PrefixedHash(uint8_t prefix, std::string_view a, std::string_view b = {}) {
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  crypto_hash_sha256_update(&state, &prefix, 1);
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(a.data()), a.size());
  crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(b.data()), b.size());
  Hash out;
  crypto_hash_sha256_final(&state, out.data());
  return out;
}

std::string_view Bytes(const Hash& h) {
  return {reinterpret_cast<const char*>(h.data()), h.size()};
}

void AppendPath(size_t index, std::span<const Hash> leaves, std::vector<Hash>* path) {
  if (leaves.size() <= 1) return;
  const size_t k = SplitPoint(leaves.size());
  if (index < k) {
    AppendPath(index, leaves.first(k), path);
    path->push_back(MerkleRoot(leaves.subspan(k)));
  } else {
    AppendPath(index - k, leaves.subspan(k), path);
    path->push_back(MerkleRoot(leaves.first(k)));
  }
}

}  // namespace

Hash LeafHash(std::string_view entry) { return PrefixedHash(0x00, entry); }

Hash NodeHash(const Hash& left, const Hash& right) {
  return PrefixedHash(0x01, Bytes(left), Bytes(right));
}

Hash EmptyTreeHash() {
  Hash out;
  crypto_hash_sha256(out.data(), nullptr, 0);
  return out;
}

std::string HashHex(const Hash& hash) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(64);
  for (uint8_t b : hash) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xf]);
  }
  return out;
}

std::optional<Hash> HashFromHex(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  Hash out;
  for (size_t i = 0; i < 32; ++i) {
    const int hi = nibble(hex[2 * i]);
    const int lo = nibble(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<uint8_t>(hi << 4 | lo);
  }
  return out;
}

Hash MerkleRoot(std::span<const Hash> leaf_hashes) {
  if (leaf_hashes.empty()) return EmptyTreeHash();
  if (leaf_hashes.size() == 1) return leaf_hashes[0];
  const size_t k = SplitPoint(leaf_hashes.size());
  return NodeHash(MerkleRoot(leaf_hashes.first(k)), MerkleRoot(leaf_hashes.subspan(k)));
}

std::vector<Hash> InclusionPath(size_t index, std::span<const Hash> leaf_hashes) {
  std::vector<Hash> path;
  AppendPath(index, leaf_hashes, &path);
  return path;
}

bool VerifyInclusion(uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                     std::span<const Hash> path, const Hash& root) {
  if (index >= tree_size) return false;
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  Hash r = leaf_hash;
  for (const Hash& p : path) {
    if (sn == 0) return false;
    if ((fn & 1) == 1 || fn == sn) {
      r = NodeHash(p, r);
      if ((fn & 1) == 0) {
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      r = NodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn == 0 && r == root;
}

void CompactRange::Append(const Hash& leaf_hash) {
  stack_.push_back({leaf_hash, 0});
  // Merge equal-height neighbours: what remains are the perfect subtrees of
  // the binary decomposition of size_, left (tallest) to right.
  while (stack_.size() >= 2 && stack_[stack_.size() - 2].height == stack_.back().height) {
    Subtree right = stack_.back();
    stack_.pop_back();
    stack_.back() = {NodeHash(stack_.back().hash, right.hash), right.height + 1};
  }
  ++size_;
}

Hash CompactRange::Root() const {
  if (stack_.empty()) return EmptyTreeHash();
  Hash h = stack_.back().hash;
  for (size_t i = stack_.size() - 1; i-- > 0;) h = NodeHash(stack_[i].hash, h);
  return h;
}

}  // namespace airm::governance
