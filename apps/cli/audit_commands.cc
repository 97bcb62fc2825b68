// `airm audit verify|proof|export`: flags to the use cases of
// airm/usecases/governance_audit.h, then a summary or the JSON document.
// `verify` exits 1 when the log has been tampered with.
#include <iostream>
#include <memory>

#include "airm/governance/render.h"
#include "airm/report.h"
#include "airm/usecases/governance_audit.h"
#include "cli_common.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct AuditFlags {
  StoreFlags store;
  int64_t seq = 0;
  int64_t size = 0;
};

int RunVerify(AuditFlags& f) {
  auto verified = usecases::VerifyAudit({.store = Locate(f.store)});
  if (!verified.ok()) return Fail(verified.status());
  const governance::AuditVerification& v = verified->verification;
  Status s = WriteJsonOutput(
      f.store, governance::RenderAuditVerificationJson(v, verified->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) {
    if (v.ok()) {
      std::cout << "audit log intact: " << v.entries << " entries, " << v.tree_heads
                << " signed tree heads";
      if (v.root_hex) std::cout << ", root " << *v.root_hex;
      std::cout << (v.checkpoint_checked ? ", checkpoint file agrees" : "") << "\n";
    } else {
      std::cout << "audit log TAMPERED: first bad entry " << v.problems.front().seq << "\n";
      for (const governance::AuditProblem& p : v.problems) {
        std::cout << "  " << p.kind << ": " << TerminalSafe(p.message) << "\n";
      }
    }
  }
  return v.ok() ? kExitOk : kExitGateFailed;
}

int RunProof(AuditFlags& f) {
  auto proof = usecases::ProveAudit({.store = Locate(f.store), .seq = f.seq, .tree_size = f.size});
  if (!proof.ok()) return Fail(proof.status());
  Status s = WriteJsonOutput(
      f.store, governance::RenderInclusionProofJson(*proof, proof->head.public_key, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) {
    std::cout << "entry " << proof->seq << " (leaf index " << proof->leaf_index
              << ") in the tree of " << proof->tree_size << " entries\n"
              << "  leaf hash  " << proof->leaf_hash << "\n"
              << "  root       " << proof->head.root_hex << "\n";
    for (const std::string& h : proof->path) std::cout << "  path       " << h << "\n";
    std::cout << "  " << (proof->verified ? "verified" : "NOT verified")
              << " against the signed tree head\n";
  }
  return proof->verified ? kExitOk : kExitGateFailed;
}

int RunExport(AuditFlags& f) {
  auto exported = usecases::ExportAudit({.store = Locate(f.store)});
  if (!exported.ok()) return Fail(exported.status());
  StoreFlags flags = f.store;
  if (flags.json.empty()) flags.json = "-";
  Status s = WriteJsonOutput(
      flags, governance::RenderAuditExportJson(exported->log, exported->verification, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (flags.TextToStdout()) {
    std::cerr << "airm: exported " << exported->log.entries.size() << " audit entries ("
              << (exported->verification.ok() ? "verified" : "verification FAILED") << ")\n";
  }
  return kExitOk;
}

}  // namespace

void AddAuditCommands(CLI::App* audit, StoreCommandSet* set) {
  static std::unique_ptr<AuditFlags> holder = std::make_unique<AuditFlags>();
  AuditFlags* f = holder.get();
  CLI::App* verify =
      audit->add_subcommand("verify", "Recompute the Merkle log; name the first bad entry");
  AddStoreFlags(verify, &f->store);
  set->Add(verify, [f] { return RunVerify(*f); });

  CLI::App* proof = audit->add_subcommand("proof", "RFC 6962 inclusion proof of entry N");
  proof->add_option("n", f->seq, "Entry number (1-based)")->required();
  proof->add_option("--size", f->size, "Tree size of the signed head (default: the newest)");
  AddStoreFlags(proof, &f->store);
  set->Add(proof, [f] { return RunProof(*f); });

  CLI::App* exp = audit->add_subcommand(
      "export", "Every entry, signed tree head and the public key, as JSON (default stdout)");
  AddStoreFlags(exp, &f->store);
  set->Add(exp, [f] { return RunExport(*f); });
}

}  // namespace airm::cli
