// `airm evidence add`: flags to usecases::AddEvidence
// (airm/usecases/governance_evidence.h), then a line of text or the JSON.
#include <iostream>
#include <memory>

#include "airm/report/evidence_documents.h"
#include "airm/report/governance_text.h"
#include "airm/usecases/governance_evidence.h"
#include "cli_common.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct EvidenceFlags {
  StoreFlags store;
  ActorFlag actor;
  usecases::AddEvidenceOptions options;
};

int RunAdd(EvidenceFlags& f) {
  usecases::AddEvidenceOptions options = f.options;
  options.store = Locate(f.store);
  options.actor = f.actor.Get();
  auto added = usecases::AddEvidence(options);
  if (!added.ok()) return Fail(added.status());
  std::cerr << TerminalSafe(report::ActorText(added->actor));
  Status s = WriteJsonOutput(f.store, report::RenderEvidenceAddedJson(*added, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << TerminalSafe(report::EvidenceAddedText(*added));
  return kExitOk;
}

}  // namespace

void AddEvidenceCommands(CLI::App* evidence, StoreCommandSet* set) {
  static std::unique_ptr<EvidenceFlags> holder = std::make_unique<EvidenceFlags>();
  EvidenceFlags* f = holder.get();
  usecases::AddEvidenceOptions& o = f->options;
  CLI::App* add = evidence->add_subcommand(
      "add", "Add a document, policy or DPIA as evidence of a control, until it expires");
  add->add_option("--system", o.system, "The AI system it is evidence for")->required();
  add->add_option("--control", o.control,
                  "A control id (AIRM-RISK) or a framework item (iso-42001:A.2.2)")
      ->required();
  add->add_option("--file", o.file, "The document; its SHA-256 is recorded");
  add->add_option("--url", o.url, "Where the document lives, when it is not a local file");
  add->add_option("--note", o.note, "What it is, in words");
  add->add_option("--expires", o.expires, "The last day it counts, YYYY-MM-DD (default: never)");
  add->add_option("--today", o.today, "Date for the already-expired check (default: today)");
  AddActorFlag(add, &f->actor);
  AddStoreFlags(add, &f->store);
  set->Add(add, [f] { return RunAdd(*f); });
}

}  // namespace airm::cli
