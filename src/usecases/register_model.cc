#include "airm/usecases/register_model.h"

#include <nlohmann/json.hpp>

#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/environment.h"
#include "airm/store/model_inputs.h"
#include "airm/store/models.h"
#include "airm/store/reference.h"
#include "airm/store/runs.h"
#include "airm/usecases/store_access.h"
#include "store_audit.h"

namespace airm::usecases {
namespace {

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
    return Status::InvalidArgument("--trained-by: run " + run.run_uuid + " is " + run.status +
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

}  // namespace

Status RegisterModelOptions::Validate() const {
  if (name.empty()) return Status::InvalidArgument("model register needs --name");
  if (version.empty()) return Status::InvalidArgument("model register needs --version");
  if (artifact.empty()) return Status::InvalidArgument("model register needs --artifact FILE");
  if (trained_by.empty() && training_data.empty()) {
    return Status::InvalidArgument(
        "model register needs --trained-by RUN or --training-data NAME@VERSION");
  }
  for (const auto& [key, value] : parameters) {
    if (key.empty()) return Status::InvalidArgument("--param expects KEY=VALUE, got an empty KEY");
  }
  return Status::Ok();
}

Result<RegisteredModelVersion> RegisterModel(const RegisterModelOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  store::NewModelVersion model;
  model.name = options.name;
  model.version = options.version;
  model.registered_by = store::CurrentUser();
  if (!options.parameters.empty()) {
    nlohmann::ordered_json params = nlohmann::ordered_json::object();
    for (const auto& [key, value] : options.parameters) params[key] = value;
    model.parameters_json = params.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  if (!options.card.empty()) {
    AIRM_ASSIGN_OR_RETURN(model.card_json, store::ReadModelCardYaml(options.card));
  }
  store::MetricsFile metrics;
  if (!options.metrics.empty()) {
    AIRM_ASSIGN_OR_RETURN(metrics, store::ReadModelMetrics(options.metrics));
  }
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(model.artifact_digest, store::FileDigest(options.artifact));
  model.artifact_path = options.artifact;
  model.artifact_abs_path = store::AbsolutePath(options.artifact);

  RegisteredModelVersion out;
  store::RegisteredModel registered;
  AIRM_ASSIGN_OR_RETURN(internal::StoreAuditor audit, internal::StoreAuditor::Open(opened));
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    store::NewModelVersion m = model;
    if (!options.trained_by.empty()) {
      AIRM_RETURN_IF_ERROR(DataFromRun(tx, options.trained_by, &m));
    }
    AIRM_RETURN_IF_ERROR(AddData(tx, options.training_data, "train", &m));
    AIRM_RETURN_IF_ERROR(AddData(tx, options.validation_data, "validation", &m));
    AIRM_RETURN_IF_ERROR(AddData(tx, options.test_data, "test", &m));
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
    AIRM_ASSIGN_OR_RETURN(out.data, store::ModelDataOf(tx, registered.version.id));
    if (!registered.created) return Status::Ok();
    return audit.Append(tx, {.action = "model.register",
                             .subject = "model:" + registered.version.Ref(),
                             .details = {{"artifact_digest", registered.version.artifact_digest},
                                         {"registered_by", registered.version.registered_by},
                                         {"datasets", std::to_string(out.data.size())},
                                         {"metrics", std::to_string(m.metrics.size())}}});
  }));
  AIRM_RETURN_IF_ERROR(audit.Finish());
  out.version = registered.version;
  out.created = registered.created;
  out.metrics_recorded = registered.created ? metrics.metrics.size() : 0;
  out.has_card = out.version.card_json.has_value();
  if (!out.created) {
    out.findings.push_back(MakeFinding(
        Severity::kInfo, "model.unchanged", out.version.Ref(),
        "already registered as " + out.version.Ref() + " with the same artifact; nothing changed"));
  }
  return out;
}

}  // namespace airm::usecases
