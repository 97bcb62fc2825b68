// `airm lineage export --format openlineage [--since TIME] [--out FILE]` and
// `airm lineage import FILE`: runs as OpenLineage 2-0-2 RunEvents, one JSON
// object per line, out and in.
#include <iostream>
#include <memory>

#include "airm/lineage/openlineage.h"
#include "airm/store/timestamp.h"
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
  lineage::ExportOptions options;
  options.airm_version = AIRM_VERSION;
  if (!c.since.empty()) {
    options.since = store::ParseIso8601(c.since);
    if (!options.since) {
      return Fail(Status::InvalidArgument("--since '" + c.since +
                                          "' is not an ISO 8601 date-time with a zone"));
    }
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  auto exported = lineage::ExportOpenLineage(*opened->db, options);
  if (!exported.ok()) return Fail(exported.status());
  Status s = WriteLineageOutput(c.out, exported->lines);
  if (!s.ok()) return Fail(s);
  if (c.out.empty() || c.out == "-") return kExitOk;  // stdout holds the events
  if (c.store.json) {
    Json doc = StoreDocument("openlineage_export");
    doc["out"] = c.out;
    doc["runs"] = exported->runs;
    doc["events"] = exported->events;
    PrintJson(doc);
  } else {
    std::cout << "exported " << exported->events << " events of " << exported->runs << " runs to "
              << c.out << "\n";
  }
  return kExitOk;
}

struct ImportCommand {
  StoreFlags store;
  std::string file;
};

int RunImport(const ImportCommand& c) {
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  auto summary = lineage::ImportOpenLineageFile(*opened->db, c.file);
  if (!summary.ok()) return Fail(summary.status());
  const lineage::ImportSummary& s = *summary;
  if (c.store.json) {
    Json doc = StoreDocument("openlineage_import");
    doc["file"] = c.file;
    doc["lines"] = s.lines;
    doc["events"] = s.events;
    doc["skipped_events"] = s.skipped_events;
    doc["runs_created"] = s.runs_created;
    doc["runs_updated"] = s.runs_updated;
    doc["dataset_versions_created"] = s.dataset_versions_created;
    doc["model_versions_created"] = s.model_versions_created;
    PrintJson(doc);
  } else {
    std::cout << "imported " << s.events << " events from " << c.file << ": " << s.runs_created
              << " runs created, " << s.runs_updated << " updated, " << s.dataset_versions_created
              << " dataset versions and " << s.model_versions_created << " model versions created";
    if (s.skipped_events > 0) {
      std::cout << "; " << s.skipped_events << " dataset/job events skipped (no run)";
    }
    std::cout << "\n";
  }
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
