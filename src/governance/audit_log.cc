#include "airm/governance/audit_log.h"

#include <sodium.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "airm/report.h"
#include "airm/small_file.h"
#include "airm/store/timestamp.h"

namespace airm::governance {
namespace {

namespace fs = std::filesystem;
constexpr const char* kOrigin = "airm audit log";

std::string Base64(const Hash& h) {
  std::string out(sodium_base64_ENCODED_LEN(h.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), h.data(), h.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

}  // namespace

std::string CheckpointText(int64_t tree_size, const Hash& root) {
  return std::string(kOrigin) + "\n" + std::to_string(tree_size) + "\n" + Base64(root) + "\n";
}

std::string TreeHead::Checkpoint() const {
  std::optional<Hash> root = HashFromHex(root_hex);
  // A head whose root is not 64 hex digits cannot have been signed by airm;
  // its checkpoint text then carries the raw field so the signature fails.
  if (!root)
    return std::string(kOrigin) + "\n" + std::to_string(tree_size) + "\n" + root_hex + "\n";
  return CheckpointText(tree_size, *root);
}

Result<std::vector<AuditEntry>> ReadAuditEntries(store::Database& db) {
  std::vector<AuditEntry> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach("SELECT seq, entry, leaf_hash FROM audit_entries ORDER BY seq",
                                    {}, [&](const store::Row& row) {
                                      out.push_back({row.Int(0), row.Text(1), row.Text(2)});
                                      return Status::Ok();
                                    }));
  return out;
}

Result<std::vector<TreeHead>> ReadTreeHeads(store::Database& db) {
  std::vector<TreeHead> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT tree_size, root_hash, signed_at, public_key, signature FROM audit_tree_heads "
      "ORDER BY tree_size",
      {}, [&](const store::Row& row) {
        out.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
        return Status::Ok();
      }));
  return out;
}

Result<TreeHead> AppendAudit(store::Database& tx, const SigningKey& key, const AuditEvent& event) {
  // The new root needs every earlier leaf; governance logs stay small (one
  // entry per command), so reading the leaf hashes back is cheap.
  CompactRange range;
  int64_t last_seq = 0;
  AIRM_RETURN_IF_ERROR(tx.QueryEach(
      "SELECT seq, leaf_hash FROM audit_entries ORDER BY seq", {}, [&](const store::Row& row) {
        std::optional<Hash> h = HashFromHex(row.Text(1));
        if (!h || row.Int(0) != last_seq + 1) {
          return Status::Corrupt("audit entry " + std::to_string(last_seq + 1) +
                                 " is damaged; run `airm audit verify`");
        }
        range.Append(*h);
        last_seq = row.Int(0);
        return Status::Ok();
      }));
  const int64_t seq = last_seq + 1;
  nlohmann::json doc = {{"seq", seq},
                        {"at", event.at.empty() ? store::UtcNow() : event.at},
                        {"actor", event.actor},
                        {"action", event.action},
                        {"subject", event.subject},
                        {"details", event.details}};
  // nlohmann::json keeps object keys sorted: the dump is canonical.
  const std::string entry = doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  const Hash leaf = LeafHash(entry);
  range.Append(leaf);
  AIRM_RETURN_IF_ERROR(
      tx.Execute("INSERT INTO audit_entries (seq, entry, leaf_hash) VALUES (?, ?, ?)",
                 {seq, entry, HashHex(leaf)}));
  TreeHead head;
  head.tree_size = seq;
  head.root_hex = HashHex(range.Root());
  head.signed_at = store::UtcNow();
  head.public_key = key.public_key_hex();
  head.signature = key.Sign(head.Checkpoint());
  AIRM_RETURN_IF_ERROR(tx.Execute(
      "INSERT INTO audit_tree_heads (tree_size, root_hash, signed_at, public_key, signature) "
      "VALUES (?, ?, ?, ?, ?)",
      {head.tree_size, head.root_hex, head.signed_at, head.public_key, head.signature}));
  return head;
}

Status WriteCheckpointFile(const std::string& dir, const TreeHead& head) {
  // Through the one atomic writer (a temporary file of its own per call,
  // then rename): two commands finishing at once each replace the file
  // whole, where a shared temporary name let one rename the other's away.
  const fs::path path = fs::path(dir) / kCheckpointFile;
  std::string text = head.Checkpoint() + "\n";
  text += "key " + head.public_key + "\n";
  text += "signature " + head.signature + "\n";
  text += "root " + head.root_hex + "\n";
  text += "signed_at " + head.signed_at + "\n";
  Status written = WriteFileAtomically(path.string(), text);
  if (!written.ok()) {
    return Status::IoError(path.string() +
                           ": cannot write the audit checkpoint: " + written.message());
  }
  return Status::Ok();
}

Result<std::optional<TreeHead>> ReadCheckpointFile(const std::string& dir) {
  const fs::path path = fs::path(dir) / kCheckpointFile;
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<TreeHead>();
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(path.string(), "audit checkpoint", 4096));
  std::istringstream in(text);
  std::string origin, size_line, root_b64, blank;
  std::getline(in, origin);
  std::getline(in, size_line);
  std::getline(in, root_b64);
  std::getline(in, blank);
  TreeHead head;
  std::string line;
  while (std::getline(in, line)) {
    const size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string key = line.substr(0, space), value = line.substr(space + 1);
    if (key == "key") head.public_key = value;
    if (key == "signature") head.signature = value;
    if (key == "root") head.root_hex = value;
    if (key == "signed_at") head.signed_at = value;
  }
  try {
    head.tree_size = std::stoll(size_line);
  } catch (const std::exception&) {
    return Status::Corrupt(path.string() + ":2: expected the tree size");
  }
  if (origin != kOrigin || head.root_hex.empty() || head.signature.empty()) {
    return Status::Corrupt(path.string() + ": not an airm audit checkpoint");
  }
  return std::optional<TreeHead>(head);
}

}  // namespace airm::governance
