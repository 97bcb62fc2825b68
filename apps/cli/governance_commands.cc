#include "governance_commands.h"

namespace airm::cli {

void AddGovernanceCommands(CLI::App* app, StoreCommandSet* set) {
  AddSystemCommands(
      CommandGroup(app, "system", "The AI-system inventory: add, list, show, link, classify"), set);
  CLI::App* risk =
      CommandGroup(app, "risk", "The AI risk register: add, list, update, export, reassess");
  AddRiskCommands(risk, set);
  AddRiskReassessCommand(risk, set);
  AddIncidentCommands(CommandGroup(app, "incident", "The incident register: open, close, list"),
                      set);
  AddBoardCommands(CommandGroup(app, "board", "Review boards: seats by function, quorum"), set);
  AddReviewCommands(
      CommandGroup(app, "review", "Approve or reject model versions; the state of a review"), set);
  AddFrameworkCommands(
      CommandGroup(app, "framework",
                   "Control library and coverage of NIST AI RMF, ISO 42001, EU AI Act"),
      set);
  AddEvidenceCommands(
      CommandGroup(app, "evidence", "Manual evidence of controls: documents, policies, DPIAs"),
      set);
  AddEscalationCommands(
      CommandGroup(app, "escalation", "Overdue governance items and their escalation (SLA)"), set);
  AddAuditCommands(
      CommandGroup(app, "audit", "The tamper-evident audit log: verify, proof, export"), set);
}

std::optional<std::string> ActorFlag::Get() const {
  for (const CLI::Option* option : options) {
    if (option->count() > 0) return name;
  }
  return std::nullopt;
}

void AddActorFlag(CLI::App* sub, ActorFlag* flag) {
  flag->options.push_back(sub->add_option(
      "--actor", flag->name,
      "Who is acting (default: airm.yaml's actor, else the operating-system user)"));
}

}  // namespace airm::cli
