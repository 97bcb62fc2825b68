// Verification and inclusion proofs over a snapshot of the audit log
// (audit_log.h): pure functions, no store access.
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "airm/governance/audit_log.h"

namespace airm::governance {
namespace {

std::string Str(int64_t n) { return std::to_string(n); }

// The seq an entry's bytes claim, nullopt when they are not an audit entry.
std::optional<int64_t> EmbeddedSeq(const std::string& entry) {
  nlohmann::json doc = nlohmann::json::parse(entry, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("seq") || !doc["seq"].is_number_integer()) {
    return std::nullopt;
  }
  return doc["seq"].get<int64_t>();
}

bool HeadSignatureOk(const TreeHead& head, const std::string& public_key) {
  return head.public_key == public_key &&
         VerifySignature(public_key, head.Checkpoint(), head.signature);
}

// Checks entries in order and stops at the first bad one: everything after it
// hashes differently anyway, so later reports would only repeat it.
void CheckEntries(const AuditLogSnapshot& log, AuditVerification* out, CompactRange* range) {
  std::map<int64_t, const TreeHead*> heads;
  for (const TreeHead& h : log.heads) heads[h.tree_size] = &h;
  int64_t expected = 1;
  for (const AuditEntry& e : log.entries) {
    const std::string at = "audit entry " + Str(expected);
    if (e.seq != expected) {
      out->problems.push_back({expected, "deleted",
                               at + " is missing (deleted): the log goes from " +
                                   Str(expected - 1) + " to " + Str(e.seq)});
      return;
    }
    std::optional<int64_t> claimed = EmbeddedSeq(e.entry);
    if (!claimed) {
      out->problems.push_back(
          {e.seq, "modified", at + " was modified: it is no longer a well-formed audit entry"});
      return;
    }
    if (*claimed != e.seq) {
      out->problems.push_back({e.seq, "reordered",
                               at + " holds the content of entry " + Str(*claimed) +
                                   " (entries reordered, inserted or deleted)"});
      return;
    }
    const Hash leaf = LeafHash(e.entry);
    if (HashHex(leaf) != e.leaf_hash) {
      out->problems.push_back({e.seq, "modified",
                               at + " was modified: its content hashes to " + HashHex(leaf) +
                                   ", the recorded leaf hash is " + e.leaf_hash});
      return;
    }
    range->Append(leaf);
    auto head = heads.find(e.seq);
    if (head == heads.end()) {
      out->problems.push_back(
          {e.seq, "inserted", at + " is covered by no signed tree head (inserted?)"});
      return;
    }
    if (!HeadSignatureOk(*head->second, log.public_key)) {
      out->problems.push_back({e.seq, "bad_signature",
                               "the tree head of size " + Str(e.seq) +
                                   " is not signed by the workspace key " + log.public_key});
      return;
    }
    if (head->second->root_hex != HashHex(range->Root())) {
      out->problems.push_back(
          {e.seq, "modified",
           at + " differs from what was signed: the tree of " + Str(e.seq) +
               " entries no longer has the signed root (modified or inserted, with the "
               "recorded hash rewritten)"});
      return;
    }
    ++expected;
  }
}

void CheckTail(const AuditLogSnapshot& log, AuditVerification* out) {
  const int64_t n = static_cast<int64_t>(log.entries.size());
  int64_t signed_size = 0;
  for (const TreeHead& h : log.heads) {
    if (h.tree_size > signed_size && HeadSignatureOk(h, log.public_key)) signed_size = h.tree_size;
  }
  if (log.checkpoint) {
    out->checkpoint_checked = true;
    if (!HeadSignatureOk(*log.checkpoint, log.public_key)) {
      out->problems.push_back({log.checkpoint->tree_size, "bad_signature",
                               "the checkpoint file is not signed by the workspace key"});
      return;
    }
    signed_size = std::max(signed_size, log.checkpoint->tree_size);
  }
  if (signed_size > n) {
    out->problems.push_back({n + 1, "deleted",
                             "audit entry " + Str(n + 1) + " is missing (deleted): signed tree " +
                                 "heads cover " + Str(signed_size) + " entries, the log holds " +
                                 Str(n)});
  }
}

}  // namespace

AuditVerification VerifyAuditLog(const AuditLogSnapshot& log) {
  AuditVerification out;
  out.entries = static_cast<int64_t>(log.entries.size());
  out.tree_heads = static_cast<int64_t>(log.heads.size());
  out.public_key = log.public_key;
  if (log.public_key.empty() && (!log.entries.empty() || !log.heads.empty())) {
    out.problems.push_back({1, "bad_signature",
                            "the workspace's audit public key is missing; tree heads cannot be "
                            "checked"});
    return out;
  }
  CompactRange range;
  CheckEntries(log, &out, &range);
  if (out.problems.empty()) {
    CheckTail(log, &out);
    // A checkpoint whose root differs from the log's root of that size.
    if (out.problems.empty() && log.checkpoint && log.checkpoint->tree_size >= 1) {
      std::vector<Hash> leaves;
      for (const AuditEntry& e : log.entries) leaves.push_back(LeafHash(e.entry));
      const size_t size = static_cast<size_t>(log.checkpoint->tree_size);
      if (size <= leaves.size() && HashHex(MerkleRoot(std::span<const Hash>(leaves).first(size))) !=
                                       log.checkpoint->root_hex) {
        out.problems.push_back({log.checkpoint->tree_size, "modified",
                                "the log's first " + Str(log.checkpoint->tree_size) +
                                    " entries do not have the root of the checkpoint file"});
      }
    }
  }
  if (!log.entries.empty() && out.problems.empty()) out.root_hex = HashHex(range.Root());
  return out;
}

Result<InclusionProof> ProveInclusion(const AuditLogSnapshot& log, int64_t seq, int64_t tree_size) {
  if (log.heads.empty()) return Status::NotFound("the audit log is empty");
  const TreeHead* head = &log.heads.back();
  if (tree_size != 0) {
    head = nullptr;
    for (const TreeHead& h : log.heads) {
      if (h.tree_size == tree_size) head = &h;
    }
    if (head == nullptr) {
      return Status::NotFound("--size " + Str(tree_size) + ": no signed tree head of that size");
    }
  }
  if (seq < 1 || seq > static_cast<int64_t>(log.entries.size())) {
    return Status::NotFound("audit entry " + Str(seq) + " does not exist (the log has " +
                            Str(static_cast<int64_t>(log.entries.size())) + " entries)");
  }
  if (seq > head->tree_size) {
    return Status::InvalidArgument("audit entry " + Str(seq) + " is not in the tree of size " +
                                   Str(head->tree_size));
  }
  std::vector<Hash> leaves;
  for (int64_t i = 0; i < head->tree_size && i < static_cast<int64_t>(log.entries.size()); ++i) {
    leaves.push_back(LeafHash(log.entries[i].entry));
  }
  InclusionProof proof;
  proof.seq = seq;
  proof.leaf_index = static_cast<uint64_t>(seq - 1);
  proof.tree_size = head->tree_size;
  proof.entry = log.entries[seq - 1].entry;
  const Hash leaf = LeafHash(proof.entry);
  proof.leaf_hash = HashHex(leaf);
  const std::vector<Hash> path = InclusionPath(proof.leaf_index, leaves);
  for (const Hash& h : path) proof.path.push_back(HashHex(h));
  proof.head = *head;
  std::optional<Hash> root = HashFromHex(head->root_hex);
  proof.verified = root && leaves.size() == static_cast<size_t>(head->tree_size) &&
                   VerifyInclusion(proof.leaf_index, head->tree_size, leaf, path, *root) &&
                   HeadSignatureOk(*head, log.public_key);
  return proof;
}

}  // namespace airm::governance
