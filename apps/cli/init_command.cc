// `airm init [DIR]`: flags to usecases::InitWorkspace
// (airm/usecases/init_workspace.h), then the summary or the JSON document.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/init_workspace.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct InitCommand {
  std::string dir = ".";
  std::string name;
  StoreFlags output;  // only --json FILE: init locates no store
};

int RunInit(const InitCommand& c) {
  auto init = usecases::InitWorkspace({.dir = c.dir, .name = c.name});
  if (!init.ok()) return Fail(init.status());
  Status s = WriteJsonOutput(c.output, report::RenderWorkspaceJson(*init, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.output.TextToStdout()) std::cout << report::WorkspaceText(*init);
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
  AddJsonFlag(sub, &c->output);
  set->Add(sub, [c] { return RunInit(*c); });
}

}  // namespace airm::cli
