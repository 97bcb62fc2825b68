// `airm dataset register FILE --name N`: record a file's content as a dataset
// version (digest, rows, schema, profile). Identical content under the same
// name returns the existing version; nothing is written twice.
#include <iostream>
#include <map>
#include <memory>

#include "airm/store/datasets.h"
#include "cli_common.h"
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
  ReadOptions options;
  Status s = c.reader.ToReadOptions(&options);
  if (!s.ok()) return Fail(s);
  std::map<std::string, std::string> tags;
  for (const std::string& tag : c.tags) {
    std::string key, value;
    s = ParseKeyValue(tag, "--tag", &key, &value);
    if (!s.ok()) return Fail(s);
    tags[key] = value;
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  auto version = DescribeFileForRegistration(c.file, c.name, options);
  if (!version.ok()) return Fail(version.status());
  version->tags = tags;
  if (!c.source.empty()) version->source_uri = c.source;

  store::RegisteredDataset registered;
  s = opened->db->WriteTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(registered, store::RegisterDatasetVersion(tx, *version));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);

  const store::DatasetVersion& v = registered.version;
  if (c.store.json) {
    Json doc = StoreDocument("dataset_registration");
    doc["created"] = registered.created;
    doc["note"] = version->content.note ? Json(*version->content.note) : Json(nullptr);
    doc["dataset_version"] = DatasetVersionJson(v, false);
    PrintJson(doc);
    return kExitOk;
  }
  if (!registered.created) {
    std::cout << "already registered as " << v.Ref() << " (same content, " << ShortDigest(v.digest)
              << "…); nothing changed\n";
    if (!tags.empty() && tags != v.tags) {
      std::cout << "  note: the --tag values were not applied: a registered version is immutable\n";
    }
    return kExitOk;
  }
  std::cout << "registered " << v.Ref() << "  " << ShortDigest(v.digest) << "…";
  if (v.row_count) std::cout << "  " << *v.row_count << " rows";
  std::cout << "\n";
  if (version->content.note) std::cout << "  note: " << *version->content.note << "\n";
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
  sub->add_option("--tag", c->tags, "KEY=VALUE label (repeatable)")->allow_extra_args(false);
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  sub->add_option("--null-token", c->reader.null_tokens,
                  "A value meaning missing (repeatable; replaces the defaults)")
      ->allow_extra_args(false);
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetRegister(*c); });
}

}  // namespace airm::cli
