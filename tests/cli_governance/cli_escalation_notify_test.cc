// `airm escalation notify` end to end, on SQLite and PostgreSQL: an overdue
// risk reaches its owner's manager, then the next person of the chain, by
// mail through the alerting channel of airm.yaml (a real SMTP server: Debian's
// python3-aiosmtpd, as in the alerting tests); running it again sends nothing
// twice; every notification is in the signed audit log. A critical alert
// nobody acknowledged escalates like any overdue item.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "airm/store/alert_episodes.h"
#include "alerting/receivers.h"
#include "governance_backend_test.h"

namespace airm::cli_store_test {
namespace {

namespace receivers = airm::alerting::testing;

class EscalationNotifyTest : public GovernanceBackendTest {
 protected:
  void SetUp() override {
    GovernanceBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    if (!receivers::HaveAiosmtpd()) GTEST_SKIP() << "python3-aiosmtpd is not installed";
    auto smtp = receivers::SmtpReceiver::Start(dir_ / "smtp", {});
    ASSERT_TRUE(smtp.ok()) << smtp.status().ToString();
    smtp_ = std::move(smtp).value();
    ASSERT_EQ(AddSystem().exit_code, 0);
    ASSERT_EQ(Run("system link credit-scoring --model credit").exit_code, 0);
    ASSERT_EQ(Run("risk add --system credit-scoring --title 'Disparate approval rates' "
                  "--category bias --likelihood 4 --impact 4 --treatment mitigate "
                  "--owner 'Dana Risk' --due 2026-11-30")
                  .exit_code,
              0);
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "alerting:\n  channels:\n    - {name: mail, type: email, host: 127.0.0.1, port: "
         << smtp_->port()
         << ", security: none, from: airm@example.org, to: [risk@example.org]}\n"
            "escalation:\n  managers: {Dana Risk: Erin Boss}\n  risk_grace_days: 2\n"
            "  chain:\n    - {to: board-chair, after_days: 7}\n";
  }

  json Notify(const std::string& today) const {
    RunResult r = Run("escalation notify --today " + today + " --actor cron --json -");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.Json();
  }

  std::unique_ptr<receivers::SmtpReceiver> smtp_;
};

TEST_P(EscalationNotifyTest, OverdueRiskClimbsTheChainOneMailPerStep) {
  // Not yet due: nothing to send.
  json early = Notify("2026-11-30");
  EXPECT_EQ(early["summary"]["notices"], 0);
  EXPECT_TRUE(smtp_->Messages().empty());

  // Within the grace: the owner hears first.
  json owner = Notify("2026-12-01");
  ASSERT_EQ(owner["notices"].size(), 1u) << owner;
  EXPECT_EQ(owner["notices"][0]["recipient"], "Dana Risk");
  EXPECT_EQ(owner["notices"][0]["step"], 0);
  EXPECT_EQ(owner["summary"]["delivered"], 1);

  // Past the grace: the owner's manager; again the same day sends nothing.
  json manager = Notify("2026-12-05");
  EXPECT_EQ(manager["notices"][0]["recipient"], "Erin Boss");
  EXPECT_EQ(manager["notices"][0]["step"], 1);
  EXPECT_EQ(manager["summary"]["queued_now"], 1);
  json again = Notify("2026-12-05");
  EXPECT_EQ(again["summary"]["queued_now"], 0);
  EXPECT_EQ(again["notices"][0]["queued_now"], false);
  EXPECT_EQ(again["summary"]["delivered"], 0);

  // More than 7 days past the grace: the chain's next step.
  json board = Notify("2026-12-10");
  EXPECT_EQ(board["notices"][0]["recipient"], "board-chair");
  EXPECT_EQ(board["notices"][0]["step"], 2);

  const auto messages = smtp_->Messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0]["rcpt_tos"], json::array({"risk@example.org"}));
  const std::string first = messages[0]["data"];
  EXPECT_NE(first.find("escalation risk:R-001 (credit-scoring)"), std::string::npos) << first;
  EXPECT_NE(first.find("with its owner Dana Risk"), std::string::npos) << first;
  EXPECT_NE(messages[1]["data"].get<std::string>().find("escalated to Erin Boss (step 1)"),
            std::string::npos);
  EXPECT_NE(messages[2]["data"].get<std::string>().find("escalated to board-chair (step 2)"),
            std::string::npos);

