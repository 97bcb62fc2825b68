// `airm system add|list|show|link|classify`: flags to the use cases of
// airm/usecases/governance_systems.h, then a summary or the JSON document.
#include <iostream>
#include <memory>

#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/report.h"
#include "airm/report/annex_iv.h"
#include "airm/report/governance_documents.h"
#include "airm/report/governance_report.h"
#include "airm/report/governance_text.h"
#include "airm/report/text_summaries.h"
#include "airm/usecases/governance_annex_iv.h"
#include "airm/usecases/governance_report.h"
#include "airm/usecases/governance_systems.h"
#include "cli_common.h"
#include "governance_commands.h"
#include "lineage_commands.h"
#include "pdf_output.h"

namespace airm::cli {
namespace {

struct SystemFlags {
  StoreFlags store;
  ActorFlag actor;
  governance::AiSystem system;
  std::vector<std::string> models;
  std::string answers;
  bool fail_on_unlinked = false;
  std::string fail_on;
  std::string html, pdf, today, only, out;  // system report, annex-iv
};

// `--fail-on unlinked` reads the inventory document's summary counts.
const GateAliases kInventoryAliases = {
    {"unlinked", {"summary.unlinked>0"}},
    {"unclassified", {"summary.unclassified>0"}},
};

int RunAdd(SystemFlags& f) {
  auto added =
      usecases::AddSystem({.store = Locate(f.store), .actor = f.actor.Get(), .system = f.system});
  if (!added.ok()) return Fail(added.status());
  std::cerr << TerminalSafe(report::ActorText(added->actor));
  governance::SystemView view{.system = added->system};
  Status s = WriteJsonOutput(
      f.store, governance::RenderSystemJson("system_added", view, governance::RiskMatrix::Default(),
                                            &added->actor, &added->audit_head, added->findings,
                                            StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::SystemAddedText(*added);
  return kExitOk;
}

int RunLink(SystemFlags& f) {
  auto linked = usecases::LinkSystem({.store = Locate(f.store),
                                      .actor = f.actor.Get(),
                                      .system = f.system.name,
                                      .models = f.models});
  if (!linked.ok()) return Fail(linked.status());
  std::cerr << TerminalSafe(report::ActorText(linked->actor));
  Status s = WriteJsonOutput(
      f.store, governance::RenderSystemJson("system_linked", linked->system,
                                            governance::RiskMatrix::Default(), &linked->actor,
                                            &linked->audit_head, linked->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::SystemLinkedText(*linked);
  return kExitOk;
}

int RunClassify(SystemFlags& f) {
  auto classified = usecases::ClassifySystem({.store = Locate(f.store),
                                              .actor = f.actor.Get(),
                                              .system = f.system.name,
                                              .answers_path = f.answers});
  if (!classified.ok()) return Fail(classified.status());
  std::cerr << TerminalSafe(report::ActorText(classified->actor));
  Status s = WriteJsonOutput(
      f.store, governance::RenderSystemJson(
                   "system_classified", classified->system, governance::RiskMatrix::Default(),
                   &classified->actor, &classified->audit_head, classified->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::SystemClassifiedText(*classified);
  return kExitOk;
}

int RunList(SystemFlags& f) {
  auto inventory = usecases::ListSystems({.store = Locate(f.store)});
  if (!inventory.ok()) return Fail(inventory.status());
  const std::string json = governance::RenderInventoryJson(
      inventory->systems, inventory->findings, governance::RiskMatrix::Default(), StoreMeta());
  std::string gate = f.fail_on;
  if (f.fail_on_unlinked) gate += std::string(gate.empty() ? "" : ",") + "unlinked";
  std::vector<GateOutcome> gates;
  if (!gate.empty()) {
    auto g = EvaluateGates(gate, json, kInventoryAliases);
    if (!g.ok()) return Fail(g.status());
    gates = std::move(g).value();
  }
  Status s = WriteJsonOutput(f.store, json);
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) {
    std::cout << report::InventoryText(*inventory) << report::GateLinesText(gates);
  }
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

int RunShow(SystemFlags& f) {
  auto shown = usecases::ShowSystem({.store = Locate(f.store), .system = f.system.name});
  if (!shown.ok()) return Fail(shown.status());
  Status s = WriteJsonOutput(
      f.store, governance::RenderSystemJson("ai_system", shown->system, shown->matrix, nullptr,
                                            nullptr, shown->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::SystemDetailText(*shown);
  return kExitOk;
}

const GateAliases kReportAliases = {
    {"at_risk", {"summary.at_risk>0"}},
    {"attention", {"summary.at_risk>0", "summary.needs_attention>0"}},
};

int RunReport(SystemFlags& f) {
  // Every output path, and the browser a PDF needs, checked before the work.
  OutputSet early;
  early.Add("--json", f.store.json);
  early.Add("--html", f.html);
  early.Add("--pdf", f.pdf);
  if (Status s = early.Check(); !s.ok()) return Fail(s);
  if (Status s = CheckPdfOutput(f.pdf); !s.ok()) return Fail(s);
  auto built = usecases::BuildGovernanceReport(
      {.store = Locate(f.store), .system = f.only, .today = f.today});
  if (!built.ok()) return Fail(built.status());
  const ReportMeta& meta = StoreMeta();
  const std::string json = report::RenderGovernanceReportJson(*built, meta);
  std::vector<GateOutcome> gates;
  if (!f.fail_on.empty()) {
    auto g = EvaluateGates(f.fail_on, json, kReportAliases);
    if (!g.ok()) return Fail(g.status());
    gates = std::move(g).value();
  }
  std::vector<DocumentOutput> documents = {
      {"--json", f.store.json, json}, {"--html", f.html, ""}, {"--pdf", f.pdf, ""}};
  if (!f.html.empty() || !f.pdf.empty()) {
    const std::string html = report::RenderGovernanceReportHtml(*built, meta);
    if (!f.pdf.empty()) {
      auto pdf = PrintPdf(f.pdf, html);
      if (!pdf.ok()) return Fail(pdf.status());
      documents[2].text = std::move(pdf).value();
    }
    documents[1].text = html;
  }
  Status s = WriteLineageOutputs(documents, "",
                                 [&] { return report::GovernanceReportText(*built, gates); });
  if (!s.ok()) return Fail(s);
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

int RunAnnexIv(SystemFlags& f) {
  auto draft = usecases::BuildAnnexIvDraft(
      {.store = Locate(f.store), .system = f.system.name, .today = f.today});
  if (!draft.ok()) return Fail(draft.status());
  Status s = WriteLineageOutputs(
      {}, f.out, [&] { return report::RenderAnnexIvMarkdown(*draft, StoreMeta()); });
  return s.ok() ? kExitOk : Fail(s);
}

}  // namespace

void AddSystemCommands(CLI::App* system, StoreCommandSet* set) {
  static std::unique_ptr<SystemFlags> holder = std::make_unique<SystemFlags>();
  SystemFlags* f = holder.get();
  f->system.data_categories.clear();

  CLI::App* add = system->add_subcommand("add", "Add an AI system to the inventory");
  add->add_option("name", f->system.name, "Name of the AI system")->required();
  add->add_option("--owner", f->system.owner, "Accountable person")->required();
  add->add_option("--business-unit", f->system.business_unit, "Business unit that runs it");
  add->add_option("--purpose", f->system.purpose, "What it decides or recommends")->required();
  add->add_option("--decision-type", f->system.decision_type, "automated or human-in-the-loop")
      ->required();
  add->add_option("--affected-people", f->system.affected_people, "Who is affected by its outputs");
  add->add_option("--data-category", f->system.data_categories,
                  "none, personal or special-category (repeatable)")
      ->required();
  add->add_option("--lifecycle", f->system.lifecycle_state,
                  "planned, development, validation, production or retired")
      ->required();
  AddActorFlag(add, &f->actor);
  AddStoreFlags(add, &f->store);
  set->Add(add, [f] { return RunAdd(*f); });

  CLI::App* link =
      system->add_subcommand("link", "Link models (and their deployments) to a system");
  link->add_option("name", f->system.name, "Name of the AI system")->required();
  link->add_option("--model", f->models, "Model name (repeatable)")->required();
  AddActorFlag(link, &f->actor);
  AddStoreFlags(link, &f->store);
  set->Add(link, [f] { return RunLink(*f); });

  CLI::App* classify =
      system->add_subcommand("classify", "EU AI Act risk tier from a questionnaire");
  classify->add_option("name", f->system.name, "Name of the AI system")->required();
  classify->add_option("--answers", f->answers, "Questionnaire answers (YAML)")->required();
  AddActorFlag(classify, &f->actor);
  AddStoreFlags(classify, &f->store);
  set->Add(classify, [f] { return RunClassify(*f); });

  CLI::App* list = system->add_subcommand("list", "The inventory, and what belongs to no system");
  list->add_flag("--fail-on-unlinked", f->fail_on_unlinked,
                 "Exit 1 when a model, deployment or prediction belongs to no system "
                 "(= --fail-on unlinked)");
  list->add_option("--fail-on", f->fail_on,
                   "Exit 1 when a condition holds: unlinked, unclassified, or PATH OP VALUE");
  AddStoreFlags(list, &f->store);
  set->Add(list, [f] { return RunList(*f); });

  CLI::App* rep = system->add_subcommand(
      "report", "Executive summary and five-pitfalls scorecard, per system and for the portfolio");
  rep->add_option("--system", f->only, "Only this AI system (default: the whole portfolio)");
  rep->add_option("--today", f->today, "Date evidence and due dates are judged on");
  rep->add_option("--html", f->html, "Write the executive summary as HTML ('-' = stdout)")
      ->type_name("FILE");
  AddPdfOption(rep, &f->pdf, "the executive summary");
  rep->add_option("--fail-on", f->fail_on,
                  "Exit 1 when a condition holds: at_risk, attention, or PATH OP VALUE");
  AddStoreFlags(rep, &f->store);
  set->Add(rep, [f] { return RunReport(*f); });

  CLI::App* annex = system->add_subcommand(
      "annex-iv", "EU AI Act Annex IV technical-documentation draft (Markdown), gaps marked");
  annex->add_option("name", f->system.name, "Name of the AI system")->required();
  annex->add_option("--today", f->today, "Date evidence is judged on (default: today)");
  annex->add_option("--out", f->out, "Write the draft to FILE instead of stdout (atomically)");
  AddStoreFlags(annex, &f->store);
  set->Add(annex, [f] { return RunAnnexIv(*f); });

  CLI::App* show = system->add_subcommand("show", "One AI system: models, tier, risks");
  show->add_option("name", f->system.name, "Name of the AI system")->required();
  AddStoreFlags(show, &f->store);
  set->Add(show, [f] { return RunShow(*f); });
}

}  // namespace airm::cli
