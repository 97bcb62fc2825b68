// `airm dataset diff A@V B@V`: flags to usecases::DiffDatasets, then a side-
// by-side text summary or the JSON document. Undefined values print "—".
#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/diff_datasets.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetDiffCommand {
  StoreFlags store;
  std::string a, b;
  int top = 5;
};

int RunDatasetDiff(const DatasetDiffCommand& c) {
  auto diff = usecases::DiffDatasets({.store = Locate(c.store), .a = c.a, .b = c.b, .top = c.top});
  if (!diff.ok()) return Fail(diff.status());
  Status s = WriteJsonOutput(c.store, report::RenderDatasetDiffJson(*diff, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DatasetDiffText(*diff);
  return kExitOk;
}

}  // namespace

void AddDatasetDiffCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetDiffCommand> holder = std::make_unique<DatasetDiffCommand>();
  DatasetDiffCommand* c = holder.get();
  CLI::App* sub =
      dataset->add_subcommand("diff", "Compare the schemas and profiles of two versions");
  sub->add_option("a", c->a, "NAME@VERSION")->required();
  sub->add_option("b", c->b, "NAME@VERSION")->required();
  sub->add_option("--top", c->top, "Top categories shown per text column (default 5)")
      ->check(CLI::Range(1, 100));
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetDiff(*c); });
}

}  // namespace airm::cli
