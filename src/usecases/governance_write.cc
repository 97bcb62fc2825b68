#include "governance_write.h"

#include <filesystem>

#include "airm/small_file.h"

namespace airm::usecases::internal {

std::string AuditKeyDir(const store::Workspace& workspace) {
  return store::LocalStateDir(workspace);
}

Result<GovernanceSession> OpenGovernanceSession(const store::LocateOptions& where,
                                                const std::optional<std::string>& actor) {
  GovernanceSession session;
  AIRM_ASSIGN_OR_RETURN(session.opened, OpenStore(where));
  AIRM_ASSIGN_OR_RETURN(session.actor,
                        governance::ResolveActor(actor, session.opened.workspace.root));
  session.key_dir = AuditKeyDir(session.opened.workspace);
  return session;
}

Status AppendAuditEvents(store::Database& tx, const governance::SigningKey& key,
                         const governance::Actor& actor, std::vector<governance::AuditEvent> events,
                         governance::TreeHead* head) {
  for (governance::AuditEvent& event : events) {
    event.actor = actor.name;
    event.details["actor_source"] = actor.source;
    AIRM_ASSIGN_OR_RETURN(*head, governance::AppendAudit(tx, key, event));
  }
  return Status::Ok();
}

Result<governance::TreeHead> CommitGovernanceWrite(GovernanceSession& session,
                                                   const GovernanceBody& body) {
  AIRM_ASSIGN_OR_RETURN(governance::SigningKey key,
                        governance::SigningKey::LoadOrCreate(session.key_dir));
  governance::TreeHead head;
  AIRM_RETURN_IF_ERROR(session.opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AuditEvent> events, body(tx));
    return AppendAuditEvents(tx, key, session.actor, std::move(events), &head);
  }));
  if (head.tree_size > 0) {
    AIRM_RETURN_IF_ERROR(governance::WriteCheckpointFile(session.key_dir, head));
  }
  return head;
}

Status RunGovernanceWrite(const store::LocateOptions& where,
                          const std::optional<std::string>& actor, GovernanceWriteResult* out,
                          const GovernanceBody& body) {
  return RunGovernanceWrite(where, actor, out, {}, body);
}

Status RunGovernanceWrite(const store::LocateOptions& where,
                          const std::optional<std::string>& actor, GovernanceWriteResult* out,
                          const std::function<Status(const store::Workspace&)>& prepare,
                          const GovernanceBody& body) {
  AIRM_ASSIGN_OR_RETURN(GovernanceSession session, OpenGovernanceSession(where, actor));
  out->actor = session.actor;
  if (prepare) AIRM_RETURN_IF_ERROR(prepare(session.opened.workspace));
  AIRM_ASSIGN_OR_RETURN(out->audit_head, CommitGovernanceWrite(session, body));
  return Status::Ok();
}

Result<governance::RiskMatrix> LoadRiskMatrix(const std::string& path,
                                              const store::Workspace& workspace) {
  std::string file = path;
  if (file.empty() && !workspace.root.empty()) {
    const std::filesystem::path candidate = std::filesystem::path(workspace.root) / kRiskMatrixFile;
    std::error_code ec;
    if (std::filesystem::exists(candidate, ec)) file = candidate.string();
  }
  if (file.empty()) return governance::RiskMatrix::Default();
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(file, "risk matrix"));
  return governance::ParseRiskMatrix(text, file);
}

}  // namespace airm::usecases::internal
