#include "airm/lineage/impact.h"

#include <algorithm>
#include <map>
#include <set>

#include "graph_queries.h"
#include "graph_walk.h"
#include "sql_in_list.h"
#include "trace_findings.h"

namespace airm::lineage {
namespace {

using internal::DatasetReference;
using internal::QueryIn;
using internal::ToValues;
using store::Database;
using store::Row;

void AddVia(std::vector<ImpactLink>* via, ImpactLink link) {
  for (const ImpactLink& l : *via) {
    if (l.role == link.role && l.digest == link.digest && l.dataset == link.dataset &&
        l.run_uuid == link.run_uuid) {
      return;
    }
  }
  via->push_back(std::move(link));
}

// Model versions that learned from a digest reached, or were trained by a run reached.
Status FindModels(Database& db, const std::vector<std::string>& digests,
                  const std::vector<int64_t>& run_ids, std::map<int64_t, ImpactModel>* models) {
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT mvd.model_version_id, mvd.role, d.name, dv.version, dv.digest"
              " FROM model_version_data mvd"
              " JOIN dataset_versions dv ON dv.id = mvd.dataset_version_id"
              " JOIN datasets d ON d.id = dv.dataset_id WHERE dv.digest IN (@IN)"
              " ORDER BY mvd.role, d.name, dv.version",
              {}, ToValues(digests), {}, [&](const Row& row) {
                AddVia(&(*models)[row.Int(0)].via,
                       {row.Text(1), row.Text(4), DatasetReference(row.Text(2), row.Int(3)), ""});
                return Status::Ok();
              }));
  AIRM_RETURN_IF_ERROR(
      QueryIn(db,
              "SELECT mv.id, r.run_uuid FROM model_versions mv"
              " JOIN runs r ON r.id = mv.training_run_id"
              " WHERE mv.training_run_id IN (@IN)",
              {}, ToValues(run_ids), {}, [&](const Row& row) {
                AddVia(&(*models)[row.Int(0)].via, {"training_run", "", "", row.Text(1)});
                return Status::Ok();
              }));
  std::vector<int64_t> ids;
  for (const auto& [id, model] : *models) ids.push_back(id);
  const std::vector<store::Value> keys = ToValues(ids);
  AIRM_RETURN_IF_ERROR(QueryIn(db,
                               "SELECT mv.id, m.name, mv.version, mv.artifact_digest"
                               " FROM model_versions mv JOIN models m ON m.id = mv.model_id"
                               " WHERE mv.id IN (@IN)",
                               {}, keys, {}, [&](const Row& row) {
                                 ImpactModel& m = (*models)[row.Int(0)];
                                 m.id = row.Int(0);
                                 m.name = row.Text(1);
                                 m.version = row.Text(2);
                                 m.artifact_digest = row.Text(3);
                                 return Status::Ok();
                               }));
  AIRM_RETURN_IF_ERROR(QueryIn(db,
                               "SELECT id, model_version_id, environment, valid_from, valid_to"
                               " FROM deployments WHERE model_version_id IN (@IN)"
                               " ORDER BY valid_from, id",
                               {}, keys, {}, [&](const Row& row) {
                                 (*models)[row.Int(1)].deployments.push_back(
                                     {row.Int(0), row.Text(2), row.Text(3), row.OptionalText(4)});
                                 return Status::Ok();
                               }));
  return QueryIn(db,
                 "SELECT model_version_id, COUNT(*), SUM(row_count) FROM prediction_batches"
                 " WHERE model_version_id IN (@IN) GROUP BY model_version_id",
                 {}, keys, {}, [&](const Row& row) {
                   ImpactModel& m = (*models)[row.Int(0)];
                   m.prediction_batches = row.Int(1);
                   m.predictions = row.IsNull(2) ? 0 : row.Int(2);
                   return Status::Ok();
                 });
}

constexpr const char* kBatchSelect =
    "SELECT pb.id, m.name, mv.version, pb.row_count, pb.logged_at, d.name, dv.version"
    " FROM prediction_batches pb"
    " JOIN model_versions mv ON mv.id = pb.model_version_id"
    " JOIN models m ON m.id = mv.model_id"
    " LEFT JOIN dataset_versions dv ON dv.id = pb.input_dataset_version_id"
    " LEFT JOIN datasets d ON d.id = dv.dataset_id ";