  // Each notification is an audit entry by the acting person; the log verifies.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_entries WHERE " + EntryField("action") +
                     " = 'escalation.notify'"),
            3);
  EXPECT_EQ(QueryText("SELECT " + EntryField("details.recipient") + " FROM audit_entries WHERE " +
                      EntryField("action") + " = 'escalation.notify' ORDER BY seq DESC"),
            "board-chair");
  EXPECT_EQ(QueryText("SELECT " + EntryField("actor") + " FROM audit_entries WHERE " +
                      EntryField("action") + " = 'escalation.notify'"),
            "cron");
  EXPECT_EQ(Run("audit verify").exit_code, 0);
  // The status shows the same step.
  json status = Run("escalation status --today 2026-12-10 --json -").Json();
  EXPECT_EQ(status["escalations"][0]["escalate_to"], "board-chair");
  EXPECT_EQ(status["escalations"][0]["rule"], "chain");
}

// A critical alert on the system's model that nobody acknowledges escalates
// after alert_sla_days; acknowledged, it no longer does. The episode is
// written through the store function the monitor run uses.
TEST_P(EscalationNotifyTest, UnacknowledgedCriticalAlertEscalatesUntilAcknowledged) {
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "monitors:\n  - name: weekly\n    model: credit@1\n    reference: {file: "
         << Example("reference.csv")
         << "}\n    current: {files: \"batches/*.csv\", timestamp: ts}\n"
            "    start: 2026-11-02\n    schedules: [{every: week, analysis: drift}]\n"
            "    alerts:\n      - {name: input-drift, when: drift, severity: critical}\n";
  }
  {
    auto db = airm::testing::OpenStoreLocation(location_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto saved = store::SaveAlertEpisode(**db, {.episode_uid = "ep-critical-0001",
                                                .monitor = "weekly",
                                                .schedule = "week",
                                                .alert = "input-drift",
                                                .severity = "critical",
                                                .expression = "drift",
                                                .state = "firing",
                                                .consecutive = 1,
                                                .first_window_start = "2026-11-23T00:00:00Z",
                                                .last_window_end = "2026-11-30T00:00:00Z",
                                                .fired_window_end = "2026-11-30T00:00:00Z",
                                                .created_at = "2026-11-30T00:00:00Z"});
    ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  }
  // The risk (due 2026-11-30) is within its grace on 2026-12-02; the alert,
  // fired on 2026-11-30 with a one-day SLA, is past it: to the owner's manager.
  RunResult r = Run("escalation status --today 2026-12-02 --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  json alert = Find(doc["escalations"], "kind", "alert");
  EXPECT_EQ(alert["subject"], "alert:ep-critical-0001");
  EXPECT_EQ(alert["level"], "escalated");
  EXPECT_EQ(alert["escalate_to"], "Erin Boss");
  EXPECT_NE(alert["what"].get<std::string>().find("critical alert input-drift of monitor weekly"),
            std::string::npos);
  json sent = Notify("2026-12-02");
  EXPECT_EQ(Find(sent["notices"], "subject", "alert:ep-critical-0001")["recipient"], "Erin Boss");

  ASSERT_EQ(Run("alerts ack ep-critical-0001 --by alice").exit_code, 0);
  json acked = Run("escalation status --today 2026-12-02 --json -").Json();
  for (const json& e : acked["escalations"]) EXPECT_NE(e["kind"], "alert") << e;
}

TEST_P(EscalationNotifyTest, WithoutChannelsOrWithAnUnknownOneExitsTwo) {
  RunResult unknown = Run("escalation notify --channel pager");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("--channel 'pager': no such channel"), std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("known: mail"), std::string::npos) << unknown.err;
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "  alert_sla_days: soon\n";
  }
  RunResult bad = Run("escalation notify");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("escalation.alert_sla_days: expected a whole number"), std::string::npos)
      << bad.err;
  EXPECT_TRUE(smtp_->Messages().empty());
}

}  // namespace

AIRM_INSTANTIATE_STORE_BACKENDS(EscalationNotifyTest);

}  // namespace airm::cli_store_test
