#include "airm/usecases/governance_risks.h"

#include "airm/store/timestamp.h"
#include "governance_scope.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;

std::string Scale(const std::optional<int>& l, const std::optional<int>& i) {
  if (!l || !i) return "unassessed";
  return std::to_string(*l) + "x" + std::to_string(*i);
}

// The audit details of a risk: every field, as text.
std::map<std::string, std::string> RiskDetails(const governance::Risk& r) {
  std::string controls;
  for (const std::string& c : r.controls) controls += (controls.empty() ? "" : " | ") + c;
  return {{"system", r.system},
          {"title", r.title},
          {"category", r.category},
          {"inherent", Scale(r.inherent_likelihood, r.inherent_impact)},
          {"residual", Scale(r.residual_likelihood, r.residual_impact)},
          {"controls", controls},
          {"treatment", r.treatment},
          {"owner", r.owner},
          {"due_date", r.due_date.value_or("")},
          {"status", r.status}};
}

// Applies `c` to `r`; the names of the fields that changed.
std::vector<std::string> Apply(const RiskChanges& c, governance::Risk* r) {
  std::vector<std::string> changed;
  auto set = [&](const auto& from, auto* to, const char* name) {
    if (from && *to != *from) {
      *to = *from;
      changed.push_back(name);
    }
  };
  set(c.title, &r->title, "title");
  set(c.description, &r->description, "description");
  set(c.category, &r->category, "category");
  set(c.treatment, &r->treatment, "treatment");
  set(c.owner, &r->owner, "owner");
  set(c.status, &r->status, "status");
  set(c.inherent_likelihood, &r->inherent_likelihood, "inherent_likelihood");
  set(c.inherent_impact, &r->inherent_impact, "inherent_impact");
  set(c.controls, &r->controls, "controls");
  if (c.due_date && r->due_date != c.due_date) {
    r->due_date = c.due_date;
    changed.push_back("due_date");
  }
  if (c.residual_likelihood && r->residual_likelihood != c.residual_likelihood) {
    r->residual_likelihood = c.residual_likelihood;
    changed.push_back("residual_likelihood");
  }
  if (c.residual_impact && r->residual_impact != c.residual_impact) {
    r->residual_impact = c.residual_impact;
    changed.push_back("residual_impact");
  }
  return changed;
}

// Loads the workspace's rating matrix into *out before a register write.
std::function<Status(const store::Workspace&)> LoadMatrixInto(const std::string& matrix_path,
                                                              RiskWritten* out) {
  return [=](const store::Workspace& workspace) -> Status {
    AIRM_ASSIGN_OR_RETURN(out->matrix, internal::LoadRiskMatrix(matrix_path, workspace));
    return Status::Ok();
  };
}

}  // namespace

Status AddRiskOptions::Validate() const {
  if (risk.system.empty()) return Status::InvalidArgument("risk add needs --system NAME");
  return governance::ValidateRisk(risk);
}

Result<RiskWritten> AddRisk(const AddRiskOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  RiskWritten out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out, LoadMatrixInto(options.matrix_path, &out),
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                              governance::GetSystemByName(tx, options.risk.system));
        governance::Risk r = options.risk;
        r.created_at = r.updated_at = store::UtcNow();
        r.created_by = r.updated_by = out.actor.name;
        AIRM_ASSIGN_OR_RETURN(out.risk, governance::InsertRisk(tx, system.id, r));
        return std::vector<AuditEvent>{{.action = "risk.add",
                                        .subject = "risk:" + out.risk.Key(),
                                        .details = RiskDetails(out.risk)}};
      }));
  out.findings = governance::RiskFindings({out.risk}, out.matrix, store::UtcNow().substr(0, 10));
  return out;
}

Status UpdateRiskOptions::Validate() const {
  if (risk_id.empty()) return Status::InvalidArgument("risk update needs the risk's id (R-NNN)");
  AIRM_RETURN_IF_ERROR(governance::ParseRiskId(risk_id).status());
  const RiskChanges& c = changes;
  if (!c.title && !c.description && !c.category && !c.treatment && !c.owner && !c.due_date &&
      !c.status && !c.inherent_likelihood && !c.inherent_impact && !c.residual_likelihood &&
      !c.residual_impact && !c.controls) {
    return Status::InvalidArgument(
        "risk update: give at least one field to change (--status, "
        "--residual-likelihood, --control …)");
  }
  return Status::Ok();
}

Result<RiskWritten> UpdateRisk(const UpdateRiskOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(int64_t id, governance::ParseRiskId(options.risk_id));
  RiskWritten out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out, LoadMatrixInto(options.matrix_path, &out),
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(governance::Risk r, governance::GetRisk(tx, id));
        out.changed = Apply(options.changes, &r);
        // The merged record must still be valid (e.g. both residual values).
        AIRM_RETURN_IF_ERROR(governance::ValidateRisk(r));
        out.risk = r;
        if (out.changed.empty()) return std::vector<AuditEvent>{};
        r.updated_at = store::UtcNow();
        r.updated_by = out.actor.name;
        AIRM_RETURN_IF_ERROR(governance::SaveRisk(tx, r));
        out.risk = r;
        std::map<std::string, std::string> details = RiskDetails(r);
        std::string changed;
        for (const std::string& f : out.changed) changed += (changed.empty() ? "" : ",") + f;
        details["changed"] = changed;
        return std::vector<AuditEvent>{
            {.action = "risk.update", .subject = "risk:" + r.Key(), .details = details}};
      }));
  if (out.changed.empty()) {
    out.findings.push_back(MakeFinding(Severity::kInfo, "risk.unchanged", out.risk.Key(),
                                       out.risk.Key() + " already has these values; nothing "
                                                        "changed"));
  }
  std::vector<Finding> register_findings =
      governance::RiskFindings({out.risk}, out.matrix, store::UtcNow().substr(0, 10));
  out.findings.insert(out.findings.end(), register_findings.begin(), register_findings.end());
  return out;
}

Status ListRisksOptions::Validate() const { return internal::ValidateToday(today); }

Result<RiskRegister> ListRisks(const ListRisksOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  RiskRegister out;
  AIRM_ASSIGN_OR_RETURN(out.matrix,
                        internal::LoadRiskMatrix(options.matrix_path, opened.workspace));
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    int64_t system_id = 0;
    if (!options.system.empty()) {
      AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                            governance::GetSystemByName(db, options.system));
      system_id = system.id;
    }
    AIRM_ASSIGN_OR_RETURN(out.risks, governance::ListRisks(db, system_id));
    return Status::Ok();
  }));
  const std::string today = internal::TodayOr(options.today);
  out.findings = governance::RiskFindings(out.risks, out.matrix, today);
  return out;
}

}  // namespace airm::usecases
