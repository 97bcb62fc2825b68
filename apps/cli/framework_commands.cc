// `airm framework controls|coverage`: the control library, and the coverage of
// NIST AI RMF 1.0, ISO/IEC 42001 Annex A and the EU AI Act's high-risk
// obligations from the evidence in the store (airm/usecases/
// governance_frameworks.h), then a summary or the JSON document and the
// --fail-on gates (`gaps`, `expired`, or any path of the document).
#include <iostream>
#include <memory>

#include "airm/gate.h"
#include "airm/report/framework_documents.h"
#include "airm/usecases/governance_frameworks.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct FrameworkFlags {
  StoreFlags store;
  std::string system, today, fail_on;
  std::vector<std::string> frameworks;
};

const GateAliases kCoverageAliases = {
    {"gaps", {"summary.gaps>0"}},
    {"expired", {"summary.expired_controls>0"}},
};

int RunControls(FrameworkFlags& f) {
  auto lib = governance::BuiltinControlLibrary();
  if (!lib.ok()) return Fail(lib.status());
  Status s = WriteJsonOutput(f.store, report::RenderControlLibraryJson(*lib, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::ControlLibraryText(*lib);
  return kExitOk;
}

int RunCoverage(FrameworkFlags& f) {
  auto cov = usecases::GetFrameworkCoverage(
      {.store = Locate(f.store), .system = f.system, .frameworks = f.frameworks, .today = f.today});
  if (!cov.ok()) return Fail(cov.status());
  const std::string json =
      report::RenderFrameworkCoverageJson(cov->library, cov->report, StoreMeta());
  std::vector<GateOutcome> gates;
  if (!f.fail_on.empty()) {
    auto g = EvaluateGates(f.fail_on, json, kCoverageAliases);
    if (!g.ok()) return Fail(g.status());
    gates = std::move(g).value();
  }
  Status s = WriteJsonOutput(f.store, json);
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::FrameworkCoverageText(cov->report, gates);
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

}  // namespace

void AddFrameworkCommands(CLI::App* framework, StoreCommandSet* set) {
  static std::unique_ptr<FrameworkFlags> holder = std::make_unique<FrameworkFlags>();
  FrameworkFlags* f = holder.get();
  CLI::App* controls = framework->add_subcommand(
      "controls", "The control library and the NIST AI RMF / ISO 42001 / EU AI Act items it maps");
  AddStoreFlags(controls, &f->store);
  set->Add(controls, [f] { return RunControls(*f); });

  CLI::App* coverage = framework->add_subcommand(
      "coverage", "Which controls each AI system meets from the store's evidence, and the gaps");
  coverage->add_option("--system", f->system, "Only this AI system (default: every system)");
  AddListOption(coverage, "--framework", &f->frameworks,
                "nist-ai-rmf, iso-42001 or eu-ai-act (default: all)");
  coverage->add_option("--today", f->today, "Date evidence expiry is judged on (default: today)");
  coverage->add_option("--fail-on", f->fail_on,
                       "Exit 1 when a condition holds: gaps, expired, or PATH OP VALUE");
  AddStoreFlags(coverage, &f->store);
  set->Add(coverage, [f] { return RunCoverage(*f); });
}

}  // namespace airm::cli
