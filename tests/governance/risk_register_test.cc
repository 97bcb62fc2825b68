// The risk register: the default and a configured 5 × 5 matrix, validation
// naming flags, findings, and the CSV a GRC tool imports.
#include "airm/governance/risk_register.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/report/governance_documents.h"

namespace airm::governance {
namespace {

using ::testing::HasSubstr;

Risk Sample() {
  Risk r;
  r.id = 7;
  r.system = "credit-scoring";
  r.title = "Disparate approval rates";
  r.category = "bias";
  r.inherent_likelihood = 4;
  r.inherent_impact = 5;
  r.treatment = "mitigate";
  r.owner = "Dana";
  return r;
}

TEST(RiskMatrix, DefaultRatesTheScore) {
  RiskMatrix m = RiskMatrix::Default();
  EXPECT_EQ(m.Rating(1, 4), "low");
  EXPECT_EQ(m.Rating(5, 1), "medium");
  EXPECT_EQ(m.Rating(3, 3), "medium");
  EXPECT_EQ(m.Rating(2, 5), "high");
  EXPECT_EQ(m.Rating(4, 4), "high");
  EXPECT_EQ(m.Rating(4, 5), "critical");
}

TEST(RiskMatrix, ConfiguredMatrixIsReadRowByLikelihood) {
  auto m = ParseRiskMatrix(
      "ratings:\n"
      "  - [a, a, a, a, b]\n"
      "  - [a, a, a, b, b]\n"
      "  - [a, a, b, b, c]\n"
      "  - [a, b, b, c, c]\n"
      "  - [b, b, c, c, extreme]\n",
      "m.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->Rating(5, 5), "extreme");
  EXPECT_EQ(m->Rating(1, 5), "b");
  EXPECT_EQ(m->Rating(5, 1), "b");
  EXPECT_EQ(m->source, "m.yaml");
}

TEST(RiskMatrix, MalformedMatrixNamesLine) {
  auto m = ParseRiskMatrix("ratings:\n  - [a, a, a, a, b]\n  - [a, a]\n  - []\n  - []\n  - []\n",
                           "m.yaml");
  ASSERT_FALSE(m.ok());
  EXPECT_THAT(m.status().message(), HasSubstr("m.yaml:3: ratings row 2 must list five ratings"));
}

TEST(Risk, ValidationNamesTheFlag) {
  Risk r = Sample();
  EXPECT_TRUE(ValidateRisk(r).ok());
  r.category = "vibes";
  EXPECT_THAT(ValidateRisk(r).message(), HasSubstr("--category 'vibes': expected one of bias"));
  r = Sample();
  r.inherent_impact = 6;
  EXPECT_THAT(ValidateRisk(r).message(), HasSubstr("--impact 6: expected 1 to 5"));
  r = Sample();
  r.residual_likelihood = 2;
  EXPECT_THAT(ValidateRisk(r).message(), HasSubstr("go together"));
  r = Sample();
  r.due_date = "2026-02-30";
  EXPECT_THAT(ValidateRisk(r).message(), HasSubstr("--due '2026-02-30'"));
  EXPECT_EQ(r.Key(), "R-007");
}

TEST(Risk, IdParsing) {
  EXPECT_EQ(*ParseRiskId("R-012"), 12);
  EXPECT_EQ(*ParseRiskId("12"), 12);
  EXPECT_FALSE(ParseRiskId("R-").ok());
  EXPECT_FALSE(ParseRiskId("x1").ok());
}

TEST(Risk, FindingsForOverdueAndResidual) {
  Risk overdue = Sample();
  overdue.due_date = "2026-01-01";
  Risk closed = overdue;
  closed.id = 8;
  closed.status = "closed";
  closed.residual_likelihood = 5;
  closed.residual_impact = 5;
  std::vector<Finding> f = RiskFindings({overdue, closed}, RiskMatrix::Default(), "2026-06-01");
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].code, "risk.overdue");
  EXPECT_EQ(f[0].subject, "R-007");
  EXPECT_EQ(f[1].code, "risk.residual_above_inherent");
  EXPECT_EQ(f[1].subject, "R-008");
  EXPECT_EQ(f[2].code, "risk.residual_unassessed");
  EXPECT_TRUE(RiskFindings({overdue}, RiskMatrix::Default(), "2025-12-31").size() == 1);
}

TEST(RiskCsv, HeaderQuotingAndFormulaGuard) {
  Risk r = Sample();
  r.title = "=HYPERLINK(\"x\")";
  r.description = "line one\nline two, with comma";
  r.controls = {"quarterly review", "human sign-off"};
  r.residual_likelihood = 2;
  r.residual_impact = 5;
  r.due_date = "2026-03-31";
  const std::string csv = RenderRiskRegisterCsv({r}, RiskMatrix::Default());
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "Risk ID,Title,Description,Category,AI System,Risk Owner,Inherent Likelihood,"
            "Inherent Impact,Inherent Score,Inherent Rating,Controls,Treatment,Residual "
            "Likelihood,Residual Impact,Residual Score,Residual Rating,Due Date,Status,Created,"
            "Created By,Last Updated,Updated By,Source");
  EXPECT_THAT(csv,
              HasSubstr("R-007,\"'=HYPERLINK(\"\"x\"\")\",\"line one\nline two, with comma\","
                        "bias,credit-scoring,Dana,4,5,20,critical,"
                        "quarterly review; human sign-off,mitigate,2,5,10,high,2026-03-31,open"));
}

}  // namespace
}  // namespace airm::governance
