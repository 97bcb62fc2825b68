// Escalation rules: overdue within grace stays with the owner, past grace it
// goes to the owner's manager, else to default_to, else it is unassigned; a
// malformed `escalation:` key names the file, line and key.
#include "airm/governance/escalation.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::governance {
namespace {

using ::testing::HasSubstr;

DueItem RiskItem(std::string due, std::string owner = "Dana") {
  return {.kind = "risk",
          .subject = "risk:R-001",
          .system = "credit",
          .owner = std::move(owner),
          .due = std::move(due),
          .what = "bias"};
}

TEST(Escalation, NotYetDueIsNothing) {
  EscalationReport r = EvaluateEscalations({}, {RiskItem("2026-12-07")}, "2026-12-07");
  EXPECT_EQ(r.overdue, 0);
  EXPECT_TRUE(r.escalations.empty());
  EXPECT_TRUE(r.findings.empty());
}

TEST(Escalation, PastGraceGoesToTheManagerElseDefault) {
  EscalationConfig c{.default_to = "risk-officer", .managers = {{"Dana", "Erin"}}};
  c.risk_grace_days = 3;
  EscalationReport within = EvaluateEscalations(c, {RiskItem("2026-12-04")}, "2026-12-07");
  ASSERT_EQ(within.escalations.size(), 1u);
  EXPECT_EQ(within.escalations[0].level, "owner");
  EXPECT_EQ(within.escalations[0].days_overdue, 3);
  EXPECT_EQ(within.escalated, 0);
  EXPECT_EQ(within.findings[0].code, "escalation.overdue");

  EscalationReport past =
      EvaluateEscalations(c, {RiskItem("2026-12-03"), RiskItem("2026-11-01", "Bob")}, "2026-12-07");
  ASSERT_EQ(past.escalations.size(), 2u);
  EXPECT_EQ(past.escalated, 2);
  // Most days overdue first.
  EXPECT_EQ(past.escalations[0].item.owner, "Bob");
  EXPECT_EQ(past.escalations[0].escalate_to, "risk-officer");
  EXPECT_EQ(past.escalations[0].rule, "default_to");
  EXPECT_EQ(past.escalations[0].days_overdue, 36);
  EXPECT_EQ(past.escalations[1].escalate_to, "Erin");
  EXPECT_EQ(past.escalations[1].rule, "managers");
  EXPECT_EQ(past.findings[0].severity, Severity::kFail);
  EXPECT_THAT(past.findings[0].message, HasSubstr("escalated to"));
}

TEST(Escalation, NobodyConfiguredIsUnassignedAndSaysSo) {
  EscalationReport r = EvaluateEscalations({}, {RiskItem("2026-12-01")}, "2026-12-07");
  ASSERT_EQ(r.escalations.size(), 1u);
  EXPECT_EQ(r.escalations[0].rule, "unassigned");
  EXPECT_EQ(r.escalations[0].escalate_to, "");
  bool unassigned = false;
  for (const Finding& f : r.findings) unassigned |= f.code == "escalation.unassigned";
  EXPECT_TRUE(unassigned);
}

TEST(Escalation, LateReviewsGoToDefaultNotToAManager) {
  EscalationConfig c{.default_to = "board-chair", .managers = {{"", "someone"}}};
  DueItem review{
      .kind = "review", .subject = "model:credit@2", .system = "credit", .due = "2026-12-01"};
  EscalationReport r = EvaluateEscalations(c, {review}, "2026-12-02");
  ASSERT_EQ(r.escalations.size(), 1u);
  EXPECT_EQ(r.escalations[0].escalate_to, "board-chair");
}

TEST(Escalation, ConfigParsesAndRefusesBadKeysWithTheLine) {
  auto ok = ParseEscalationConfig(
      "name: ws\nescalation:\n  default_to: risk-officer\n  managers: {Dana: Erin}\n"
      "  review_sla_days: 10\n",
      "airm.yaml");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->default_to, "risk-officer");
  EXPECT_EQ(ok->managers.at("Dana"), "Erin");
  EXPECT_EQ(ok->review_sla_days, 10);
  EXPECT_EQ(ok->source, "airm.yaml");

