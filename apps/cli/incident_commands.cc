// `airm incident open|close|list`: flags to the use cases of
// airm/usecases/incidents.h, then a line of text or the JSON.
#include <iostream>
#include <memory>

#include "airm/report/governance_text.h"
#include "airm/report/incident_documents.h"
#include "airm/usecases/incidents.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct IncidentFlags {
  StoreFlags store;
  ActorFlag actor;
  usecases::OpenIncidentOptions open;
  usecases::CloseIncidentOptions close;
  usecases::ListIncidentsOptions list;
};

int RunOpen(IncidentFlags& f) {
  usecases::OpenIncidentOptions options = f.open;
  options.store = Locate(f.store);
  options.actor = f.actor.Get();
  auto opened = usecases::OpenIncident(options);
  if (!opened.ok()) return Fail(opened.status());
  std::cerr << TerminalSafe(report::ActorText(opened->actor));
  Status s = WriteJsonOutput(
      f.store, report::RenderIncidentWrittenJson("incident_opened", *opened, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << TerminalSafe(report::IncidentWrittenText(*opened));
  return kExitOk;
}

int RunClose(IncidentFlags& f) {
  usecases::CloseIncidentOptions options = f.close;
  options.store = Locate(f.store);
  options.actor = f.actor.Get();
  auto closed = usecases::CloseIncident(options);
  if (!closed.ok()) return Fail(closed.status());
  std::cerr << TerminalSafe(report::ActorText(closed->actor));
  Status s = WriteJsonOutput(
      f.store, report::RenderIncidentWrittenJson("incident_closed", *closed, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << TerminalSafe(report::IncidentWrittenText(*closed));
  return kExitOk;
}

int RunList(IncidentFlags& f) {
  usecases::ListIncidentsOptions options = f.list;
  options.store = Locate(f.store);
  auto list = usecases::ListIncidents(options);
  if (!list.ok()) return Fail(list.status());
  Status s = WriteJsonOutput(f.store, report::RenderIncidentListJson(*list, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << TerminalSafe(report::IncidentListText(*list));
  return kExitOk;
}

}  // namespace

void AddIncidentCommands(CLI::App* incident, StoreCommandSet* set) {
  static std::unique_ptr<IncidentFlags> open_holder = std::make_unique<IncidentFlags>();
  static std::unique_ptr<IncidentFlags> close_holder = std::make_unique<IncidentFlags>();
  static std::unique_ptr<IncidentFlags> list_holder = std::make_unique<IncidentFlags>();

  IncidentFlags* o = open_holder.get();
  governance::Incident& i = o->open.incident;
  CLI::App* open = incident->add_subcommand("open", "Record an incident of an AI system");
  open->add_option("--system", i.system, "The AI system it happened to")->required();
  open->add_option("--title", i.title, "What happened, in a few words")->required();
  open->add_option("--severity", i.severity, "info, warning or critical")->required();
  open->add_option("--category", i.category,
                   "The kind of risk it realised: bias, robustness, privacy, security, "
                   "transparency, performance or legal")
      ->required();
  open->add_option("--model", i.model, "One of the system's models, NAME or NAME@VERSION");
  open->add_option("--description", i.description, "What happened, and to whom");
  AddListOption(open, "--episode", &i.episodes,
                "Alert episodes it is about (`airm alerts list --all` lists them)");
  open->add_option("--at", o->open.at, "When it began, ISO 8601 (default: now)");
  AddActorFlag(open, &o->actor);
  AddStoreFlags(open, &o->store);
  set->Add(open, [o] { return RunOpen(*o); });

  IncidentFlags* c = close_holder.get();
  CLI::App* close = incident->add_subcommand("close", "Close an incident");
  close->add_option("id", c->close.id, "The incident, e.g. I-003")->required();
  close->add_option("--resolution", c->close.resolution, "What was done");
  close->add_option("--at", c->close.at, "When it ended, ISO 8601 (default: now)");
  AddActorFlag(close, &c->actor);
  AddStoreFlags(close, &c->store);
  set->Add(close, [c] { return RunClose(*c); });

  IncidentFlags* l = list_holder.get();
  CLI::App* list = incident->add_subcommand("list", "The incident register (open ones by default)");
  list->add_option("--system", l->list.system, "Only this AI system's incidents");
  list->add_flag("--all", l->list.all, "Closed incidents too");
  AddStoreFlags(list, &l->store);
  set->Add(list, [l] { return RunList(*l); });
}

}  // namespace airm::cli
