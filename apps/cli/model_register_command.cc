// `airm model register --name N --version V --artifact FILE
//   (--trained-by RUN | --training-data N@VER,...) [--validation-data ...]
//   [--test-data ...] [--card FILE.yaml] [--metrics FILE.json] [--param k=v]`:
// flags to usecases::RegisterModel (airm/usecases/register_model.h), then the
// summary or the JSON document.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/register_model.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "key_value_flags.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct ModelRegisterCommand {
  StoreFlags store;
  std::string name, version, artifact, trained_by, card, metrics;
  std::vector<std::string> training_data, validation_data, test_data, params;
};

int RunModelRegister(const ModelRegisterCommand& c) {
  usecases::RegisterModelOptions options{.store = Locate(c.store),
                                         .name = c.name,
                                         .version = c.version,
                                         .artifact = c.artifact,
                                         .trained_by = c.trained_by,
                                         .training_data = c.training_data,
                                         .validation_data = c.validation_data,
                                         .test_data = c.test_data,
                                         .card = c.card,
                                         .metrics = c.metrics};
  auto parameters = KeyValueMapOf(c.params, "--param");
  if (!parameters.ok()) return Fail(parameters.status());
  options.parameters = std::move(parameters).value();
  auto registered = usecases::RegisterModel(options);
  if (!registered.ok()) return Fail(registered.status());
  Status s =
      WriteJsonOutput(c.store, report::RenderModelRegistrationJson(*registered, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::ModelRegistrationText(*registered);
  return kExitOk;
}

}  // namespace

void AddModelRegisterCommand(CLI::App* model, StoreCommandSet* set) {
  static std::unique_ptr<ModelRegisterCommand> holder = std::make_unique<ModelRegisterCommand>();
  ModelRegisterCommand* c = holder.get();
  CLI::App* sub = model->add_subcommand("register", "Record a model version and what trained it");
  sub->add_option("--name", c->name, "Model name")->required();
  sub->add_option("--version", c->version, "Version string, e.g. 1.0.0")->required();
  sub->add_option("--artifact", c->artifact, "The model file (hashed)")->required();
  sub->add_option("--trained-by", c->trained_by, "Id (or unique prefix) of the training run");
  AddListOption(sub, "--training-data", &c->training_data, "NAME@VERSION");
  AddListOption(sub, "--validation-data", &c->validation_data, "NAME@VERSION");
  AddListOption(sub, "--test-data", &c->test_data, "NAME@VERSION");
  sub->add_option("--card", c->card, "Model card YAML (docs/store.md lists the fields)");
  sub->add_option("--metrics", c->metrics,
                  "`airm evaluate --json` output or a flat {\"metric\": value} JSON file");
  AddPairListOption(sub, "--param", &c->params, "KEY=VALUE hyperparameter");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunModelRegister(*c); });
}

}  // namespace airm::cli
