// `airm deploy NAME@VERSION --env E [--at TIME]`: the model version serves in
// E from TIME (default now); the deployment serving there before is closed at
// the same instant. Deploying the version already serving changes nothing.
#include <iostream>
#include <memory>

#include "airm/store/deployments.h"
#include "airm/store/environment.h"
#include "airm/store/models.h"
#include "airm/store/timestamp.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DeployCommand {
  StoreFlags store;
  std::string model, env, at;
};

int RunDeploy(const DeployCommand& c) {
  std::string at = store::UtcNow();
  if (!c.at.empty()) {
    auto parsed = store::ParseIso8601(c.at);
    if (!parsed) {
      return Fail(Status::InvalidArgument("--at '" + c.at +
                                          "' is not an ISO 8601 date-time with a zone, e.g. "
                                          "2026-11-27T04:33:16Z"));
    }
    at = *parsed;
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  store::ModelVersion model;
  store::DeployOutcome outcome;
  std::optional<store::ModelVersion> replaced;
  Status s = opened->db->WriteTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(c.model));
    AIRM_ASSIGN_OR_RETURN(model, store::ResolveModelVersion(tx, ref));
    AIRM_ASSIGN_OR_RETURN(outcome, store::Deploy(tx, model.id, c.env, at, store::CurrentUser()));
    if (outcome.closed) {
      AIRM_ASSIGN_OR_RETURN(replaced, store::GetModelVersion(tx, outcome.closed->model_version_id));
    }
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  if (!c.store.json.empty()) {
    Json doc = StoreDocument("deployment");
    doc["unchanged"] = outcome.unchanged;
    doc["model_version"] = model.Ref();
    doc["deployment"] = DeploymentJson(outcome.current);
    if (outcome.closed) {
      Json closed = DeploymentJson(*outcome.closed);
      closed["model_version"] = replaced ? Json(replaced->Ref()) : Json(nullptr);
      doc["closed"] = closed;
    } else {
      doc["closed"] = nullptr;
    }
    if (Status w = WriteJsonOutput(c.store, doc); !w.ok()) return Fail(w);
  }
  if (!c.store.TextToStdout()) {
    // --json - took stdout.
  } else if (outcome.unchanged) {
    std::cout << model.Ref() << " already serves in " << c.env << " (since "
              << outcome.current.valid_from << "); nothing changed\n";
  } else {
    std::cout << "deployed " << model.Ref() << " to " << c.env << " from " << at << "\n";
    if (outcome.closed && replaced) {
      std::cout << "  replaces " << replaced->Ref() << " (served " << outcome.closed->valid_from
                << " to " << at << ")\n";
    }
  }
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
