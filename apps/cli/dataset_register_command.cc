// `airm dataset register FILE --name N`: flags to usecases::RegisterDataset,
// then the summary or the JSON document.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/register_dataset.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "key_value_flags.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetRegisterCommand {
  StoreFlags store;
  std::string file, name, source;
  std::vector<std::string> tags;
  ReaderFlags reader;
};

int RunDatasetRegister(const DatasetRegisterCommand& c) {
  usecases::RegisterDatasetOptions options{.store = Locate(c.store),
                                           .file = c.file,
                                           .name = c.name,
                                           .source_uri = c.source,
                                           .progress = CliProgress()};
  Status s = c.reader.ToReadOptions(&options.read);
  if (!s.ok()) return Fail(s);
  auto tags = KeyValueMapOf(c.tags, "--tag");
  if (!tags.ok()) return Fail(tags.status());
  options.tags = std::move(tags).value();
  auto registered = usecases::RegisterDataset(options);
  if (!registered.ok()) return Fail(registered.status());
  s = WriteJsonOutput(c.store, report::RenderDatasetRegistrationJson(*registered, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DatasetRegistrationText(*registered);
  return kExitOk;
}

}  // namespace

void AddDatasetRegisterCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetRegisterCommand> holder =
      std::make_unique<DatasetRegisterCommand>();
  DatasetRegisterCommand* c = holder.get();
  CLI::App* sub = dataset->add_subcommand("register", "Record a file as a dataset version");
  sub->add_option("file", c->file, "Data file (tables: CSV, TSV, JSONL; .gz/.zst ok)")->required();
  sub->add_option("--name", c->name, "Dataset name (default: the file's name)");
  sub->add_option("--source", c->source, "Where the data came from (URI)");
  AddPairListOption(sub, "--tag", &c->tags, "KEY=VALUE label");
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  AddListOption(sub, "--null-token", &c->reader.null_tokens,
                "A value meaning missing (replaces the defaults)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetRegister(*c); });
}

}  // namespace airm::cli
