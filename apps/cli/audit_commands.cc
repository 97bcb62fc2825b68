// `airm audit verify|proof|export`: flags to the use cases of
// airm/usecases/governance_audit.h, then a summary or the JSON document.
// `verify` exits 1 when the log has been tampered with.
#include <iostream>
#include <memory>

#include "airm/report.h"
#include "airm/report/governance_documents.h"
#include "airm/report/governance_text.h"
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
  if (f.store.TextToStdout()) std::cout << report::AuditVerificationText(*verified);
  return v.ok() ? kExitOk : kExitGateFailed;
}

int RunProof(AuditFlags& f) {
  auto proof = usecases::ProveAudit({.store = Locate(f.store), .seq = f.seq, .tree_size = f.size});
  if (!proof.ok()) return Fail(proof.status());
  Status s = WriteJsonOutput(
      f.store, governance::RenderInclusionProofJson(*proof, proof->head.public_key, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::InclusionProofText(*proof);
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
  if (flags.TextToStdout()) std::cerr << TerminalSafe(report::AuditExportedText(*exported));
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
