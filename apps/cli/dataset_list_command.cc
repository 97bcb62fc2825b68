// `airm dataset list [NAME]` and `airm dataset show NAME@VERSION`: flags to
// usecases::ListDatasets / ShowDataset (airm/usecases/list_datasets.h), then
// the table or the JSON document.
#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/usecases/list_datasets.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetListCommand {
  StoreFlags store;
  std::string name;
};

struct DatasetShowCommand {
  StoreFlags store;
  std::string reference;
};

std::string Cell(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "—"; }

void PrintList(const usecases::DatasetVersionList& list) {
  if (list.versions.empty()) {
    std::cout << "no datasets registered yet (airm dataset register FILE --name NAME)\n";
    return;
  }
  std::printf("%-32s %-21s %10s  %-20s  %s\n", "DATASET", "DIGEST", "ROWS", "REGISTERED", "BY");
  for (const store::DatasetVersion& v : list.versions) {
    std::printf("%-32s %-21s %10s  %-20s  %s\n", v.Ref().c_str(), ShortDigest(v.digest).c_str(),
                Cell(v.row_count).c_str(), v.registered_at.c_str(), v.registered_by.c_str());
  }
}

int RunDatasetList(const DatasetListCommand& c) {
  auto list = usecases::ListDatasets({.store = Locate(c.store), .name = c.name});
  if (!list.ok()) return Fail(list.status());
  Status s = WriteJsonOutput(c.store, report::RenderDatasetVersionsJson(*list, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) PrintList(*list);
  return kExitOk;
}

void PrintShowText(const usecases::DatasetVersionDetail& d) {
  const store::DatasetVersion& v = d.version;
  std::cout << v.Ref() << "\n  digest      " << v.digest << "\n  rows        " << Cell(v.row_count)
            << "\n  bytes       " << Cell(v.bytes) << "\n  path        " << v.path.value_or("—")
            << "\n  source      " << v.source_uri.value_or("—") << "\n  registered  "
            << v.registered_at << " by " << v.registered_by << "\n";
  for (const auto& [key, value] : v.tags) {
    std::cout << "  tag         " << key << "=" << value << "\n";
  }
  if (d.schema) {
    std::cout << "schema (" << d.schema->size() << " columns)\n";
    for (const usecases::SchemaColumn& col : *d.schema) {
      std::cout << "  " << col.name << "  " << col.type << "\n";
    }
  } else {
    std::cout << "schema: not read as a table\n";
  }
  std::cout << "produced by" << (d.producers.empty() ? ": no recorded run (a source)\n" : "\n");
  for (const usecases::ProducingRun& p : d.producers) {
    std::cout << "  run " << p.run.run_uuid << "  job " << p.run.job_name << "  " << p.run.status
              << "  " << p.run.started_at << "\n";
    for (const usecases::DatasetLink& in : p.inputs) {
      std::cout << "    input " << in.ref << " (" << in.role << ")\n";
    }
  }
  if (!d.column_lineage.empty()) std::cout << "column lineage\n";
  for (const usecases::ColumnSource& c : d.column_lineage) {
    std::cout << "  " << c.derivation.output_column << " <- " << c.input_ref.value_or("?") << "."
              << c.derivation.input_column << " (" << c.derivation.transformation
              << (c.derivation.description ? ": " + *c.derivation.description : "") << ")\n";
  }
  std::cout << "quality checks" << (d.quality_checks.empty() ? ": none recorded\n" : "\n");
  for (const store::QualityCheckRun& q : d.quality_checks) {
    std::cout << "  " << q.executed_at << "  " << q.check_name << "  " << q.status << "\n";
  }
}

int RunDatasetShow(const DatasetShowCommand& c) {
  auto detail = usecases::ShowDataset({.store = Locate(c.store), .reference = c.reference});
  if (!detail.ok()) return Fail(detail.status());
  Status s = WriteJsonOutput(c.store, report::RenderDatasetVersionDetailJson(*detail, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) PrintShowText(*detail);
  return kExitOk;
}

}  // namespace

void AddDatasetListCommands(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetListCommand> list = std::make_unique<DatasetListCommand>();
  static std::unique_ptr<DatasetShowCommand> show = std::make_unique<DatasetShowCommand>();
  CLI::App* list_sub = dataset->add_subcommand("list", "List dataset versions");
  list_sub->add_option("name", list->name, "Only this dataset's versions");
  AddStoreFlags(list_sub, &list->store);
  set->Add(list_sub, [c = list.get()] { return RunDatasetList(*c); });

  CLI::App* show_sub = dataset->add_subcommand(
      "show", "A dataset version: metadata, schema, tags, producing runs, quality checks");
  show_sub
      ->add_option("reference", show->reference,
                   "NAME@VERSION (VERSION: number, digest prefix or latest)")
      ->required();
  AddStoreFlags(show_sub, &show->store);
  set->Add(show_sub, [c = show.get()] { return RunDatasetShow(*c); });
}

}  // namespace airm::cli
