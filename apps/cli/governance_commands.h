// The governance commands: `airm system add|list|show|link|classify`,
// `airm risk add|list|update|export`, `airm board add`, `airm review decide|status`,
// `airm audit verify|proof|export`, `airm framework controls|coverage`, `airm escalation status`,
// `airm evidence add`, `airm incident open|close|list`, `airm risk reassess`.
// They share the store commands' --store and --json flags, take the acting person from --actor
// (else airm.yaml's `actor:`, else the OS user) and only translate: the work is in airm::usecases
// (governance_*.h). Exit codes: 0 ok, 1 a requested gate (--fail-on-unlinked), a failed audit
// verification or a review that is not approved (`review status`), 2 usage or input error (nothing
// is changed), 3 internal.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store_cli.h"

namespace airm::cli {

void AddGovernanceCommands(CLI::App* app, StoreCommandSet* set);

void AddSystemCommands(CLI::App* system, StoreCommandSet* set);
void AddRiskCommands(CLI::App* risk, StoreCommandSet* set);
void AddRiskReassessCommand(CLI::App* risk, StoreCommandSet* set);
void AddAuditCommands(CLI::App* audit, StoreCommandSet* set);
void AddBoardCommands(CLI::App* board, StoreCommandSet* set);
void AddReviewCommands(CLI::App* review, StoreCommandSet* set);
void AddFrameworkCommands(CLI::App* framework, StoreCommandSet* set);
void AddEscalationCommands(CLI::App* escalation, StoreCommandSet* set);
void AddEvidenceCommands(CLI::App* evidence, StoreCommandSet* set);
void AddIncidentCommands(CLI::App* incident, StoreCommandSet* set);

// --actor NAME on a write command.
struct ActorFlag {
  std::string name;
  std::vector<CLI::Option*> options;  // one per subcommand sharing the flag
  std::optional<std::string> Get() const;
};
void AddActorFlag(CLI::App* sub, ActorFlag* flag);

}  // namespace airm::cli
