// `airm dataset list [NAME]` and `airm dataset show NAME@VERSION`: flags to
// usecases::ListDatasets / ShowDataset (airm/usecases/list_datasets.h), then
// the table or the JSON document.
#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
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

int RunDatasetList(const DatasetListCommand& c) {
  auto list = usecases::ListDatasets({.store = Locate(c.store), .name = c.name});
  if (!list.ok()) return Fail(list.status());
  Status s = WriteJsonOutput(c.store, report::RenderDatasetVersionsJson(*list, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DatasetListText(*list);
  return kExitOk;
}

int RunDatasetShow(const DatasetShowCommand& c) {
  auto detail = usecases::ShowDataset({.store = Locate(c.store), .reference = c.reference});
  if (!detail.ok()) return Fail(detail.status());
  Status s = WriteJsonOutput(c.store, report::RenderDatasetVersionDetailJson(*detail, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DatasetDetailText(*detail);
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
