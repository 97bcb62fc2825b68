// `airm risk add|list|update|export`: flags to the use cases of
// airm/usecases/governance_risks.h, then a summary, the JSON document or the
// CSV register.
#include <iostream>
#include <memory>

#include "airm/report.h"
#include "airm/report/governance_documents.h"
#include "airm/report/governance_text.h"
#include "airm/usecases/governance_risks.h"
#include "cli_common.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct RiskFlags {
  StoreFlags store;
  ActorFlag actor;
  std::string matrix;
  governance::Risk risk;
  int residual_likelihood = 0, residual_impact = 0;
  std::string due;
  std::string id;
  std::string system;
  std::string csv;
  std::string today;
  // Options whose presence matters for update (only given fields change).
  std::map<std::string, CLI::Option*> given;
};

bool Given(const RiskFlags& f, const std::string& name) {
  auto it = f.given.find(name);
  return it != f.given.end() && it->second->count() > 0;
}

int RunAdd(RiskFlags& f) {
  governance::Risk risk = f.risk;
  risk.system = f.system;
  if (Given(f, "residual-likelihood")) risk.residual_likelihood = f.residual_likelihood;
  if (Given(f, "residual-impact")) risk.residual_impact = f.residual_impact;
  if (Given(f, "due")) risk.due_date = f.due;
  auto added = usecases::AddRisk(
      {.store = Locate(f.store), .actor = f.actor.Get(), .matrix_path = f.matrix, .risk = risk});
  if (!added.ok()) return Fail(added.status());
  std::cerr << TerminalSafe(report::ActorText(added->actor));
  Status s = WriteJsonOutput(
      f.store,
      governance::RenderRiskWriteJson("risk_added", added->risk, added->matrix, {}, added->actor,
                                      added->audit_head, added->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::RiskAddedText(*added);
  return kExitOk;
}

int RunUpdate(RiskFlags& f) {
  usecases::RiskChanges c;
  if (Given(f, "title")) c.title = f.risk.title;
  if (Given(f, "description")) c.description = f.risk.description;
  if (Given(f, "category")) c.category = f.risk.category;
  if (Given(f, "treatment")) c.treatment = f.risk.treatment;
  if (Given(f, "owner")) c.owner = f.risk.owner;
  if (Given(f, "status")) c.status = f.risk.status;
  if (Given(f, "due")) c.due_date = f.due;
  if (Given(f, "likelihood")) c.inherent_likelihood = f.risk.inherent_likelihood;
  if (Given(f, "impact")) c.inherent_impact = f.risk.inherent_impact;
  if (Given(f, "residual-likelihood")) c.residual_likelihood = f.residual_likelihood;
  if (Given(f, "residual-impact")) c.residual_impact = f.residual_impact;
  if (Given(f, "control")) c.controls = f.risk.controls;
  auto updated = usecases::UpdateRisk({.store = Locate(f.store),
                                       .actor = f.actor.Get(),
                                       .matrix_path = f.matrix,
                                       .risk_id = f.id,
                                       .changes = c});
  if (!updated.ok()) return Fail(updated.status());
  std::cerr << TerminalSafe(report::ActorText(updated->actor));
  Status s = WriteJsonOutput(
      f.store, governance::RenderRiskWriteJson(
                   "risk_updated", updated->risk, updated->matrix, updated->changed, updated->actor,
                   updated->audit_head, updated->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::RiskUpdatedText(*updated);
  return kExitOk;
}

Result<usecases::RiskRegister> Register(const RiskFlags& f) {
  return usecases::ListRisks(
      {.store = Locate(f.store), .matrix_path = f.matrix, .system = f.system, .today = f.today});
}

int RunList(RiskFlags& f) {
  auto reg = Register(f);
  if (!reg.ok()) return Fail(reg.status());
  Status s = WriteJsonOutput(f.store, governance::RenderRiskRegisterJson(
                                          reg->risks, reg->matrix, reg->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::RiskRegisterText(*reg);
  return kExitOk;
}

int RunExport(RiskFlags& f) {
  if (f.csv.empty() && f.store.json.empty()) {
    return Fail(Status::InvalidArgument("risk export needs --csv FILE or --json FILE"));
  }
  if (f.csv == "-" && f.store.json == "-") {
    return Fail(Status::InvalidArgument("--csv - and --json - cannot both write to stdout"));
  }
  auto reg = Register(f);
  if (!reg.ok()) return Fail(reg.status());
  Status s = WriteJsonOutput(f.store, governance::RenderRiskRegisterJson(
                                          reg->risks, reg->matrix, reg->findings, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (!f.csv.empty()) {
    s = WriteOutput(f.csv, governance::RenderRiskRegisterCsv(reg->risks, reg->matrix));
    if (!s.ok()) return Fail(s);
  }
  if (f.csv != "-" && f.store.json != "-") {
    std::cerr << TerminalSafe(report::RiskExportedText(*reg));
  }
  return kExitOk;
}

void AddRiskFields(CLI::App* sub, RiskFlags* f, bool required) {
  auto opt = [&](const std::string& name, auto* target, const std::string& help) {
    CLI::Option* o = sub->add_option("--" + name, *target, help);
    f->given[name] = o;  // add and update share names; only one of them parses
    return o;
  };
  auto req = [&](CLI::Option* o) {
    if (required) o->required();
  };
  req(opt("title", &f->risk.title, "Short name of the risk"));
  opt("description", &f->risk.description, "What could happen, and to whom");
  req(opt("category", &f->risk.category,
          "bias, robustness, privacy, security, transparency, performance or legal"));
  req(opt("likelihood", &f->risk.inherent_likelihood, "Inherent likelihood, 1 (rare) to 5"));
  req(opt("impact", &f->risk.inherent_impact, "Inherent impact, 1 (negligible) to 5"));
  opt("residual-likelihood", &f->residual_likelihood, "Likelihood after controls, 1 to 5");
  opt("residual-impact", &f->residual_impact, "Impact after controls, 1 to 5");
  opt("control", &f->risk.controls, "A control in place (repeatable)");
  req(opt("treatment", &f->risk.treatment, "mitigate, accept, transfer or avoid"));
  req(opt("owner", &f->risk.owner, "Who answers for the risk"));
  opt("due", &f->due, "Due date, YYYY-MM-DD");
  opt("status", &f->risk.status, "open, in-progress, mitigated, accepted or closed");
  sub->add_option("--matrix", f->matrix,
                  "Rating matrix (YAML; default: risk-matrix.yaml of the workspace)");
}

}  // namespace

void AddRiskCommands(CLI::App* risk, StoreCommandSet* set) {
  static std::unique_ptr<RiskFlags> add_holder = std::make_unique<RiskFlags>();
  static std::unique_ptr<RiskFlags> update_holder = std::make_unique<RiskFlags>();
  static std::unique_ptr<RiskFlags> list_holder = std::make_unique<RiskFlags>();

  RiskFlags* a = add_holder.get();
  CLI::App* add = risk->add_subcommand("add", "Add a risk to the register");
  add->add_option("--system", a->system, "The AI system it belongs to")->required();
  AddRiskFields(add, a, /*required=*/true);
  AddActorFlag(add, &a->actor);
  AddStoreFlags(add, &a->store);
  set->Add(add, [a] { return RunAdd(*a); });

  RiskFlags* u = update_holder.get();
  CLI::App* update = risk->add_subcommand("update", "Change fields of a risk");
  update->add_option("id", u->id, "Risk id, e.g. R-003")->required();
  AddRiskFields(update, u, /*required=*/false);
  AddActorFlag(update, &u->actor);
  AddStoreFlags(update, &u->store);
  set->Add(update, [u] { return RunUpdate(*u); });

  RiskFlags* l = list_holder.get();
  CLI::App* list = risk->add_subcommand("list", "The risk register");
  list->add_option("--system", l->system, "Only this AI system's risks");
  list->add_option("--matrix", l->matrix, "Rating matrix (YAML)");
  list->add_option("--today", l->today, "Date for overdue findings (default: today, UTC)");
  AddStoreFlags(list, &l->store);
  set->Add(list, [l] { return RunList(*l); });

  CLI::App* exp = risk->add_subcommand("export", "The register as CSV and/or JSON for GRC tools");
  exp->add_option("--system", l->system, "Only this AI system's risks");
  exp->add_option("--matrix", l->matrix, "Rating matrix (YAML)");
  exp->add_option("--today", l->today, "Date for overdue findings (default: today, UTC)");
  exp->add_option("--csv", l->csv, "Write the register as CSV (- = stdout)");
  AddStoreFlags(exp, &l->store);
  set->Add(exp, [l] { return RunExport(*l); });
}

}  // namespace airm::cli
