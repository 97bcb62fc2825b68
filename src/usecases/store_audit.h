// The audit trail of ordinary store writes (dataset register, model register,
// deploy, predictions log): the same signed Merkle log as the governance
// commands (airm/governance/audit_log.h), so `airm audit verify` covers every
// change to what the store records, not only governance actions.
//
// Usage: Open before the write transaction (resolves the actor — airm.yaml's
// `actor:`, else the operating-system user; these commands take no --actor —
// and loads or makes the workspace's signing key), Append inside it (the entry
// commits or rolls back with the change), Finish after it commits (writes the
// checkpoint file beside the store).
#pragma once

#include <optional>

#include "airm/governance/actor.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/signing.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases::internal {

class StoreAuditor {
 public:
  static Result<StoreAuditor> Open(const OpenedStore& opened);

  // Appends `event`, stamped with the actor. Safe to call again when the
  // transaction is retried (the retried body appends to the rolled-back log).
  Status Append(store::Database& tx, governance::AuditEvent event);
  // Writes the checkpoint of the newest head appended, if any.
  Status Finish() const;

  const governance::Actor& actor() const { return actor_; }

 private:
  StoreAuditor(governance::Actor actor, governance::SigningKey key, std::string key_dir)
      : actor_(std::move(actor)), key_(std::move(key)), key_dir_(std::move(key_dir)) {}
  governance::Actor actor_;
  governance::SigningKey key_;
  std::string key_dir_;
  std::optional<governance::TreeHead> head_;
};

}  // namespace airm::usecases::internal
