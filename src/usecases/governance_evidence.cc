#include "airm/usecases/governance_evidence.h"

#include <filesystem>

#include "airm/governance/risk_register.h"
#include "airm/sha256.h"
#include "airm/store/timestamp.h"
#include "governance_scope.h"
#include "governance_write.h"

namespace airm::usecases {

Status AddEvidenceOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("evidence add needs --system NAME");
  if (control.empty()) return Status::InvalidArgument("evidence add needs --control ID");
  if (file.empty() == url.empty()) {
    return Status::InvalidArgument("evidence add needs exactly one of --file FILE and --url URL");
  }
  if (file == "-") {
    return Status::InvalidArgument(
        "--file -: evidence must be a file that stays where it is, "
        "not standard input");
  }
  if (!url.empty() && url.find("://") == std::string::npos) {
    return Status::InvalidArgument("--url '" + url +
                                   "': expected an address with a scheme, e.g. https://…");
  }
  if (!expires.empty() && !governance::ParseDueDate(expires)) {
    return Status::InvalidArgument("--expires '" + expires + "': expected a date YYYY-MM-DD");
  }
  return internal::ValidateToday(today);
}

Result<EvidenceAdded> AddEvidence(const AddEvidenceOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(governance::ControlLibrary library, governance::BuiltinControlLibrary());
  AIRM_RETURN_IF_ERROR(governance::ValidateEvidenceTarget(library, options.control));
  governance::ManualEvidence evidence{.control = options.control, .note = options.note};
  if (!options.expires.empty()) evidence.expires_on = options.expires;
  if (!options.file.empty()) {
    // Hashed before the store opens, so an unreadable file changes nothing.
    uint64_t bytes = 0;
    AIRM_ASSIGN_OR_RETURN(std::string hex, Sha256File(options.file, &bytes));
    std::error_code ec;
    const std::filesystem::path absolute = std::filesystem::absolute(options.file, ec);
    evidence.location = ec ? options.file : absolute.lexically_normal().string();
    evidence.location_kind = "file";
    evidence.sha256 = "sha256:" + hex;
    evidence.size_bytes = static_cast<int64_t>(bytes);
  } else {
    evidence.location = options.url;
    evidence.location_kind = "url";
  }
  EvidenceAdded out;
  out.system = options.system;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<governance::AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(governance::AiSystem sys,
                              governance::GetSystemByName(tx, options.system));
        governance::ManualEvidence e = evidence;
        e.added_at = store::UtcNow();
        e.added_by = out.actor.name;
        AIRM_ASSIGN_OR_RETURN(out.evidence, governance::InsertManualEvidence(tx, sys.id, e));
        return std::vector<governance::AuditEvent>{
            {.action = "evidence.add",
             .subject = "system:" + sys.name,
             .details = {{"evidence", out.evidence.Key()},
                         {"control", e.control},
                         {"location", e.location},
                         {"sha256", e.sha256.value_or("")},
                         {"expires_on", e.expires_on.value_or("")},
                         {"note", e.note}}}};
      }));
  const std::string today = internal::TodayOr(options.today);
  if (!out.evidence.CurrentOn(today)) {
    out.findings.push_back(
        MakeFinding(Severity::kWarn, "evidence.already_expired", out.evidence.Key(),
                    out.evidence.Key() + " expired on " + *out.evidence.expires_on +
                        " and covers nothing on " + today));
  }
  return out;
}

}  // namespace airm::usecases
