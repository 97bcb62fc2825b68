// `airm risk reassess --pack FILE --system S`: the quarterly pack handed to
// governance (usecases::ReassessRisks, airm/usecases/risk_reassessment.h),
// then a summary or the JSON.
#include <iostream>
#include <memory>

#include "airm/report/governance_text.h"
#include "airm/report/incident_documents.h"
#include "airm/usecases/risk_reassessment.h"
#include "cli_common.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct ReassessFlags {
  StoreFlags store;
  ActorFlag actor;
  usecases::ReassessRisksOptions options;
};

int RunReassess(ReassessFlags& f) {
  usecases::ReassessRisksOptions options = f.options;
  options.store = Locate(f.store);
  options.actor = f.actor.Get();
  auto done = usecases::ReassessRisks(options);
  if (!done.ok()) return Fail(done.status());
  std::cerr << TerminalSafe(report::ActorText(done->actor));
  Status s = WriteJsonOutput(f.store, report::RenderRiskReassessedJson(*done, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << TerminalSafe(report::RiskReassessedText(*done));
  return kExitOk;
}

}  // namespace

void AddRiskReassessCommand(CLI::App* risk, StoreCommandSet* set) {
  static std::unique_ptr<ReassessFlags> holder = std::make_unique<ReassessFlags>();
  ReassessFlags* f = holder.get();
  CLI::App* sub = risk->add_subcommand(
      "reassess",
      "Apply a quarterly pack (`airm monitor pack --json`) to a system's risks and reopen its "
      "review");
  sub->add_option("--pack", f->options.pack, "The pack's JSON file; its SHA-256 is bound")
      ->required();
  sub->add_option("--system", f->options.system, "The AI system to reassess")->required();
  AddActorFlag(sub, &f->actor);
  AddStoreFlags(sub, &f->store);
  set->Add(sub, [f] { return RunReassess(*f); });
}

}  // namespace airm::cli
