// The tamper-evident audit log (RFC 6962 Merkle tree, signed tree heads).
//
// Every governance action appends one entry: canonical JSON
// {"action","actor","at","details","seq","subject"} (keys sorted, no
// whitespace). The entry's bytes are the Merkle leaf; after each append the
// head of the grown tree is signed with the workspace key (signing.h) and
// stored, and the newest head is also written to a checkpoint file outside the
// store, so deleting the tail of the log together with its heads is detected.
//
// Verification recomputes everything from the entry bytes and trusts only the
// signatures. It names the first bad entry:
//   modified   the entry's bytes no longer hash to its recorded leaf hash, or
//              (recorded hash rewritten too) to the signed root of its tree
//   deleted    a sequence number is missing, or signed heads / the checkpoint
//              cover more entries than remain
//   inserted   an entry no signed head covers, or whose root differs from the
//              head signed for its position
//   reordered  an entry whose embedded seq differs from its position
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/governance/merkle.h"
#include "airm/governance/signing.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::governance {

struct AuditEvent {
  std::string actor = "";    // filled in by the writer from the session
  std::string action = "";   // e.g. "system.add", "risk.update"
  std::string subject = "";  // e.g. "system:credit-scoring", "risk:3"
  std::map<std::string, std::string> details = {};
  std::string at = "";  // "" = now
};

struct AuditEntry {
  int64_t seq = 0;
  std::string entry;      // the hashed bytes
  std::string leaf_hash;  // hex, as recorded
};

struct TreeHead {
  int64_t tree_size = 0;
  std::string root_hex;
  std::string signed_at;
  std::string public_key;  // hex
  std::string signature;   // hex
  // "airm audit log\n<tree_size>\n<base64 root>\n" (the body of a C2SP
  // tlog-checkpoint); the signed bytes.
  std::string Checkpoint() const;
};

std::string CheckpointText(int64_t tree_size, const Hash& root);

// Appends `event` and signs the new tree head, inside the caller's write
// transaction. Returns the new head.
Result<TreeHead> AppendAudit(store::Database& tx, const SigningKey& key, const AuditEvent& event);

Result<std::vector<AuditEntry>> ReadAuditEntries(store::Database& db);
Result<std::vector<TreeHead>> ReadTreeHeads(store::Database& db);

// The newest head, written to `<dir>/audit-checkpoint` after a command
// commits (atomic rename), and read back; nullopt when there is no file.
Status WriteCheckpointFile(const std::string& dir, const TreeHead& head);
Result<std::optional<TreeHead>> ReadCheckpointFile(const std::string& dir);
inline constexpr const char* kCheckpointFile = "audit-checkpoint";

struct AuditProblem {
  int64_t seq = 0;   // the entry (or tree size) concerned
  std::string kind;  // modified | deleted | inserted | reordered | bad_signature | foreign_key
  std::string message;
};

struct AuditVerification {
  int64_t entries = 0;
  int64_t tree_heads = 0;
  std::optional<std::string> root_hex;  // recomputed over all entries; nullopt when empty
  std::string public_key;               // the key the heads were checked against
  bool checkpoint_checked = false;
  // Most significant first: problems[0] names the first bad entry.
  std::vector<AuditProblem> problems;
  bool ok() const { return problems.empty(); }
};

struct AuditLogSnapshot {
  std::vector<AuditEntry> entries;     // in seq order
  std::vector<TreeHead> heads;         // in tree_size order
  std::string public_key;              // from the .pub file; "" when missing
  std::optional<TreeHead> checkpoint;  // from the checkpoint file
};

// Pure: checks a snapshot as described above.
AuditVerification VerifyAuditLog(const AuditLogSnapshot& log);

struct InclusionProof {
  int64_t seq = 0;
  uint64_t leaf_index = 0;  // seq - 1
  int64_t tree_size = 0;
  std::string entry;
  std::string leaf_hash;
  std::vector<std::string> path;  // hex, leaf to root (RFC 6962 PATH)
  TreeHead head;                  // the signed head the proof is against
  bool verified = false;          // VerifyInclusion and the head's signature
};

// Proof that entry `seq` is in the tree of the signed head of size
// `tree_size` (0 = the newest head). NotFound for an unknown seq or head;
// InvalidArgument when seq > tree_size.
Result<InclusionProof> ProveInclusion(const AuditLogSnapshot& log, int64_t seq, int64_t tree_size);

}  // namespace airm::governance