  auto absent = ParseEscalationConfig("name: ws\n", "airm.yaml");
  ASSERT_TRUE(absent.ok());
  EXPECT_EQ(absent->review_sla_days, 14);
  EXPECT_EQ(absent->source, "default");

  auto unknown = ParseEscalationConfig("escalation:\n  chair: x\n", "airm.yaml");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kParseError);
  EXPECT_THAT(unknown.status().message(),
              HasSubstr("airm.yaml:2: escalation: unknown key 'chair'"));

  auto negative = ParseEscalationConfig("escalation:\n  risk_grace_days: -1\n", "airm.yaml");
  ASSERT_FALSE(negative.ok());
  EXPECT_THAT(negative.status().message(),
              HasSubstr("airm.yaml:2: escalation.risk_grace_days: expected a whole number"));
}

TEST(Escalation, TheChainTakesOverStepByStepPastTheGrace) {
  EscalationConfig c{.default_to = "risk-officer", .managers = {{"Dana", "Erin"}}};
  c.risk_grace_days = 2;
  c.chain = {{.to = "cro", .after_days = 3}, {.to = "board-chair", .after_days = 10}};
  auto at = [&](const std::string& today) {
    EscalationReport r = EvaluateEscalations(c, {RiskItem("2026-12-01")}, today);
    EXPECT_EQ(r.escalations.size(), 1u);
    return r.escalations.empty() ? Escalation{} : r.escalations[0];
  };
  EXPECT_EQ(at("2026-12-03").step, 0);  // 2 days: within the grace
  Escalation first = at("2026-12-06");  // 5 days, 3 past the grace: not more than 3
  EXPECT_EQ(first.step, 1);
  EXPECT_EQ(first.escalate_to, "Erin");
  Escalation second = at("2026-12-07");  // 4 past the grace
  EXPECT_EQ(second.step, 2);
  EXPECT_EQ(second.escalate_to, "cro");
  EXPECT_EQ(second.rule, "chain");
  Escalation third = at("2026-12-14");  // 11 past the grace
  EXPECT_EQ(third.step, 3);
  EXPECT_EQ(third.escalate_to, "board-chair");
}

TEST(Escalation, ChainAndAlertSlaParseAndBadStepsNameTheLine) {
  auto ok = ParseEscalationConfig(
      "escalation:\n  alert_sla_days: 2\n  chain:\n    - {to: cro, after_days: 3}\n"
      "    - {to: board, after_days: 9}\n",
      "airm.yaml");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->alert_sla_days, 2);
  ASSERT_EQ(ok->chain.size(), 2u);
  EXPECT_EQ(ok->chain[1].to, "board");
  EXPECT_EQ(ok->chain[1].after_days, 9);
  auto order = ParseEscalationConfig(
      "escalation:\n  chain:\n    - {to: cro, after_days: 3}\n    - {to: board, after_days: "
      "3}\n",
      "airm.yaml");
  ASSERT_FALSE(order.ok());
  EXPECT_THAT(order.status().message(), HasSubstr("airm.yaml:4"));
  EXPECT_THAT(order.status().message(),
              HasSubstr("escalation.chain[1].after_days: expected more than the step before (3)"));
  auto no_to = ParseEscalationConfig("escalation:\n  chain:\n    - {after_days: 3}\n", "y");
  ASSERT_FALSE(no_to.ok());
  EXPECT_THAT(no_to.status().message(), HasSubstr("escalation.chain[0].to"));
}

TEST(Escalation, DaysBetweenCountsCalendarDays) {
  EXPECT_EQ(DaysBetween("2024-02-28", "2024-03-01"), 2);
  EXPECT_EQ(DaysBetween("2026-12-07", "2026-12-01"), -6);
  EXPECT_FALSE(DaysBetween("2026-12-07", "soon").has_value());
}

}  // namespace
}  // namespace airm::governance
