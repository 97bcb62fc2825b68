// RFC 6962 Merkle tree hashing (kept unchanged in RFC 9162 §2.1), the
// structure of airm's tamper-evident audit log.
//
//   leaf hash  = SHA-256(0x00 || entry)
//   node hash  = SHA-256(0x01 || left || right)
//   MTH(D[n])  = the root; the tree splits at the largest power of two < n;
//                the empty tree's root is SHA-256 of nothing.
//
// Pure functions over byte strings: no store, no I/O. Hashes are raw 32-byte
// arrays; HashHex gives the lower-case hex form the store and documents use.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace airm::governance {

using Hash = std::array<uint8_t, 32>;

Hash LeafHash(std::string_view entry);
Hash NodeHash(const Hash& left, const Hash& right);
Hash EmptyTreeHash();

std::string HashHex(const Hash& hash);
// nullopt unless `hex` is exactly 64 hex digits.
std::optional<Hash> HashFromHex(std::string_view hex);

// MTH over already-hashed leaves (RFC 6962 §2.1).
Hash MerkleRoot(std::span<const Hash> leaf_hashes);

// The audit path PATH(m, D[n]) of RFC 6962 §2.1.1 for leaf `index` (0-based)
// in the tree of all `leaf_hashes`. REQUIRES: index < leaf_hashes.size().
std::vector<Hash> InclusionPath(size_t index, std::span<const Hash> leaf_hashes);

// RFC 9162 §2.1.3.2: true when `path` proves that `leaf_hash` is leaf `index`
// of the tree of `tree_size` leaves whose root is `root`.
bool VerifyInclusion(uint64_t index, uint64_t tree_size, const Hash& leaf_hash,
                     std::span<const Hash> path, const Hash& root);

// The root after each append in O(log n) time and space: the stack of perfect
// subtrees ("compact range"), folded right to left. Lets `audit verify` check
// a signed tree head after every entry without rehashing the whole prefix.
class CompactRange {
 public:
  void Append(const Hash& leaf_hash);
  uint64_t size() const { return size_; }
  Hash Root() const;  // EmptyTreeHash() when empty

 private:
  struct Subtree {
    Hash hash;
    int height;
  };
  std::vector<Subtree> stack_;
  uint64_t size_ = 0;
};

}  // namespace airm::governance
