#include "airm/store/models.h"

#include <set>

#include "store_util.h"

namespace airm::store {
namespace {

using internal::JoinLimited;
using internal::Nullable;

constexpr std::string_view kSelectModelVersion =
    "SELECT mv.id, mv.model_id, m.name, mv.version, mv.artifact_digest, mv.artifact_path,"
    " mv.artifact_abs_path, mv.training_run_id, mv.parameters_json, mv.card_json,"
    " mv.registered_at, mv.registered_by FROM model_versions mv JOIN models m ON m.id = "
    "mv.model_id ";

Result<std::vector<ModelVersion>> QueryModelVersions(Database& db, std::string_view where,
                                                     const std::vector<Value>& params) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query(std::string(kSelectModelVersion) + std::string(where), params));
  std::vector<ModelVersion> out;
  for (const Row& row : rows) {
    ModelVersion v;
    v.id = row.Int(0);
    v.model_id = row.Int(1);
    v.name = row.Text(2);
    v.version = row.Text(3);
    v.artifact_digest = row.Text(4);
    v.artifact_path = row.OptionalText(5);
    v.artifact_abs_path = row.OptionalText(6);
    v.training_run_id = row.OptionalInt(7);
    v.parameters_json = row.OptionalText(8);
    v.card_json = row.OptionalText(9);
    v.registered_at = row.Text(10);
    v.registered_by = row.Text(11);
    out.push_back(std::move(v));
  }
  return out;
}

Status UnknownModel(Database& db, const std::string& name) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows, db.Query("SELECT name FROM models ORDER BY name"));
  if (rows.empty()) {
    return Status::NotFound("no model named '" + name +
                            "': the store has no models yet (airm model register)");
  }
  std::vector<std::string> names;
  for (const Row& row : rows) names.push_back(row.Text(0));
  return Status::NotFound("no model named '" + name + "' (models: " + JoinLimited(names) + ")");
}

}  // namespace

Result<RegisteredModel> RegisterModelVersion(Database& db, const NewModelVersion& nm) {
  if (nm.name.empty() || nm.version.empty()) {
    return Status::InvalidArgument("a model needs a name (--name) and a version (--version)");
  }
  AIRM_RETURN_IF_ERROR(ValidateName(nm.name, "model name"));
  AIRM_RETURN_IF_ERROR(ValidateName(nm.version, "model version"));
  if (nm.version == "latest") {
    return Status::InvalidArgument(
        "'latest' cannot be a model version: it always means the newest version");
  }
  static const std::set<std::string> kRoles = {"train", "validation", "test", "evaluation"};
  for (const ModelData& d : nm.data) {
    if (!kRoles.contains(d.role)) {
      return Status::InvalidArgument("model data role '" + d.role +
                                     "' is not one of train, validation, test, evaluation");
    }
  }
  RegisteredModel out;
  AIRM_ASSIGN_OR_RETURN(
      std::vector<ModelVersion> existing,
      QueryModelVersions(db, "WHERE m.name = ? AND mv.version = ?", {nm.name, nm.version}));
  if (!existing.empty()) {
    if (existing[0].artifact_digest != nm.artifact_digest) {
      return Status::InvalidArgument(
          "model " + nm.name + "@" + nm.version + " is already registered with artifact " +
          existing[0].artifact_digest + "; this artifact is " + nm.artifact_digest +
          ". Versions are immutable: register it under a new --version");
    }
    out.version = std::move(existing[0]);
    return out;
  }
  const std::string now = internal::NowIfEmpty(nm.registered_at);
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> model,
      db.Query("INSERT INTO models (name, created_at) VALUES (?, ?)"
               " ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING id",
               {nm.name, now}));
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query("INSERT INTO model_versions (model_id, version, artifact_digest, artifact_path,"
               " artifact_abs_path, training_run_id, parameters_json, card_json, registered_at,"
               " registered_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {model[0].Int(0), nm.version, nm.artifact_digest, Nullable(nm.artifact_path),
                Nullable(nm.artifact_abs_path), Nullable(nm.training_run_id),
                Nullable(nm.parameters_json), Nullable(nm.card_json), now, nm.registered_by}));
  const int64_t id = inserted[0].Int(0);
  std::set<std::pair<int64_t, std::string>> data;
  for (const ModelData& d : nm.data) data.insert({d.dataset_version_id, d.role});
  for (const auto& [dataset_version_id, role] : data) {
    AIRM_RETURN_IF_ERROR(
        db.Execute("INSERT INTO model_version_data (model_version_id, dataset_version_id, role)"
                   " VALUES (?, ?, ?)",
                   {id, dataset_version_id, role}));
  }
  for (const ModelMetric& m : nm.metrics) {
    AIRM_RETURN_IF_ERROR(db.Execute(
        "INSERT INTO model_metrics (model_version_id, name, value, ci_low, ci_high, segment,"
        " dataset_version_id, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        {id, m.name, Nullable(m.value), Nullable(m.ci_low), Nullable(m.ci_high), m.segment,
         Nullable(m.dataset_version_id), now}));
  }
  AIRM_ASSIGN_OR_RETURN(out.version, GetModelVersion(db, id));
  out.created = true;
  return out;
}

