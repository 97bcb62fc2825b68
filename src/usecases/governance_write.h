// What every governance write use case does around its own change: open the
// store, resolve the acting person, load (or make) the workspace's audit key,
// run the change and its audit entries in one write transaction, then write
// the checkpoint file beside the store.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "airm/governance/actor.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/risk_register.h"
#include "airm/governance/signing.h"
#include "airm/usecases/governance_systems.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases::internal {

struct GovernanceSession {
  OpenedStore opened;
  governance::Actor actor;
  std::string key_dir;  // the directory holding the store file
};

// The directory of the workspace's store file (keys and checkpoint live there).
std::string AuditKeyDir(const store::Workspace& workspace);

Result<GovernanceSession> OpenGovernanceSession(const store::LocateOptions& where,
                                                const std::optional<std::string>& actor);

// Stamps `events` with `actor` and appends them to the audit log in `tx`,
// signed with `key`; *head becomes the head after the last (unchanged when
// `events` is empty). For a use case that writes a governance record inside a
// transaction of its own (the monitor run's window and its incidents).
Status AppendAuditEvents(store::Database& tx, const governance::SigningKey& key,
                         const governance::Actor& actor, std::vector<governance::AuditEvent> events,
                         governance::TreeHead* head);

// Runs `body` in one write transaction, appends the audit events it returns
// (stamped with the session's actor), signs, commits, then writes the
// checkpoint file. `body` may run more than once (lock retries).
using GovernanceBody =
    std::function<Result<std::vector<governance::AuditEvent>>(store::Database& tx)>;
Result<governance::TreeHead> CommitGovernanceWrite(GovernanceSession& session,
                                                   const GovernanceBody& body);

// The whole of a governance write: OpenGovernanceSession (the actor goes to
// out->actor, so `body` can read it), `prepare` with the workspace when
// given, then CommitGovernanceWrite (the signed head goes to out->audit_head).
Status RunGovernanceWrite(const store::LocateOptions& where,
                          const std::optional<std::string>& actor, GovernanceWriteResult* out,
                          const GovernanceBody& body);
Status RunGovernanceWrite(const store::LocateOptions& where,
                          const std::optional<std::string>& actor, GovernanceWriteResult* out,
                          const std::function<Status(const store::Workspace&)>& prepare,
                          const GovernanceBody& body);

// The rating matrix: `path` when given, else DIR/risk-matrix.yaml of the
// workspace when it exists, else the default.
Result<governance::RiskMatrix> LoadRiskMatrix(const std::string& path,
                                              const store::Workspace& workspace);
inline constexpr const char* kRiskMatrixFile = "risk-matrix.yaml";

}  // namespace airm::usecases::internal
