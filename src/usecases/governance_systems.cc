#include "airm/usecases/governance_systems.h"

#include "airm/small_file.h"
#include "airm/store/timestamp.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ",") + s;
  return out;
}

}  // namespace

Status AddSystemOptions::Validate() const { return governance::ValidateSystemFields(system); }

Result<SystemAdded> AddSystem(const AddSystemOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  SystemAdded out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        governance::AiSystem s = options.system;
        s.created_at = store::UtcNow();
        s.created_by = out.actor.name;
        AIRM_ASSIGN_OR_RETURN(out.system, governance::InsertSystem(tx, s));
        return std::vector<AuditEvent>{{.action = "system.add",
                                        .subject = "system:" + s.name,
                                        .details = {{"owner", s.owner},
                                                    {"business_unit", s.business_unit},
                                                    {"purpose", s.purpose},
                                                    {"decision_type", s.decision_type},
                                                    {"affected_people", s.affected_people},
                                                    {"data_categories", Join(s.data_categories)},
                                                    {"lifecycle_state", s.lifecycle_state}}}};
      }));
  return out;
}

Status LinkSystemOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("system link needs the system's NAME");
  if (models.empty()) return Status::InvalidArgument("system link needs --model MODEL");
  return Status::Ok();
}

Result<SystemLinked> LinkSystem(const LinkSystemOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  SystemLinked out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        out.linked.clear();
        out.already_linked.clear();
        AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                              governance::GetSystemByName(tx, options.system));
        const std::string now = store::UtcNow();
        std::vector<AuditEvent> events;
        for (const std::string& model : options.models) {
          AIRM_ASSIGN_OR_RETURN(bool added,
                                governance::LinkModel(tx, system.id, model, now, out.actor.name));
          (added ? out.linked : out.already_linked).push_back(model);
          if (added) {
            events.push_back({.action = "system.link",
                              .subject = "system:" + system.name,
                              .details = {{"model", model}}});
          }
        }
        AIRM_ASSIGN_OR_RETURN(out.system, governance::LoadSystemView(tx, system));
        return events;
      }));
  for (const std::string& model : out.already_linked) {
    out.findings.push_back(
        MakeFinding(Severity::kInfo, "system.already_linked", model,
                    model + " already belongs to " + options.system + "; nothing changed"));
  }
  return out;
}

Status ClassifySystemOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("system classify needs the system's NAME");
  if (answers_path.empty()) {
    return Status::InvalidArgument("system classify needs --answers FILE (the questionnaire)");
  }
  return Status::Ok();
}

Result<SystemClassified> ClassifySystem(const ClassifySystemOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  // The questionnaire is read and checked before the store is touched, so a
  // malformed file changes nothing.
  AIRM_ASSIGN_OR_RETURN(std::string text,
                        ReadSmallFile(options.answers_path, "questionnaire answers"));
  AIRM_ASSIGN_OR_RETURN(governance::EuAiActAnswers answers,
                        governance::ParseEuAiActAnswers(text, options.answers_path));
  governance::StoredClassification classification;
  classification.result = governance::ClassifyEuAiAct(answers);
  classification.answers_json = governance::EuAiActAnswersJson(answers);
  SystemClassified out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                              governance::GetSystemByName(tx, options.system));
        AIRM_ASSIGN_OR_RETURN(auto previous, governance::LatestClassification(tx, system.id));
        out.previous_tier.reset();
        if (previous) out.previous_tier = previous->result.tier;
        classification.classified_at = store::UtcNow();
        classification.classified_by = out.actor.name;
        AIRM_RETURN_IF_ERROR(governance::SaveClassification(tx, system.id, classification));
        AIRM_ASSIGN_OR_RETURN(out.system, governance::LoadSystemView(tx, system));
        std::string rationale;
        for (const std::string& r : classification.result.rationale) {
          rationale += (rationale.empty() ? "" : " | ") + r;
        }
        return std::vector<AuditEvent>{{.action = "system.classify",
                                        .subject = "system:" + system.name,
                                        .details = {{"tier", classification.result.tier},
                                                    {"ruleset", classification.result.ruleset},
                                                    {"rationale", rationale},
                                                    {"answers", classification.answers_json}}}};
      }));
  const std::string& tier = classification.result.tier;
  if (tier == "prohibited") {
    out.findings.push_back(MakeFinding(Severity::kFail, "classification.prohibited", options.system,
                                       options.system +
                                           " falls under a prohibited practice of Art. 5; it "
                                           "must not be placed on the market or used"));
  } else if (tier == "high") {
    out.findings.push_back(MakeFinding(Severity::kWarn, "classification.high_risk", options.system,
                                       options.system +
                                           " is high-risk: Art. 9-15, 17 and 72 obligations "
                                           "apply"));
  }
  if (out.previous_tier && *out.previous_tier != tier) {
    out.findings.push_back(MakeFinding(Severity::kInfo, "classification.changed", options.system,
                                       "tier changed from " + *out.previous_tier + " to " + tier));
  }
  return out;
}

Result<SystemInventory> ListSystems(const ListSystemsOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  SystemInventory out;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems, governance::ListSystems(db));
    for (const governance::AiSystem& s : systems) {
      AIRM_ASSIGN_OR_RETURN(governance::SystemView view, governance::LoadSystemView(db, s));
      out.systems.push_back(std::move(view));
    }
    AIRM_ASSIGN_OR_RETURN(out.findings, governance::UnlinkedFindings(db));
    return Status::Ok();
  }));
  for (const governance::SystemView& v : out.systems) {
    if (!v.classification) {
      out.findings.push_back(MakeFinding(Severity::kWarn, "inventory.unclassified", v.system.name,
                                         v.system.name +
                                             " has no EU AI Act tier; run `airm system classify " +
                                             v.system.name + " --answers FILE`"));
    }
  }
  return out;
}

Status ShowSystemOptions::Validate() const {
  if (system.empty()) return Status::InvalidArgument("system show needs the system's NAME");
  return Status::Ok();
}

Result<SystemShown> ShowSystem(const ShowSystemOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  SystemShown out;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& db) -> Status {
    AIRM_ASSIGN_OR_RETURN(governance::AiSystem system,
                          governance::GetSystemByName(db, options.system));
    AIRM_ASSIGN_OR_RETURN(out.system, governance::LoadSystemView(db, system));
    return Status::Ok();
  }));
  AIRM_ASSIGN_OR_RETURN(out.matrix, internal::LoadRiskMatrix("", opened.workspace));
  out.findings =
      governance::RiskFindings(out.system.risks, out.matrix, store::UtcNow().substr(0, 10));
  return out;
}

}  // namespace airm::usecases
