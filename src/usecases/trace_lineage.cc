#include "airm/usecases/trace_lineage.h"

#include "airm/store/datasets.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

Status TraceLineageOptions::Validate() const {
  if (prediction_id.empty()) return Status::InvalidArgument("lineage trace needs --prediction");
  if (!as_of.empty() && !store::ParseIso8601(as_of)) {
    return Status::InvalidArgument("--as-of '" + as_of +
                                   "' is not an ISO 8601 date-time with a zone, e.g. "
                                   "2026-11-27T04:33:16Z");
  }
  return Status::Ok();
}

Result<lineage::TraceResult> TraceLineage(const TraceLineageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  lineage::TraceOptions trace;
  trace.verify_files = options.verify_files;
  if (!options.as_of.empty()) trace.as_of = store::ParseIso8601(options.as_of);
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return lineage::TracePrediction(*opened.db, options.prediction_id, trace);
}

Status ImpactOptions::Validate() const {
  if (dataset.empty()) return Status::InvalidArgument("lineage impact needs --dataset");
  return Status::Ok();
}

Result<lineage::ImpactResult> ImpactOfDataset(const ImpactOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(options.dataset));
  AIRM_ASSIGN_OR_RETURN(store::DatasetVersion version,
                        store::ResolveDatasetVersion(*opened.db, ref));
  return lineage::Impact(*opened.db, version.id);
}

}  // namespace airm::usecases
