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

// airm.yaml's `people:` directory: each notification goes to the address of
// whoever holds the item now — the risk owner (named in the store by an alias),
// the owner's manager, the chain's next role — and not to the channel's own
// `to`; the notice, the JSON and the audit entry say whom it was addressed to.
TEST_P(EscalationNotifyTest, PeopleDirectoryAddressesEachMailToWhoeverHoldsTheItem) {
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "people:\n"
            "  dana: {aliases: [Dana Risk], email: dana@example.org}\n"
            "  erin: {aliases: [Erin Boss], email: erin@example.org}\n"
            "  board-chair: {email: chair@example.org}\n";
  }
  json owner = Notify("2026-12-01");
  ASSERT_EQ(owner["notices"].size(), 1u) << owner;
  EXPECT_EQ(owner["notices"][0]["recipient"], "Dana Risk");
  EXPECT_EQ(owner["notices"][0]["person"]["id"], "dana");
  EXPECT_EQ(owner["notices"][0]["person"]["email"], "dana@example.org");
  json manager = Notify("2026-12-05");
  EXPECT_EQ(manager["notices"][0]["person"]["id"], "erin");
  json board = Notify("2026-12-10");
  EXPECT_EQ(board["notices"][0]["person"]["email"], "chair@example.org");

  const auto messages = smtp_->Messages();
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0]["rcpt_tos"], json::array({"dana@example.org"}));
  EXPECT_EQ(messages[1]["rcpt_tos"], json::array({"erin@example.org"}));
  EXPECT_EQ(messages[2]["rcpt_tos"], json::array({"chair@example.org"}));
  const std::string second = messages[1]["data"];
  EXPECT_NE(second.find("To: erin@example.org"), std::string::npos) << second;
  EXPECT_NE(second.find("escalated to Erin Boss (step 1)"), std::string::npos) << second;
  EXPECT_EQ(QueryText("SELECT " + EntryField("details.email") + " FROM audit_entries WHERE " +
                      EntryField("action") + " = 'escalation.notify' ORDER BY seq DESC"),
            "chair@example.org");
  json status = Run("escalation status --today 2026-12-10 --json -").Json();
  EXPECT_EQ(status["people"].size(), 3u);
  EXPECT_EQ(status["people"][0]["aliases"], json::array({"Dana Risk"}));
  for (const json& f : status["findings"]) EXPECT_NE(f["code"], "escalation.unknown_person") << f;
}

// A role held by a person is an alias of that person's entry: the chain's
// `to: board-chair` reaches rita, at her address, with no entry of its own.
TEST_P(EscalationNotifyTest, ARoleWrittenAsAnAliasReachesThePersonWhoHoldsIt) {
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "people:\n"
            "  dana: {aliases: [Dana Risk], email: dana@example.org}\n"
            "  erin: {aliases: [Erin Boss], email: erin@example.org}\n"
            "  rita: {aliases: [board-chair], email: rita@example.org}\n";
  }
  RunResult status = Run("escalation status --today 2026-12-10 --json -");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  json doc = status.Json();
  ASSERT_EQ(doc["escalations"].size(), 1u) << doc;
  EXPECT_EQ(doc["escalations"][0]["escalate_to"], "board-chair");
  EXPECT_EQ(doc["escalations"][0]["rule"], "chain");
  json rita = Find(doc["people"], "id", "rita");
  EXPECT_EQ(rita["email"], "rita@example.org");
  EXPECT_EQ(rita["aliases"], json::array({"board-chair"}));
  for (const json& f : doc["findings"]) EXPECT_NE(f["code"], "escalation.unknown_person") << f;

  json board = Notify("2026-12-10");
  ASSERT_EQ(board["notices"].size(), 1u) << board;
  EXPECT_EQ(board["notices"][0]["recipient"], "board-chair");
  EXPECT_EQ(board["notices"][0]["person"]["id"], "rita");
  EXPECT_EQ(board["notices"][0]["person"]["email"], "rita@example.org");
  const auto messages = smtp_->Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["rcpt_tos"], json::array({"rita@example.org"}));
}

