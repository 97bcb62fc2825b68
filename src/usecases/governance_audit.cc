#include "airm/usecases/governance_audit.h"

#include "airm/usecases/store_access.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

struct LoadedLog {
  governance::AuditLogSnapshot log;
  std::string key_dir;
};

Result<LoadedLog> LoadLog(const store::LocateOptions& where) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(where));
  LoadedLog out;
  out.key_dir = internal::AuditKeyDir(opened.workspace);
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    AIRM_ASSIGN_OR_RETURN(out.log.entries, governance::ReadAuditEntries(db));
    AIRM_ASSIGN_OR_RETURN(out.log.heads, governance::ReadTreeHeads(db));
    return Status::Ok();
  }));
  Result<std::string> key = governance::LoadPublicKey(out.key_dir);
  if (key.ok()) {
    out.log.public_key = *key;
  } else if (key.status().code() != StatusCode::kNotFound) {
    return key.status();
  }
  AIRM_ASSIGN_OR_RETURN(out.log.checkpoint, governance::ReadCheckpointFile(out.key_dir));
  return out;
}

}  // namespace

Result<AuditVerified> VerifyAudit(const AuditOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(LoadedLog loaded, LoadLog(options.store));
  AuditVerified out;
  out.key_dir = loaded.key_dir;
  out.verification = governance::VerifyAuditLog(loaded.log);
  if (!out.verification.ok()) {
    const governance::AuditProblem& first = out.verification.problems.front();
    Finding f = MakeFinding(Severity::kFail, "audit.tampered", "entry " + std::to_string(first.seq),
                            first.message);
    f.evidence["first_bad_entry"] = static_cast<double>(first.seq);
    out.findings.push_back(std::move(f));
  }
  return out;
}

Status AuditProofOptions::Validate() const {
  if (seq < 1) return Status::InvalidArgument("audit proof N: N must be 1 or more");
  if (tree_size < 0) return Status::InvalidArgument("--size must be 1 or more");
  return Status::Ok();
}

Result<governance::InclusionProof> ProveAudit(const AuditProofOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(LoadedLog loaded, LoadLog(options.store));
  return governance::ProveInclusion(loaded.log, options.seq, options.tree_size);
}

Result<AuditExport> ExportAudit(const AuditOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(LoadedLog loaded, LoadLog(options.store));
  AuditExport out;
  out.verification = governance::VerifyAuditLog(loaded.log);
  out.log = std::move(loaded.log);
  return out;
}

}  // namespace airm::usecases
