#include "store_audit.h"

#include <filesystem>

#include "governance_write.h"

namespace airm::usecases::internal {

Result<StoreAuditor> StoreAuditor::Open(const OpenedStore& opened) {
  AIRM_ASSIGN_OR_RETURN(governance::Actor actor,
                        governance::ResolveActor(std::nullopt, opened.workspace.root));
  const std::string key_dir = AuditKeyDir(opened.workspace);
  // A PostgreSQL store named by URL outside a workspace keeps its key in
  // ./.airm, which may not exist yet.
  std::error_code ec;
  std::filesystem::create_directories(key_dir, ec);
  if (ec)
    return Status::IoError(key_dir + ": cannot create the audit key directory: " + ec.message());
  AIRM_ASSIGN_OR_RETURN(governance::SigningKey key, governance::SigningKey::LoadOrCreate(key_dir));
  return StoreAuditor(std::move(actor), std::move(key), key_dir);
}

Status StoreAuditor::Append(store::Database& tx, governance::AuditEvent event) {
  event.actor = actor_.name;
  event.details["actor_source"] = actor_.source;
  AIRM_ASSIGN_OR_RETURN(head_, governance::AppendAudit(tx, key_, event));
  return Status::Ok();
}

Status StoreAuditor::Finish() const {
  if (!head_) return Status::Ok();
  return governance::WriteCheckpointFile(key_dir_, *head_);
}

}  // namespace airm::usecases::internal
