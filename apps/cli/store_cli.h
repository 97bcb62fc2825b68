// What the store's commands (init, dataset, run, model register, deploy,
// predictions) share: finding and opening the workspace, the --store and
// --json FILE flags, writing documents, and registration of the commands with
// main() in one place. The work itself is in airm::usecases.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "airm/read_options.h"
#include "airm/report.h"
#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::cli {

// Flags every store command accepts.
struct StoreFlags {
  std::string store = "";  // --store PATH: a workspace directory or a store file
  std::string json = "";   // --json FILE: the machine-readable document ("-" = stdout)
  // The text summary goes to stdout unless --json took it.
  bool TextToStdout() const { return json != "-"; }
};
void AddStoreFlags(CLI::App* sub, StoreFlags* flags);
// Only --json FILE, for a command that locates no store (init).
void AddJsonFlag(CLI::App* sub, StoreFlags* flags);

// --model SPEC (help text `model_help`) and --store PATH of a command that
// names the model it is about (usecases/model_under_review.h).
void AddModelFlags(CLI::App* sub, std::string* model, std::string* store,
                   const std::string& model_help, const std::string& type_name);

// --store, else $AIRM_STORE, else the current directory upwards.
store::LocateOptions Locate(const StoreFlags& flags);
using usecases::OpenedStore;
Result<OpenedStore> OpenStore(const StoreFlags& flags);

// The use cases' progress callback: Progress() on a terminal.
usecases::ProgressFn CliProgress();

// Writes a rendered document to --json (nothing when it was not given).
Status WriteJsonOutput(const StoreFlags& flags, const std::string& text);

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

// Version, time and command line for the renderers, saved once by main.
void SetCommandLine(int argc, char** argv);
const ReportMeta& StoreMeta();

// Splits "k=v" (for --tag, --param); InvalidArgument naming the flag.
Status ParseKeyValue(const std::string& text, const std::string& flag, std::string* key,
                     std::string* value);

}  // namespace airm::cli