// Someone who holds an item but is not in `people:` is a warn finding naming
// them, and their notification still goes out, to the channel's own `to`.
TEST_P(EscalationNotifyTest, UnknownPersonIsAFindingAndTheMailFallsBackToTheChannel) {
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "people:\n"
            "  erin: {aliases: [Erin Boss], email: erin@example.org}\n"
            "  board-chair: {email: chair@example.org}\n";
  }
  json status = Run("escalation status --today 2026-12-01 --json -").Json();
  json unknown = Find(status["findings"], "code", "escalation.unknown_person");
  EXPECT_EQ(unknown["severity"], "warn");
  EXPECT_EQ(unknown["subject"], "person:Dana Risk");
  EXPECT_NE(unknown["message"].get<std::string>().find("Dana Risk holds risk:R-001 but is not in "
                                                       "people:"),
            std::string::npos)
      << unknown;
  json owner = Notify("2026-12-01");
  EXPECT_TRUE(owner["notices"][0]["person"].is_null()) << owner;
  const auto messages = smtp_->Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["rcpt_tos"], json::array({"risk@example.org"}));
}

// With a directory, a rule that sends to someone not in it is a config error:
// exit 2 naming airm.yaml's line and key, and nothing is sent.
TEST_P(EscalationNotifyTest, RuleNamingSomeoneOutsideTheDirectoryExitsTwoWithTheLine) {
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "people:\n  erin: {aliases: [Erin Boss], email: erin@example.org}\n";
  }
  int line = 0, chain_line = 0;
  {
    std::ifstream in(Workspace() + "/airm.yaml");
    for (std::string text; std::getline(in, text);) {
      ++line;
      if (text.find("{to: board-chair") != std::string::npos) chain_line = line;
    }
  }
  ASSERT_GT(chain_line, 0);
  for (const char* command : {"escalation notify --today 2026-12-10", "escalation status"}) {
    RunResult r = Run(command);
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.err.find("airm.yaml:" + std::to_string(chain_line) +
                         ": escalation.chain[0].to: 'board-chair' is not in people:"),
              std::string::npos)
        << r.err;
  }
  EXPECT_TRUE(smtp_->Messages().empty());
}

// A person's webhook: a webhook channel posts their notifications there,
// without the channel's own headers; everyone else's go to the channel's url.
TEST_P(EscalationNotifyTest, PersonalWebhookGetsTheirNoticesWithoutTheChannelsHeaders) {
  auto team = receivers::WebhookReceiver::Start();
  ASSERT_TRUE(team.ok()) << team.status().ToString();
  auto personal = receivers::WebhookReceiver::Start();
  ASSERT_TRUE(personal.ok()) << personal.status().ToString();
  {
    // The test's airm.yaml, with a webhook channel beside the mail one.
    std::ifstream in(Workspace() + "/airm.yaml");
    std::string yaml, text;
    while (std::getline(in, text)) {
      yaml += text + "\n";
      if (text == "  channels:") {
        yaml += "    - {name: hook, type: webhook, url: \"" + (*team)->url() +
                "\", headers: {X-Token: team-secret}}\n";
      }
    }
    in.close();
    std::ofstream(Workspace() + "/airm.yaml", std::ios::trunc)
        << yaml << "people:\n  dana: {aliases: [Dana Risk], email: dana@example.org}\n"
        << "  erin: {aliases: [Erin Boss], webhook: \"" << (*personal)->url() << "\"}\n"
        << "  board-chair: {email: chair@example.org}\n";
  }
  Notify("2026-12-01");  // Dana: no webhook of her own, so the team's
  Notify("2026-12-05");  // Erin: her own
  const auto to_team = (*team)->Requests();
  const auto to_erin = (*personal)->Requests();
  ASSERT_EQ(to_team.size(), 1u);
  ASSERT_EQ(to_erin.size(), 1u);
  EXPECT_EQ(json::parse(to_team[0].body)["recipient"]["person"], "dana");
  EXPECT_EQ(to_team[0].headers.count("X-Token"), 1u);
  const json erin = json::parse(to_erin[0].body);
  EXPECT_EQ(erin["recipient"]["person"], "erin");
  EXPECT_EQ(erin["labels"]["recipient"], "Erin Boss");
  EXPECT_EQ(to_erin[0].headers.count("X-Token"), 0u);
  // Erin has no mail address: her mail goes to the channel's own `to`.
  const auto messages = smtp_->Messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[1]["rcpt_tos"], json::array({"risk@example.org"}));
}

}  // namespace

AIRM_INSTANTIATE_STORE_BACKENDS(EscalationNotifyTest);

}  // namespace airm::cli_store_test
