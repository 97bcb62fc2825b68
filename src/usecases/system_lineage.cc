#include "airm/usecases/system_lineage.h"

#include "airm/governance/inventory.h"
#include "airm/store/model_results.h"
#include "airm/usecases/store_access.h"
#include "board_reviews.h"

namespace airm::usecases {

Status SystemLineageOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("the lineage of a system needs its name");
  return Status::Ok();
}

Result<SystemLineage> GetSystemLineage(const SystemLineageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  SystemLineage out;
  out.system = options.system;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    out.models.clear();
    AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                          governance::GetSystemByName(db, options.system));
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::LinkedModel> linked,
                          governance::ModelsOfSystem(db, system.id));
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> serving,
                          internal::ServingVersions(db, linked));
    for (store::ModelVersion& v : serving) {
      lineage::ServingModel m;
      AIRM_RETURN_IF_ERROR(
          db.QueryEach("SELECT id, model_version_id, environment, valid_from, valid_to, deployed_by"
                       " FROM deployments WHERE model_version_id = ? AND valid_to IS NULL"
                       " ORDER BY environment",
                       {v.id}, [&](const store::Row& r) {
                         m.deployments.push_back({r.Int(0), r.Int(1), r.Text(2), r.Text(3),
                                                  r.OptionalText(4), r.Text(5)});
                         return Status::Ok();
                       }));
      m.deployed = !m.deployments.empty();
      AIRM_ASSIGN_OR_RETURN(m.chaos,
                            store::RecentModelResults(db, v.id, "chaos", kChaosVerdictsShown));
      AIRM_ASSIGN_OR_RETURN(m.graph, lineage::BuildModelGraph(db, v.id));
      m.version = std::move(v);
      out.models.push_back(std::move(m));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace airm::usecases
