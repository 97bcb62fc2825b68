// `airm init [DIR]`: create a workspace (airm.yaml + .airm/airm.db). On an
// existing workspace it changes nothing (beyond migrating an older store),
// says so, and exits 0, so scripts may call it unconditionally.
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct InitCommand {
  std::string dir = ".";
  std::string name;
  std::string json;  // --json FILE ("-" = stdout)
};

int RunInit(const InitCommand& c) {
  auto outcome = store::InitWorkspace(c.dir, c.name);
  if (!outcome.ok()) return Fail(outcome.status());
  const store::Workspace& ws = outcome->workspace;
  if (!c.json.empty()) {
    Json doc = StoreDocument("workspace");
    doc["created"] = outcome->created;
    doc["root"] = ws.root;
    doc["name"] = ws.name;
    doc["store"] = ws.db_path;
    doc["schema_version"] = outcome->schema_version;
    if (Status w = WriteJsonOutput(StoreFlags{.json = c.json}, doc); !w.ok()) return Fail(w);
  }
  if (c.json == "-") {
    // --json - took stdout.
  } else if (outcome->created) {
    std::cout << "initialised airm workspace '" << ws.name << "' in " << ws.root << "\n  store "
              << ws.db_path << " (schema version " << outcome->schema_version << ")\n";
  } else {
    std::cout << ws.root << " is already an airm workspace ('" << ws.name
              << "'); nothing changed\n  store " << ws.db_path << " (schema version "
              << outcome->schema_version << ")\n";
  }
  return kExitOk;
}

}  // namespace

void AddInitCommand(CLI::App* app, StoreCommandSet* set) {
  static std::unique_ptr<InitCommand> holder = std::make_unique<InitCommand>();
  InitCommand* c = holder.get();
  CLI::App* sub =
      app->add_subcommand("init", "Create an airm workspace (airm.yaml + .airm/airm.db)");
  sub->add_option("dir", c->dir, "Directory (default: the current directory)");
  sub->add_option("--name", c->name, "Workspace name (default: the directory's name)");
  sub->add_option("--json", c->json, "Write the result as JSON to FILE ('-' = stdout)")
      ->type_name("FILE");
  set->Add(sub, [c] { return RunInit(*c); });
}

}  // namespace airm::cli