// Batches whose logged input was reached, or whose preprocessing run was.
Status FindBatches(Database& db, const std::vector<std::string>& digests,
                   const std::vector<int64_t>& run_ids, std::vector<ImpactBatch>* out) {
  std::set<int64_t> seen;
  auto take = [&](const char* via) {
    return [&, via](const Row& row) {
      if (!seen.insert(row.Int(0)).second) return Status::Ok();
      ImpactBatch b;
      b.id = row.Int(0);
      b.model = row.Text(1) + "@" + row.Text(2);
      b.row_count = row.Int(3);
      b.logged_at = row.Text(4);
      if (!row.IsNull(5)) b.input_dataset = DatasetReference(row.Text(5), row.Int(6));
      b.via = via;
      out->push_back(std::move(b));
      return Status::Ok();
    };
  };
  AIRM_RETURN_IF_ERROR(QueryIn(db, std::string(kBatchSelect) + "WHERE dv.digest IN (@IN)", {},
                               ToValues(digests), {}, take("input data")));
  AIRM_RETURN_IF_ERROR(QueryIn(db,
                               std::string(kBatchSelect) + "WHERE pb.preprocessing_run_id IN (@IN)",
                               {}, ToValues(run_ids), {}, take("preprocessing run")));
  std::sort(out->begin(), out->end(),
            [](const ImpactBatch& a, const ImpactBatch& b) { return a.id < b.id; });
  return Status::Ok();
}

std::vector<Finding> ImpactFindings(const ImpactResult& impact) {
  std::vector<Finding> out;
  for (const ImpactModel& m : impact.models) {
    for (const ImpactDeployment& d : m.deployments) {
      if (!d.current()) continue;
      out.push_back(MakeFinding(Severity::kWarn, "lineage.affects_serving_model", m.Reference(),
                                m.Reference() + " depends on " + impact.start.Label() +
                                    " and is serving in " + d.environment + " since " +
                                    d.valid_from + "."));
    }
  }
  internal::SortBySeverity(&out);
  return out;
}

}  // namespace

Result<ImpactResult> Impact(Database& db, int64_t dataset_version_id) {
  ImpactResult impact;
  impact.store = db.Describe();
  Status status = db.ReadTransaction([&](Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(
        std::vector<Row> start,
        tx.Query("SELECT digest FROM dataset_versions WHERE id = ?", {dataset_version_id}));
    if (start.empty()) {
      return Status::NotFound("dataset version " + std::to_string(dataset_version_id) +
                              " is not in the store " + tx.Describe());
    }
    const std::string root = start[0].Text(0);
    internal::Walk walk;
    AIRM_RETURN_IF_ERROR(internal::WalkDownstream(tx, root, &walk));
    AIRM_ASSIGN_OR_RETURN(std::vector<DataNode> nodes,
                          internal::BuildDataNodes(tx, walk, walk.digests,
                                                   {.as_of = internal::kEndOfTime,
                                                    .reference_time = std::nullopt,
                                                    .producers_from_walk = false,
                                                    .checks_and_columns = false}));
    std::map<std::string, size_t> index;
    for (size_t i = 0; i < nodes.size(); ++i) index[nodes[i].digest] = i;
    impact.runs.reserve(walk.run_order.size());
    for (int64_t id : walk.run_order) {
      RunNode& run = walk.runs.at(id);
      for (const RunDataRef& out : run.outputs) {
        if (auto it = index.find(out.digest); it != index.end()) {
          nodes[it->second].produced_by.push_back(run.uuid);
        }
      }
      impact.runs.push_back(std::move(run));
    }
    impact.start = std::move(nodes[0]);
    impact.downstream.assign(std::make_move_iterator(nodes.begin() + 1),
                             std::make_move_iterator(nodes.end()));

    std::map<int64_t, ImpactModel> models;
    AIRM_RETURN_IF_ERROR(FindModels(tx, walk.digests, walk.run_order, &models));
    for (auto& [id, model] : models) impact.models.push_back(std::move(model));
    std::sort(impact.models.begin(), impact.models.end(),
              [](const ImpactModel& a, const ImpactModel& b) {
                return std::tie(a.name, a.version, a.id) < std::tie(b.name, b.version, b.id);
              });
    return FindBatches(tx, walk.digests, walk.run_order, &impact.batches);
  });
  if (!status.ok()) return status;

  ImpactTotals& t = impact.totals;
  t.runs = static_cast<int64_t>(impact.runs.size());
  t.datasets = static_cast<int64_t>(impact.downstream.size());
  t.model_versions = static_cast<int64_t>(impact.models.size());
  t.prediction_batches = static_cast<int64_t>(impact.batches.size());
  for (const ImpactModel& m : impact.models) {
    t.deployments += static_cast<int64_t>(m.deployments.size());
    for (const ImpactDeployment& d : m.deployments) t.current_deployments += d.current() ? 1 : 0;
    t.predictions += m.predictions;
  }
  impact.findings = ImpactFindings(impact);
  return impact;
}

}  // namespace airm::lineage
