#include "airm/usecases/deploy.h"

#include "airm/store/environment.h"
#include "airm/store/models.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/store_access.h"
#include "store_audit.h"

namespace airm::usecases {

Status DeployOptions::Validate() const {
  if (model.empty()) return Status::InvalidArgument("deploy needs NAME@VERSION");
  if (environment.empty()) return Status::InvalidArgument("deploy needs --env");
  if (!at.empty() && !store::ParseIso8601(at)) {
    return Status::InvalidArgument("--at '" + at +
                                   "' is not an ISO 8601 date-time with a zone, e.g. "
                                   "2026-11-27T04:33:16Z");
  }
  return Status::Ok();
}

Result<Deployed> Deploy(const DeployOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  Deployed out;
  out.at = options.at.empty() ? store::UtcNow() : *store::ParseIso8601(options.at);
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(internal::StoreAuditor audit, internal::StoreAuditor::Open(opened));
  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    out.replaced.reset();
    AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(options.model));
    AIRM_ASSIGN_OR_RETURN(out.model, store::ResolveModelVersion(tx, ref));
    AIRM_ASSIGN_OR_RETURN(out.outcome, store::Deploy(tx, out.model.id, options.environment, out.at,
                                                     store::CurrentUser()));
    if (out.outcome.closed) {
      AIRM_ASSIGN_OR_RETURN(out.replaced,
                            store::GetModelVersion(tx, out.outcome.closed->model_version_id));
    }
    if (out.outcome.unchanged) return Status::Ok();
    return audit.Append(tx, {.action = "deploy",
                             .subject = "model:" + out.model.Ref(),
                             .details = {{"environment", options.environment},
                                         {"valid_from", out.at},
                                         {"artifact_digest", out.model.artifact_digest},
                                         {"replaced", out.replaced ? out.replaced->Ref() : ""}}});
  }));
  AIRM_RETURN_IF_ERROR(audit.Finish());
  if (out.outcome.unchanged) {
    out.findings.push_back(MakeFinding(
        Severity::kInfo, "deploy.unchanged", options.environment,
        out.model.Ref() + " already serves in " + options.environment + "; nothing changed"));
  }
  return out;
}

}  // namespace airm::usecases
