#include "airm/store/deployments.h"

#include "store_util.h"

namespace airm::store {
namespace {

constexpr std::string_view kSelectDeployment =
    "SELECT id, model_version_id, environment, valid_from, valid_to, deployed_by FROM deployments ";

Result<std::optional<Deployment>> QueryOne(Database& db, std::string_view where,
                                           const std::vector<Value>& params) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query(std::string(kSelectDeployment) + std::string(where), params));
  if (rows.empty()) return std::optional<Deployment>();
  const Row& row = rows[0];
  return std::optional<Deployment>(Deployment{row.Int(0), row.Int(1), row.Text(2), row.Text(3),
                                              row.OptionalText(4), row.Text(5)});
}

}  // namespace

Result<DeployOutcome> Deploy(Database& db, int64_t model_version_id, const std::string& environment,
                             const std::string& at, const std::string& deployed_by) {
  if (environment.empty()) return Status::InvalidArgument("--env must not be empty");
  AIRM_ASSIGN_OR_RETURN(
      std::optional<Deployment> latest,
      QueryOne(db, "WHERE environment = ? ORDER BY valid_from DESC, id DESC LIMIT 1",
               {environment}));
  DeployOutcome out;
  if (latest) {
    if (!latest->valid_to && latest->model_version_id == model_version_id) {
      out.current = *latest;
      out.unchanged = true;
      return out;
    }
    if (at < latest->valid_from) {
      return Status::InvalidArgument("cannot deploy to '" + environment + "' at " + at +
                                     ": its latest deployment started later, at " +
                                     latest->valid_from + " (history must stay in time order)");
    }
    if (!latest->valid_to) {
      AIRM_RETURN_IF_ERROR(
          db.Execute("UPDATE deployments SET valid_to = ? WHERE id = ?", {at, latest->id}));
      latest->valid_to = at;
      out.closed = latest;
    }
  }
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query("INSERT INTO deployments (model_version_id, environment, valid_from, deployed_by)"
               " VALUES (?, ?, ?, ?) RETURNING id",
               {model_version_id, environment, at, deployed_by}));
  out.current = {inserted[0].Int(0), model_version_id, environment, at, std::nullopt, deployed_by};
  return out;
}

Result<std::optional<Deployment>> DeploymentAt(Database& db, const std::string& environment,
                                               const std::string& at) {
  return QueryOne(db,
                  "WHERE environment = ? AND valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)"
                  " ORDER BY valid_from DESC, id DESC LIMIT 1",
                  {environment, at, at});
}

}  // namespace airm::store
