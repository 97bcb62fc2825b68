// What the store's commands (init, dataset, run, model register, deploy,
// predictions) share: finding and opening the workspace, the --store and
// --json flags, JSON documents for store records, and registration of the
// commands with main() in one place.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::cli {

// Flags every store command accepts.
struct StoreFlags {
  std::string store;  // --store PATH: a workspace directory or a store file
  bool json = false;  // --json: the machine-readable document on stdout
};
void AddStoreFlags(CLI::App* sub, StoreFlags* flags);

struct OpenedStore {
  store::Workspace workspace;
  std::unique_ptr<store::Database> db;
};
// --store, else $AIRM_STORE, else the current directory upwards.
Result<OpenedStore> OpenStore(const StoreFlags& flags);

// The subcommand `name` of `app`, created on first use, so several files (and
// the lineage commands) can add leaves under one group such as `airm model`.
CLI::App* CommandGroup(CLI::App* app, const std::string& name, const std::string& description);

// Store commands register their run function against their CLI11 app; main()
// runs whichever was chosen.
class StoreCommandSet {
 public:
  void Add(CLI::App* app, std::function<int()> run) { commands_.push_back({app, std::move(run)}); }
  // The chosen command's exit code, or nullopt when none of these was chosen.
  std::optional<int> RunChosen() const;

 private:
  struct Entry {
    CLI::App* app;
    std::function<int()> run;
  };
  std::vector<Entry> commands_;
};

// Ordered JSON, kind first (as every airm document).
using Json = nlohmann::ordered_json;
// {"kind", "schema_version": "1.0", "airm_version", "generated_at", "command"}.
Json StoreDocument(const char* kind);
// Prints the document (2-space indent) to stdout.
void PrintJson(const Json& doc);
// The command line, saved once by main for the documents' "command" field.
void SetCommandLine(int argc, char** argv);

Json DatasetVersionJson(const store::DatasetVersion& v, bool with_profile);
Json RunJson(const store::Run& run);
Json ModelVersionJson(const store::ModelVersion& v);
Json DeploymentJson(const store::Deployment& d);
// A JSON text column as JSON (null when absent or unparsable).
Json ParsedOrNull(const std::optional<std::string>& text);

// Hashes (and, for tables, reads and profiles) `path` into a registration
// under `name` ("" = the file's name), recording the path as given and its
// absolute form. *note says why a file was not read as a table.
Result<store::NewDatasetVersion> DescribeFileForRegistration(const std::string& path,
                                                             const std::string& name,
                                                             const ReadOptions& options);

// "sha256:0123456789ab" (the first 12 hex digits), for readable output.
std::string ShortDigest(const std::string& digest);

// Splits "k=v" (for --tag, --param); InvalidArgument naming the flag.
Status ParseKeyValue(const std::string& text, const std::string& flag, std::string* key,
                     std::string* value);

}  // namespace airm::cli