Result<std::vector<ModelVersion>> ListModelVersions(Database& db, const std::string& name) {
  if (name.empty()) return QueryModelVersions(db, "ORDER BY m.name, mv.id", {});
  return QueryModelVersions(db, "WHERE m.name = ? ORDER BY mv.id", {name});
}

Result<ModelVersion> GetModelVersion(Database& db, int64_t model_version_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<ModelVersion> found,
                        QueryModelVersions(db, "WHERE mv.id = ?", {model_version_id}));
  if (found.empty()) {
    return Status::NotFound("no model version with id " + std::to_string(model_version_id));
  }
  return std::move(found[0]);
}

Result<ModelVersion> ResolveModelVersion(Database& db, const Reference& ref) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> model,
                        db.Query("SELECT id FROM models WHERE name = ?", {ref.name}));
  if (model.empty()) return UnknownModel(db, ref.name);
  const int64_t model_id = model[0].Int(0);
  std::vector<ModelVersion> found;
  if (ref.is_latest()) {
    AIRM_ASSIGN_OR_RETURN(found, QueryModelVersions(db,
                                                    "WHERE mv.model_id = ? ORDER BY mv.id DESC"
                                                    " LIMIT 1",
                                                    {model_id}));
  } else {
    AIRM_ASSIGN_OR_RETURN(found, QueryModelVersions(db, "WHERE mv.model_id = ? AND mv.version = ?",
                                                    {model_id, ref.version}));
    std::string hex;
    if (found.empty() && IsDigestPrefix(ref.version, &hex)) {
      AIRM_ASSIGN_OR_RETURN(found, QueryModelVersions(db,
                                                      "WHERE mv.model_id = ? AND"
                                                      " mv.artifact_digest LIKE ? ORDER BY mv.id",
                                                      {model_id, "sha256:" + hex + "%"}));
      if (found.size() > 1) {
        std::vector<std::string> candidates;
        for (const ModelVersion& v : found) {
          candidates.push_back(v.Ref() + " (" + v.artifact_digest.substr(0, 7 + 12) + "…)");
        }
        return Status::InvalidArgument("digest prefix '" + ref.version + "' of model '" + ref.name +
                                       "' is ambiguous: " + JoinLimited(candidates) +
                                       "; give more digits");
      }
    }
  }
  if (!found.empty()) return std::move(found[0]);
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> versions,
      db.Query("SELECT version FROM model_versions WHERE model_id = ? ORDER BY id", {model_id}));
  std::vector<std::string> names;
  for (const Row& row : versions) names.push_back(row.Text(0));
  return Status::NotFound("no version '" + ref.version + "' of model '" + ref.name +
                          "' (versions: " + JoinLimited(names) + ")");
}

Result<std::vector<ModelData>> ModelDataOf(Database& db, int64_t model_version_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT dataset_version_id, role FROM model_version_data"
                                 " WHERE model_version_id = ? ORDER BY role, dataset_version_id",
                                 {model_version_id}));
  std::vector<ModelData> out;
  for (const Row& row : rows) out.push_back({row.Int(0), row.Text(1)});
  return out;
}

Result<std::vector<ModelMetric>> ModelMetricsOf(Database& db, int64_t model_version_id) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT name, value, ci_low, ci_high, segment, dataset_version_id FROM model_metrics"
               " WHERE model_version_id = ? ORDER BY segment, name",
               {model_version_id}));
  std::vector<ModelMetric> out;
  for (const Row& row : rows) {
    out.push_back({row.Text(0), internal::OptionalReal(row, 1), internal::OptionalReal(row, 2),
                   internal::OptionalReal(row, 3), row.Text(4), row.OptionalInt(5)});
  }
  return out;
}

}  // namespace airm::store
