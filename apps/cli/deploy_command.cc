// `airm deploy NAME@VERSION --env E [--at TIME]`: flags to usecases::Deploy
// (airm/usecases/deploy.h), then the summary or the JSON document.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/deploy.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DeployCommand {
  StoreFlags store;
  std::string model, env, at;
};

int RunDeploy(const DeployCommand& c) {
  auto deployed = usecases::Deploy(
      {.store = Locate(c.store), .model = c.model, .environment = c.env, .at = c.at});
  if (!deployed.ok()) return Fail(deployed.status());
  Status s = WriteJsonOutput(c.store, report::RenderDeployedJson(*deployed, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DeployedText(*deployed);
  return kExitOk;
}

}  // namespace

void AddDeployCommand(CLI::App* app, StoreCommandSet* set) {
  static std::unique_ptr<DeployCommand> holder = std::make_unique<DeployCommand>();
  DeployCommand* c = holder.get();
  CLI::App* sub =
      app->add_subcommand("deploy", "Record that a model version serves in an environment");
  sub->add_option("model", c->model, "NAME@VERSION of the model")->required();
  sub->add_option("--env", c->env, "Environment, e.g. production")->required();
  sub->add_option("--at", c->at, "Start time, ISO 8601 with zone (default: now)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDeploy(*c); });
}

}  // namespace airm::cli
