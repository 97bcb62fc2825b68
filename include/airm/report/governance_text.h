// The governance commands' human-readable summaries (printed when --json does
// not take stdout), rendered from the same use-case result structs as their
// JSON documents (airm/report/governance_documents.h). Plain text, one line per fact;
// user text is not escaped here (the face's stdout passes through
// TerminalSafe).
#pragma once

#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/actor.h"
#include "airm/usecases/governance_audit.h"
#include "airm/usecases/governance_reviews.h"
#include "airm/usecases/governance_risks.h"
#include "airm/usecases/governance_systems.h"

namespace airm::report {

// "  warn  inventory.unlinked_model  …", one line per finding, as listed.
std::string GovernanceFindingsText(const std::vector<Finding>& findings);
// "airm: actor: NAME (from SOURCE)\n", for stderr so --json - keeps stdout clean.
std::string ActorText(const governance::Actor& actor);

// airm system add | link | classify | list | show.
std::string SystemAddedText(const usecases::SystemAdded& added);
std::string SystemLinkedText(const usecases::SystemLinked& linked);
std::string SystemClassifiedText(const usecases::SystemClassified& classified);
std::string InventoryText(const usecases::SystemInventory& inventory);
std::string SystemDetailText(const usecases::SystemShown& shown);

// "inherent high (4x4), residual medium (2x4)" on the register's matrix.
std::string RiskRatingText(const governance::Risk& risk, const governance::RiskMatrix& matrix);
// airm risk add | update | list (export prints only a count, to stderr).
std::string RiskAddedText(const usecases::RiskWritten& added);
std::string RiskUpdatedText(const usecases::RiskWritten& updated);
std::string RiskRegisterText(const usecases::RiskRegister& reg);
std::string RiskExportedText(const usecases::RiskRegister& reg);

// airm board add, airm review decide | status.
std::string BoardAddedText(const usecases::BoardAdded& added);
std::string ReviewDecidedText(const usecases::ReviewDecided& decided);
std::string ReviewStatusText(const usecases::ReviewStatus& status);

// airm audit verify | proof (export prints only a count, to stderr).
std::string AuditVerificationText(const usecases::AuditVerified& verified);
std::string InclusionProofText(const governance::InclusionProof& proof);
std::string AuditExportedText(const usecases::AuditExport& exported);

}  // namespace airm::report
