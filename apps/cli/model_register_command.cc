// `airm model register --name N --version V --artifact FILE
//   (--trained-by RUN | --training-data N@VER...) [--validation-data ...]
//   [--test-data ...] [--card FILE.yaml] [--metrics FILE.json] [--param k=v]`
//
// --trained-by takes the training data from the run's inputs by role (train,
// validation, test; inputs with role "input" count as training data when the
// run has no "train" input). Metrics from `airm evaluate --json` are linked to
// the evaluated data when that file is a registered dataset version (role
// "evaluation"). Same name and version with the same artifact digest: nothing
// changes (exit 0); with another digest: exit 2.
#include <iostream>
#include <memory>

#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/environment.h"
#include "airm/store/model_inputs.h"
#include "airm/store/models.h"
#include "airm/store/runs.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct ModelRegisterCommand {
  StoreFlags store;
  std::string name, version, artifact, trained_by, card, metrics;
  std::vector<std::string> training_data, validation_data, test_data, params;
};

Status AddData(store::Database& tx, const std::vector<std::string>& refs, const std::string& role,
               store::NewModelVersion* model) {
  for (const std::string& text : refs) {
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(text));
    AIRM_ASSIGN_OR_RETURN(store::DatasetVersion v, store::ResolveDatasetVersion(tx, ref));
    model->data.push_back({v.id, role});
  }
  return Status::Ok();
}

Status DataFromRun(store::Database& tx, const std::string& run_id, store::NewModelVersion* model) {
  AIRM_ASSIGN_OR_RETURN(store::Run run, store::FindRun(tx, run_id));
  if (run.status != "completed") {
    return Status::InvalidArgument("run " + run.run_uuid + " is " + run.status +
                                   "; a model needs a completed training run");
  }
  model->training_run_id = run.id;
  bool has_train = false;
  for (const store::RunInput& in : run.inputs) has_train = has_train || in.role == "train";
  for (const store::RunInput& in : run.inputs) {
    if (in.role == "train" || in.role == "validation" || in.role == "test") {
      model->data.push_back({in.dataset_version_id, in.role});
    } else if (in.role == "input" && !has_train) {
      model->data.push_back({in.dataset_version_id, "train"});
    }
  }
  return Status::Ok();
}

int RunModelRegister(const ModelRegisterCommand& c) {
  if (c.trained_by.empty() && c.training_data.empty()) {
    return Fail(Status::InvalidArgument(
        "model register needs --trained-by RUN or --training-data NAME@VERSION"));
  }
  store::NewModelVersion model;
  model.name = c.name;
  model.version = c.version;
  model.registered_by = store::CurrentUser();
  Json params = Json::object();
  for (const std::string& p : c.params) {
    std::string key, value;
    Status s = ParseKeyValue(p, "--param", &key, &value);
    if (!s.ok()) return Fail(s);
    params[key] = value;
  }
  // As run exec: an argument need not be UTF-8; the stored JSON text must be.
  if (!params.empty()) {
    model.parameters_json = params.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
  if (!c.card.empty()) {
    auto card = store::ReadModelCardYaml(c.card);
    if (!card.ok()) return Fail(card.status());
    model.card_json = *card;
  }
  store::MetricsFile metrics;
  if (!c.metrics.empty()) {
    auto read = store::ReadModelMetrics(c.metrics);
    if (!read.ok()) return Fail(read.status());
    metrics = std::move(read).value();
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());
  auto digest = store::FileDigest(c.artifact);
  if (!digest.ok()) return Fail(digest.status());
  model.artifact_digest = *digest;
  model.artifact_path = c.artifact;
  model.artifact_abs_path = store::AbsolutePath(c.artifact);

  store::RegisteredModel registered;
  std::vector<store::ModelData> data;
  Status s = opened->db->WriteTransaction([&](store::Database& tx) -> Status {
    store::NewModelVersion m = model;
    if (!c.trained_by.empty()) AIRM_RETURN_IF_ERROR(DataFromRun(tx, c.trained_by, &m));
    AIRM_RETURN_IF_ERROR(AddData(tx, c.training_data, "train", &m));
    AIRM_RETURN_IF_ERROR(AddData(tx, c.validation_data, "validation", &m));
    AIRM_RETURN_IF_ERROR(AddData(tx, c.test_data, "test", &m));
    std::optional<int64_t> evaluated;
    if (!metrics.data_digest.empty()) {
      AIRM_ASSIGN_OR_RETURN(std::optional<store::DatasetVersion> v,
                            store::FindDatasetVersionByDigest(tx, metrics.data_digest));
      if (v) {
        evaluated = v->id;
        m.data.push_back({v->id, "evaluation"});
      }
    }
    m.metrics = metrics.metrics;
    for (store::ModelMetric& metric : m.metrics) metric.dataset_version_id = evaluated;
    AIRM_ASSIGN_OR_RETURN(registered, store::RegisterModelVersion(tx, m));
    AIRM_ASSIGN_OR_RETURN(data, store::ModelDataOf(tx, registered.version.id));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);

  const store::ModelVersion& v = registered.version;
  if (!c.store.json.empty()) {
    Json doc = StoreDocument("model_registration");
    doc["created"] = registered.created;
    doc["model_version"] = ModelVersionJson(v);
    doc["data"] = Json::array();
    for (const store::ModelData& d : data) {
      doc["data"].push_back({{"dataset_version_id", d.dataset_version_id}, {"role", d.role}});
    }
    doc["metrics_recorded"] = registered.created ? metrics.metrics.size() : 0;
    if (Status w = WriteJsonOutput(c.store, doc); !w.ok()) return Fail(w);
  }
  if (!c.store.TextToStdout()) {
    // --json - took stdout.
  } else if (!registered.created) {
    std::cout << "already registered as " << v.Ref() << " (same artifact "
              << ShortDigest(v.artifact_digest) << "…); nothing changed\n";
  } else {
    std::cout << "registered model " << v.Ref() << "  " << ShortDigest(v.artifact_digest) << "…\n  "
              << data.size() << " dataset links, " << metrics.metrics.size() << " metrics"
              << (model.card_json ? ", model card" : "") << "\n";
  }
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
  sub->add_option("--training-data", c->training_data, "NAME@VERSION (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--validation-data", c->validation_data, "NAME@VERSION (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--test-data", c->test_data, "NAME@VERSION (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--card", c->card, "Model card YAML (docs/store.md lists the fields)");
  sub->add_option("--metrics", c->metrics,
                  "`airm evaluate --json` output or a flat {\"metric\": value} JSON file");
  sub->add_option("--param", c->params, "KEY=VALUE hyperparameter (repeatable)")
      ->allow_extra_args(false);
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunModelRegister(*c); });
}

}  // namespace airm::cli
