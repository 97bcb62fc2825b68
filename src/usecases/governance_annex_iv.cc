#include "airm/usecases/governance_annex_iv.h"

#include "airm/store/datasets.h"
#include "airm/store/models.h"
#include "airm/store/quality_checks.h"
#include "airm/usecases/store_access.h"
#include "governance_scope.h"

namespace airm::usecases {

Status AnnexIvOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("system annex-iv needs the system's NAME");
  return internal::ValidateToday(today);
}

Result<AnnexIvDraft> BuildAnnexIvDraft(const AnnexIvOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(GovernanceReport report, BuildGovernanceReport({.store = options.store,
                                                                        .system = options.system,
                                                                        .today = options.today}));
  AnnexIvDraft out;
  out.today = report.today;
  out.matrix = report.matrix;
  out.system = std::move(report.systems.at(0));  // SelectSystems returned exactly this one
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    out.models.clear();
    for (const governance::LinkedModel& m : out.system.view.models) {
      AnnexIvModel model;
      AIRM_ASSIGN_OR_RETURN(model.versions, store::ListModelVersions(tx, m.model));
      if (model.versions.empty()) continue;
      const store::ModelVersion& newest = model.versions.back();
      AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelData> data, store::ModelDataOf(tx, newest.id));
      for (const store::ModelData& d : data) {
        AnnexIvDataset ds{.role = d.role};
        AIRM_ASSIGN_OR_RETURN(ds.version, store::GetDatasetVersion(tx, d.dataset_version_id));
        AIRM_ASSIGN_OR_RETURN(ds.checks, store::QualityCheckRunsOf(tx, d.dataset_version_id));
        model.data.push_back(std::move(ds));
      }
      AIRM_ASSIGN_OR_RETURN(model.metrics, store::ModelMetricsOf(tx, newest.id));
      out.models.push_back(std::move(model));
    }
    return Status::Ok();
  }));
  return out;
}

}  // namespace airm::usecases
