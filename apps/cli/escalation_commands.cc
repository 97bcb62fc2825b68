// `airm escalation status|notify`: flags to usecases::GetEscalationStatus /
// NotifyEscalations (airm/usecases/governance_escalation.h), then the summary
// or the JSON document and, for status, the --fail-on gates (`escalated`,
// `overdue`, or any path).
#include <iostream>
#include <memory>

#include "airm/gate.h"
#include "airm/report/escalation_documents.h"
#include "airm/report/governance_text.h"
#include "airm/usecases/governance_escalation.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct EscalationFlags {
  StoreFlags store;
  ActorFlag actor;
  std::string system, today, fail_on;
  std::vector<std::string> channels;
};

const GateAliases kEscalationAliases = {
    {"escalated", {"summary.escalated>0"}},
    {"overdue", {"summary.overdue>0"}},
};

int RunStatus(EscalationFlags& f) {
  auto st = usecases::GetEscalationStatus(
      {.store = Locate(f.store), .system = f.system, .today = f.today});
  if (!st.ok()) return Fail(st.status());
  const std::string json = report::RenderEscalationJson(*st, StoreMeta());
  std::vector<GateOutcome> gates;
  if (!f.fail_on.empty()) {
    auto g = EvaluateGates(f.fail_on, json, kEscalationAliases);
    if (!g.ok()) return Fail(g.status());
    gates = std::move(g).value();
  }
  Status s = WriteJsonOutput(f.store, json);
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::EscalationText(*st, gates);
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

int RunNotify(EscalationFlags& f) {
  auto notified = usecases::NotifyEscalations({.store = Locate(f.store),
                                               .actor = f.actor.Get(),
                                               .system = f.system,
                                               .today = f.today,
                                               .channels = f.channels});
  if (!notified.ok()) return Fail(notified.status());
  std::cerr << TerminalSafe(report::ActorText(notified->actor));
  Status s =
      WriteJsonOutput(f.store, report::RenderEscalationsNotifiedJson(*notified, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << TerminalSafe(report::EscalationsNotifiedText(*notified));
  return kExitOk;
}

}  // namespace

void AddEscalationCommands(CLI::App* escalation, StoreCommandSet* set) {
  static std::unique_ptr<EscalationFlags> holder = std::make_unique<EscalationFlags>();
  EscalationFlags* f = holder.get();
  CLI::App* status = escalation->add_subcommand(
      "status", "Overdue risks, approval conditions and reviews, and to whom they escalate");
  status->add_option("--system", f->system, "Only this AI system (default: every system)");
  status->add_option("--today", f->today, "Date the SLA timers are judged on (default: today)");
  status->add_option("--fail-on", f->fail_on,
                     "Exit 1 when a condition holds: escalated, overdue, or PATH OP VALUE");
  AddStoreFlags(status, &f->store);
  set->Add(status, [f] { return RunStatus(*f); });

  static std::unique_ptr<EscalationFlags> notify_holder = std::make_unique<EscalationFlags>();
  EscalationFlags* n = notify_holder.get();
  CLI::App* notify = escalation->add_subcommand(
      "notify",
      "Send each overdue item to whoever holds it now, through airm.yaml's alerting channels "
      "(once per step)");
  notify->add_option("--system", n->system, "Only this AI system (default: every system)");
  notify->add_option("--today", n->today, "Date the SLA timers are judged on (default: today)");
  AddListOption(notify, "--channel", &n->channels, "alerting channel");
  AddActorFlag(notify, &n->actor);
  AddStoreFlags(notify, &n->store);
  set->Add(notify, [n] { return RunNotify(*n); });
}

}  // namespace airm::cli
