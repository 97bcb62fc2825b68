// The governance commands' text summaries, rendered from use-case result
// structs: each line says the fact the command changed or found.
#include "airm/report/governance_text.h"

#include <gtest/gtest.h>

namespace airm::report {
namespace {

governance::Risk SampleRisk() {
  return governance::Risk{.id = 1,
                          .system = "credit-scoring",
                          .title = "Disparate approval rates",
                          .category = "bias",
                          .inherent_likelihood = 4,
                          .inherent_impact = 4,
                          .residual_likelihood = 2,
                          .residual_impact = 4,
                          .treatment = "mitigate",
                          .owner = "Dana",
                          .due_date = "2027-03-31",
                          .status = "in-progress"};
}

TEST(GovernanceTextTest, RiskRatingNamesInherentAndResidualOnTheMatrix) {
  EXPECT_EQ(RiskRatingText(SampleRisk(), governance::RiskMatrix::Default()),
            "inherent high (4x4), residual medium (2x4)");
  governance::Risk unassessed = SampleRisk();
  unassessed.residual_likelihood.reset();
  EXPECT_EQ(RiskRatingText(unassessed, governance::RiskMatrix::Default()), "inherent high (4x4)");
}

TEST(GovernanceTextTest, RegisterListsEachRiskThenItsFindings) {
  usecases::RiskRegister reg;
  reg.risks = {SampleRisk()};
  reg.matrix = governance::RiskMatrix::Default();
  Finding overdue;
  overdue.severity = Severity::kWarn;
  overdue.code = "risk.overdue";
  overdue.message = "R-001 is overdue";
  reg.findings.push_back(overdue);
  const std::string text = RiskRegisterText(reg);
  EXPECT_NE(text.find("R-001  credit-scoring  bias  Disparate approval rates  inherent high (4x4)"
                      ", residual medium (2x4)  in-progress  owner Dana  due 2027-03-31\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("  warn  risk.overdue  R-001 is overdue\n"), std::string::npos) << text;
  EXPECT_EQ(RiskRegisterText({}), "the risk register is empty\n");
}

TEST(GovernanceTextTest, UpdateListsTheChangedFields) {
  usecases::RiskWritten w;
  w.risk = SampleRisk();
  w.matrix = governance::RiskMatrix::Default();
  w.changed = {"status", "residual_likelihood"};
  EXPECT_EQ(RiskUpdatedText(w),
            "updated R-001 (status, residual_likelihood): in-progress, inherent high (4x4), "
            "residual medium (2x4)\n");
}

TEST(GovernanceTextTest, AuditVerificationSaysIntactOrNamesTheFirstBadEntry) {
  usecases::AuditVerified ok;
  ok.verification.entries = 5;
  ok.verification.tree_heads = 5;
  ok.verification.root_hex = "ab12";
  EXPECT_EQ(AuditVerificationText(ok),
            "audit log intact: 5 entries, 5 signed tree heads, root ab12\n");
  usecases::AuditVerified bad = ok;
  bad.verification.problems.push_back({.seq = 3, .kind = "modified", .message = "entry 3 changed"});
  EXPECT_EQ(AuditVerificationText(bad),
            "audit log TAMPERED: first bad entry 3\n  modified: entry 3 changed\n");
}

TEST(GovernanceTextTest, ActorLineSaysWhereTheNameCameFrom) {
  EXPECT_EQ(ActorText({.name = "alice", .source = "--actor"}),
            "airm: actor: alice (from --actor)\n");
}

}  // namespace
}  // namespace airm::report
