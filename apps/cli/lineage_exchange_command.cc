// `airm lineage export --format openlineage [--since TIME] [--out FILE]` and
// `airm lineage import FILE`: runs as OpenLineage 2-0-2 RunEvents, one JSON
// object per line, out and in.
#include <iostream>
#include <memory>

#include "airm/output_set.h"
#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/openlineage_exchange.h"
#include "airm/version.h"
#include "cli_common.h"
#include "lineage_commands.h"

namespace airm::cli {
namespace {

struct ExportCommand {
  StoreFlags store;
  std::string format = "openlineage";
  std::string since, out;
};

int RunExport(const ExportCommand& c) {
  auto exported = usecases::ExportOpenLineage(
      {.store = Locate(c.store), .since = c.since, .airm_version = AIRM_VERSION});
  if (!exported.ok()) return Fail(exported.status());
  // The events and the --json document are one output set: both checked
  // before either is written, and never both on stdout.
  const std::string events_path = c.out.empty() ? "-" : c.out;
  OutputSet outputs;
  outputs.Add("--out", events_path);
  outputs.Add("--json", c.store.json);
  Status s = outputs.Check();
  if (!s.ok()) return Fail(s);
  outputs.SetText("--out", exported->lines);
  if (outputs.Wants("--json")) {
    outputs.SetText("--json",
                    report::RenderOpenLineageExportJson(*exported, events_path, StoreMeta()));
  }
  s = outputs.Commit();
  if (!s.ok()) return Fail(s);
  if (outputs.WritesStdout()) return kExitOk;
  std::cout << report::OpenLineageExportText(*exported, c.out);
  return kExitOk;
}

struct ImportCommand {
  StoreFlags store;
  std::string file;
};

int RunImport(const ImportCommand& c) {
  auto summary = usecases::ImportOpenLineage({.store = Locate(c.store), .file = c.file});
  if (!summary.ok()) return Fail(summary.status());
  const lineage::ImportSummary& s = *summary;
  if (!c.store.json.empty()) {
    Status w =
        WriteJsonOutput(c.store, report::RenderOpenLineageImportJson(s, c.file, StoreMeta()));
    if (!w.ok()) return Fail(w);
  }
  if (c.store.TextToStdout()) std::cout << report::OpenLineageImportText(s, c.file);
  return kExitOk;
}

}  // namespace

void AddLineageExportCommand(CLI::App* lineage, StoreCommandSet* set) {
  static std::unique_ptr<ExportCommand> holder = std::make_unique<ExportCommand>();
  ExportCommand* c = holder.get();
  CLI::App* sub =
      lineage->add_subcommand("export", "Write the store's runs as OpenLineage RunEvents");
  sub->add_option("--format", c->format, "openlineage (spec 2-0-2, one JSON event per line)")
      ->check(CLI::IsMember({"openlineage"}));
  sub->add_option("--since", c->since, "Only events at or after this time (ISO 8601 with zone)");
  sub->add_option("--out", c->out, "Write the events here (default: stdout)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunExport(*c); });
}

void AddLineageImportCommand(CLI::App* lineage, StoreCommandSet* set) {
  static std::unique_ptr<ImportCommand> holder = std::make_unique<ImportCommand>();
  ImportCommand* c = holder.get();
  CLI::App* sub = lineage->add_subcommand(
      "import", "Record runs from OpenLineage RunEvents (JSON lines, any emitter)");
  sub->add_option("file", c->file, "File of OpenLineage events, one JSON object per line")
      ->required();
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunImport(*c); });
}

}  // namespace airm::cli
