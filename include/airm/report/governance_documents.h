// Documents of the governance commands. JSON documents start with the common
// header (kind, schema_version "1.0", airm_version, generated_at, command)
// and carry their findings; shapes are in docs/governance.md. The risk
// register also renders as CSV for enterprise GRC tools.
#pragma once

#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/actor.h"
#include "airm/governance/audit_log.h"
#include "airm/governance/reviews.h"
#include "airm/governance/system_view.h"
#include "airm/report.h"

namespace airm::governance {

// "ai_system_inventory": systems [...], findings.
std::string RenderInventoryJson(const std::vector<SystemView>& systems,
                                const std::vector<Finding>& findings, const RiskMatrix& matrix,
                                const ReportMeta& meta);
// `kind` "ai_system" (show) or the write's kind ("system_added", "system_linked",
// "system_classified"); `actor` / `head` null for reads.
std::string RenderSystemJson(const char* kind, const SystemView& system, const RiskMatrix& matrix,
                             const Actor* actor, const TreeHead* head,
                             const std::vector<Finding>& findings, const ReportMeta& meta);
// "risk_added" / "risk_updated": risk, changed, actor, audit, findings.
std::string RenderRiskWriteJson(const char* kind, const Risk& risk, const RiskMatrix& matrix,
                                const std::vector<std::string>& changed, const Actor& actor,
                                const TreeHead& head, const std::vector<Finding>& findings,
                                const ReportMeta& meta);
// "risk_register": matrix, risks [...], findings.
std::string RenderRiskRegisterJson(const std::vector<Risk>& risks, const RiskMatrix& matrix,
                                   const std::vector<Finding>& findings, const ReportMeta& meta);

// The register as RFC 4180 CSV with a header row; the columns are
// kRiskCsvColumns. Cells that a spreadsheet would run as a formula (leading
// = + - @ tab or CR) get a leading apostrophe (OWASP CSV-injection advice).
std::string RenderRiskRegisterCsv(const std::vector<Risk>& risks, const RiskMatrix& matrix);
inline constexpr const char* kRiskCsvColumns[] = {"Risk ID",
                                                  "Title",
                                                  "Description",
                                                  "Category",
                                                  "AI System",
                                                  "Risk Owner",
                                                  "Inherent Likelihood",
                                                  "Inherent Impact",
                                                  "Inherent Score",
                                                  "Inherent Rating",
                                                  "Controls",
                                                  "Treatment",
                                                  "Residual Likelihood",
                                                  "Residual Impact",
                                                  "Residual Score",
                                                  "Residual Rating",
                                                  "Due Date",
                                                  "Status",
                                                  "Created",
                                                  "Created By",
                                                  "Last Updated",
                                                  "Updated By",
                                                  "Source"};

// "review_board" (board add): name, quorum, seats, actor, audit.
std::string RenderBoardJson(const ReviewBoard& board, const Actor& actor, const TreeHead& head,
                            const ReportMeta& meta);
// "review_status" / "review_decision": board, model {ref, artifact_digest,
// registered_by}, state, approved / missing functions, current and stale
// sign-offs, the new sign-off (decision only), actor, audit, findings.
std::string RenderReviewJson(const char* kind, const ReviewBoard& board,
                             const store::ModelVersion& model, const ReviewState& state,
                             const SignOff* signoff, const Actor* actor, const TreeHead* head,
                             const ReportMeta& meta);
// "review_queue": reviews [{board, model, state, approved / missing
// functions, current and stale sign-offs, findings}], one per board × model.
std::string RenderReviewQueueJson(const std::vector<BoardReview>& reviews, const ReportMeta& meta);

// "audit_verification": ok, entries, tree_heads, root, public_key,
// checkpoint_checked, first_bad_entry, problems, findings.
std::string RenderAuditVerificationJson(const AuditVerification& v,
                                        const std::vector<Finding>& findings,
                                        const ReportMeta& meta);
// "audit_inclusion_proof": everything a third party needs to check it
// (RFC 6962 leaf index, tree size, audit path, signed checkpoint, key).
std::string RenderInclusionProofJson(const InclusionProof& proof, const std::string& public_key,
                                     const ReportMeta& meta);
// "audit_export": public_key, entries [{seq, entry, leaf_hash}], tree_heads,
// verification.
std::string RenderAuditExportJson(const AuditLogSnapshot& log, const AuditVerification& v,
                                  const ReportMeta& meta);

}  // namespace airm::governance
