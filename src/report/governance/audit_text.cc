// Text of `airm audit verify|proof|export`.
#include <sstream>

#include "airm/report/governance_text.h"

namespace airm::report {

std::string AuditVerificationText(const usecases::AuditVerified& verified) {
  const governance::AuditVerification& v = verified.verification;
  std::ostringstream out;
  if (v.ok()) {
    out << "audit log intact: " << v.entries << " entries, " << v.tree_heads
        << " signed tree heads";
    if (v.root_hex) out << ", root " << *v.root_hex;
    out << (v.checkpoint_checked ? ", checkpoint file agrees" : "") << "\n";
  } else {
    out << "audit log TAMPERED: first bad entry " << v.problems.front().seq << "\n";
    for (const governance::AuditProblem& p : v.problems) {
      out << "  " << p.kind << ": " << p.message << "\n";
    }
  }
  return out.str();
}

std::string InclusionProofText(const governance::InclusionProof& proof) {
  std::ostringstream out;
  out << "entry " << proof.seq << " (leaf index " << proof.leaf_index << ") in the tree of "
      << proof.tree_size << " entries\n"
      << "  leaf hash  " << proof.leaf_hash << "\n"
      << "  root       " << proof.head.root_hex << "\n";
  for (const std::string& h : proof.path) out << "  path       " << h << "\n";
  out << "  " << (proof.verified ? "verified" : "NOT verified")
      << " against the signed tree head\n";
  return out.str();
}

std::string AuditExportedText(const usecases::AuditExport& exported) {
  return "airm: exported " + std::to_string(exported.log.entries.size()) + " audit entries (" +
         (exported.verification.ok() ? "verified" : "verification FAILED") + ")\n";
}

}  // namespace airm::report
