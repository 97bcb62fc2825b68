#include "airm/usecases/governance_frameworks.h"

#include "governance_scope.h"
#include "system_evidence.h"

namespace airm::usecases {

Status FrameworkCoverageOptions::Validate() const { return internal::ValidateToday(today); }

Result<FrameworkCoverageResult> GetFrameworkCoverage(const FrameworkCoverageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  FrameworkCoverageResult out;
  AIRM_ASSIGN_OR_RETURN(out.library, governance::BuiltinControlLibrary());
  const std::string today = internal::TodayOr(options.today);
  AIRM_ASSIGN_OR_RETURN(internal::EvidenceStore where, internal::OpenEvidenceStore(options.store));
  store::Database& db = where.db();
  std::vector<governance::SystemEvidence> evidence;
  AIRM_RETURN_IF_ERROR(db.ReadTransaction([&](store::Database& tx) -> Status {
    internal::ScopedEvidenceMemo memo(&where);
    evidence.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          internal::SelectSystems(tx, options.system));
    for (const governance::AiSystem& s : systems) {
      AIRM_ASSIGN_OR_RETURN(governance::SystemEvidence e,
                            internal::CollectSystemEvidence(tx, s, where, today));
      evidence.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  AIRM_ASSIGN_OR_RETURN(
      out.report, governance::ComputeCoverage(out.library, evidence, options.frameworks, today));
  return out;
}

}  // namespace airm::usecases
