#include "airm/usecases/openlineage_exchange.h"

#include <fstream>
#include <sstream>

#include "airm/store/timestamp.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

Status ExportOpenLineageOptions::Validate() const {
  if (!since.empty() && !store::ParseIso8601(since)) {
    return Status::InvalidArgument("--since '" + since +
                                   "' is not an ISO 8601 date-time with a zone");
  }
  return Status::Ok();
}

Result<lineage::ExportResult> ExportOpenLineage(const ExportOpenLineageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  lineage::ExportOptions exported;
  exported.airm_version = options.airm_version;
  if (!options.since.empty()) exported.since = store::ParseIso8601(options.since);
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return lineage::ExportOpenLineage(*opened.db, exported);
}

Status ImportOpenLineageOptions::Validate() const {
  if (file.empty()) return Status::InvalidArgument("lineage import needs a file");
  return Status::Ok();
}

Result<lineage::ImportSummary> ImportOpenLineage(const ImportOpenLineageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return lineage::ImportOpenLineageFile(*opened.db, options.file);
}

}  // namespace airm::usecases
