// The audit log as use cases (airm/governance/audit_log.h):
//   airm audit verify      recompute every hash, check every signed head
//   airm audit proof N     RFC 6962 inclusion proof of entry N
//   airm audit export      every entry, head and the public key, for auditors
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/audit_log.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct AuditOptions {
  store::LocateOptions store = {};
  Status Validate() const { return Status::Ok(); }
};

struct AuditVerified {
  governance::AuditVerification verification;
  std::string key_dir;  // where the public key and checkpoint were read
  // fail "audit.tampered" naming the first bad entry; none when intact.
  std::vector<Finding> findings;
};
Result<AuditVerified> VerifyAudit(const AuditOptions& options);

struct AuditProofOptions {
  store::LocateOptions store = {};
  int64_t seq = 0;        // entry N, 1-based
  int64_t tree_size = 0;  // --size; 0 = the newest signed head
  Status Validate() const;
};
Result<governance::InclusionProof> ProveAudit(const AuditProofOptions& options);

struct AuditExport {
  governance::AuditLogSnapshot log;
  governance::AuditVerification verification;
};
Result<AuditExport> ExportAudit(const AuditOptions& options);

}  // namespace airm::usecases
