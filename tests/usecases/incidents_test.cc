// The incident register and the hand-over from monitoring to governance, on
// the generated stream (x-drift, critical, fires in week 10 of 2026) with the
// monitor watching scorer@1 of the system credit-scoring, on both backends:
// the monitor opens an incident when the critical alert fires, people open
// and close others, the Q1 pack lists them, and `risk reassess` with that
// pack re-scores the register and reopens the board's review.
#include "airm/usecases/incidents.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "airm/report/quarterly_pack.h"
#include "airm/usecases/governance_reviews.h"
#include "airm/usecases/governance_risks.h"
#include "airm/usecases/quarterly_pack.h"
#include "airm/usecases/risk_reassessment.h"
#include "monitor_stream_fixture.h"
#include "reassessment_fixture.h"

namespace airm::usecases {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

class IncidentsTest : public testing::OnBothBackends<testing::MonitorStreamTest> {
 protected:
  void SetUp() override {
    testing::MonitorStreamTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    RegisterModel("scorer", "1");  // registered by "test"
    WriteMonitor("credit", "scorer@1", kFiles, "2026-01-05",
                 "    schedules:\n"
                 "      - {every: week, analysis: drift}\n"
                 "    alerts:\n"
                 "      - {name: x-drift, when: drift, severity: critical, for: 2}\n");
    testing::AddCreditScoringSystem(Where());
  }

  int64_t Count(const std::string& table) const {
    return QueryInt("SELECT COUNT(*) FROM " + table);
  }

  // The Q1 pack's JSON written to DIR/pack.json, as `monitor pack --json` writes it.
  std::string WritePack() const {
    return WriteFile("pack.json", testing::PackJson(Where(), "2026-Q1"));
  }
};

TEST_P(IncidentsTest, CriticalFiringOpensAnIncidentThatPeopleClose) {
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  auto listed = ListIncidents({.store = Where()});
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->incidents.size(), 1u);  // x-drift fired once (week 10)
  const governance::Incident auto_opened = listed->incidents[0];
  EXPECT_EQ(auto_opened.system, "credit-scoring");
  EXPECT_EQ(auto_opened.model, "scorer@1");
  EXPECT_EQ(auto_opened.source, "alert");
  EXPECT_EQ(auto_opened.severity, "critical");
  EXPECT_EQ(auto_opened.category, "robustness");             // a drift schedule's alert
  EXPECT_EQ(auto_opened.opened_at, "2026-03-16T00:00:00Z");  // the end of week 10
  ASSERT_EQ(auto_opened.episodes.size(), 1u);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_entries WHERE entry LIKE "
                     "'%\"action\":\"incident.open\"%'"),
            1);
  // Nothing new fires on a second run, and nothing is opened twice.
  ASSERT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z")).ok());
  EXPECT_EQ(Count("incidents"), 1);

  OpenIncidentOptions open{.store = Where(), .actor = "erin", .at = "2026-02-10T09:00:00Z"};
  open.incident = {.system = "credit-scoring",
                   .model = "scorer",
                   .title = "Approvals stalled for two hours",
                   .severity = "warning",
                   .category = "performance",
                   .episodes = {auto_opened.episodes[0]}};
  auto opened = OpenIncident(open);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->incident.Key(), "I-002");
  EXPECT_EQ(opened->incident.opened_by, "erin");
  EXPECT_TRUE(opened->incident.IsOpen());

  auto closed = CloseIncident({.store = Where(),
                               .actor = "erin",
                               .id = "I-002",
                               .resolution = "queue restarted",
                               .at = "2026-02-10T11:00:00Z"});
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->incident.closed_at, "2026-02-10T11:00:00Z");
  EXPECT_EQ(closed->incident.closed_by, "erin");
  EXPECT_EQ(closed->incident.resolution, "queue restarted");
  EXPECT_EQ(closed->incident.episodes, opened->incident.episodes);

  auto open_only = ListIncidents({.store = Where()});
  ASSERT_TRUE(open_only.ok()) << open_only.status().ToString();
  ASSERT_EQ(open_only->incidents.size(), 1u);
  EXPECT_EQ(open_only->incidents[0].Key(), "I-001");
  auto all = ListIncidents({.store = Where(), .system = "credit-scoring", .all = true});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->incidents.size(), 2u);

  // Closing twice is refused and changes nothing.
  const int64_t audit = Count("audit_entries");
  auto twice = CloseIncident({.store = Where(), .id = "I-002"});
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(twice.status().message(), HasSubstr("I-002 was closed already"));
  EXPECT_EQ(Count("audit_entries"), audit);
}

// Issue 9: the incident of a critical episode that fires commits in the
// transaction that stores the window and the episode. A failing incident
// write (a trigger standing in for the process dying between the two) leaves
// neither; the next run stores the window, the fired episode and exactly one
// incident, and a further run opens no second one.
TEST_P(IncidentsTest, TheIncidentCommitsWithItsFiredEpisodeOrNeitherIsStored) {
  {
    auto db = Open();
    if (Backend() == airm::testing::StoreBackend::kSqlite) {
      ASSERT_TRUE(db->Execute("CREATE TRIGGER incidents_fail BEFORE INSERT ON incidents "
                              "BEGIN SELECT RAISE(ABORT, 'simulated crash'); END")
                      .ok());
    } else {
      ASSERT_TRUE(db->Execute("CREATE FUNCTION incidents_fail() RETURNS trigger LANGUAGE plpgsql "
                              "AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$")
                      .ok());
      ASSERT_TRUE(db->Execute("CREATE TRIGGER incidents_fail BEFORE INSERT ON incidents "
                              "FOR EACH ROW EXECUTE FUNCTION incidents_fail()")
                      .ok());
    }
  }
  auto failed = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_FALSE(failed.ok());
  EXPECT_THAT(failed.status().message(), HasSubstr("simulated crash"));
  // Weeks 1-9 are stored (week 9's episode pending); week 10, whose episode
  // fired, is not, and the episode did not fire.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 9);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_episodes WHERE fired_window_end IS NOT NULL"), 0);
  EXPECT_EQ(Count("incidents"), 0);

  {
    auto db = Open();
    ASSERT_TRUE(
        db->Execute(
              "DROP TRIGGER incidents_fail" +
              std::string(Backend() == airm::testing::StoreBackend::kSqlite ? "" : " ON incidents"))
            .ok());
  }
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->incidents.size(), 1u);
  // (PostgreSQL's id sequence does not roll back: the id may skip one.)
  EXPECT_EQ(run->incidents[0].system, "credit-scoring");
  EXPECT_EQ(run->incidents[0].opened_at, "2026-03-16T00:00:00Z");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_episodes WHERE fired_window_end IS NOT NULL"), 1);
  EXPECT_EQ(Count("incidents"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM incidents i JOIN incident_episodes l ON "
                     "l.incident_id = i.id JOIN alert_episodes e ON e.id = l.episode_id "
                     "WHERE e.fired_window_end = '2026-03-16T00:00:00Z'"),
            1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_entries WHERE entry LIKE "
                     "'%\"action\":\"incident.open\"%'"),
            1);
  auto again = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->incidents.empty());
  EXPECT_EQ(Count("incidents"), 1);
}

TEST_P(IncidentsTest, BadInputChangesNothing) {
  const int64_t audit = Count("audit_entries");
  OpenIncidentOptions open{.store = Where()};
  open.incident = {
      .system = "no-such-system", .title = "x", .severity = "critical", .category = "performance"};
  auto unknown = OpenIncident(open);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("no-such-system"));

  open.incident.system = "credit-scoring";
  open.incident.model = "other-model";
  auto foreign = OpenIncident(open);
  ASSERT_FALSE(foreign.ok());
  EXPECT_THAT(foreign.status().message(), HasSubstr("does not link a model named 'other-model'"));

  open.incident.model = "";
  open.incident.severity = "huge";
  auto severity = OpenIncident(open);
  ASSERT_FALSE(severity.ok());
  EXPECT_THAT(severity.status().message(), HasSubstr("--severity 'huge'"));

  open.incident.severity = "critical";
  open.incident.episodes = {"nope-episode"};
  auto episode = OpenIncident(open);
  ASSERT_FALSE(episode.ok());
  EXPECT_THAT(episode.status().message(), HasSubstr("--episode 'nope-episode'"));

  auto close = CloseIncident({.store = Where(), .id = "I-007"});
  ASSERT_FALSE(close.ok());
  EXPECT_EQ(close.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(close.status().message(), HasSubstr("no incident I-007"));

  auto reassess = ReassessRisks(
      {.store = Where(), .pack = WriteFile("p.json", "{}"), .system = "credit-scoring"});
  ASSERT_FALSE(reassess.ok());
  EXPECT_EQ(reassess.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(reassess.status().message(), HasSubstr("not a quarterly risk pack"));

  EXPECT_EQ(Count("incidents"), 0);
  EXPECT_EQ(Count("risk_reassessments"), 0);
  EXPECT_EQ(Count("audit_entries"), audit);
}

TEST_P(IncidentsTest, ThePackReopensTheReviewAndReScoresTheRisks) {
  ASSERT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z")).ok());
  OpenIncidentOptions open{.store = Where(), .actor = "erin", .at = "2026-02-10T09:00:00Z"};
  open.incident = {.system = "credit-scoring",
                   .title = "Approvals stalled",
                   .severity = "warning",
                   .category = "performance"};
  ASSERT_TRUE(OpenIncident(open).ok());
  open.at = "2026-05-02T00:00:00Z";  // in Q2: not in the Q1 pack
  open.incident.title = "Later";
  ASSERT_TRUE(OpenIncident(open).ok());

  auto pack = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q1"});
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  EXPECT_THAT(pack->systems, ElementsAre("credit-scoring"));
  ASSERT_EQ(pack->incidents.size(), 2u);  // the alert's (March 16) and Approvals stalled
  EXPECT_EQ(pack->incidents[0].title, "Approvals stalled");
  EXPECT_EQ(pack->incidents[1].source, "alert");
  ASSERT_EQ(pack->monitors.at(0).fired.size(), 1u);  // the episodes stay, apart
  const ReportMeta meta{.airm_version = "0", .generated_at = "now", .command_line = "pack"};
  const auto doc = nlohmann::json::parse(report::RenderQuarterlyPackJson(*pack, meta));
  EXPECT_EQ(doc["schema_version"], "1.1");
  EXPECT_EQ(doc["summary"]["incidents"], 2);
  EXPECT_EQ(doc["incidents"][0]["id"], "I-002");
  EXPECT_EQ(doc["monitors"][0]["fired"][0]["alert"], "x-drift");
  EXPECT_THAT(report::RenderQuarterlyPackHtml(*pack, meta), HasSubstr("Approvals stalled"));

  // A robustness risk assessed low, and an approved review of scorer@1.
  AddRiskOptions risk{.store = Where(), .actor = "dana"};
  risk.risk = {.system = "credit-scoring",
               .title = "Inputs shift",
               .category = "robustness",
               .inherent_likelihood = 2,
               .inherent_impact = 3,
               .residual_likelihood = 1,
               .residual_impact = 3,
               .treatment = "mitigate",
               .owner = "Dana Risk"};
  ASSERT_TRUE(AddRisk(risk).ok());
  AddBoardOptions board{.store = Where(), .actor = "dana"};
  board.board = {.name = "credit-board", .seats = {{"data-science", "alice"}, {"risk", "rita"}}};
  ASSERT_TRUE(AddBoard(board).ok());
  for (const char* who : {"alice", "rita"}) {
    auto decided = DecideReview({.store = Where(),
                                 .actor = who,
                                 .model = "scorer@1",
                                 .board = "credit-board",
                                 .decision = "approve"});
    ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  }
  auto before = GetReviewStatus({.store = Where(), .model = "scorer@1", .board = "credit-board"});
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->state.state, "approved");

  const std::string pack_file = WritePack();
  auto done = ReassessRisks(
      {.store = Where(), .actor = "rita", .pack = pack_file, .system = "credit-scoring"});
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  const governance::Reassessment& r = done->reassessment;
  EXPECT_EQ(r.Key(), "RA-001");
  EXPECT_EQ(r.quarter, "2026-Q1");
  EXPECT_THAT(r.pack_digest, HasSubstr("sha256:"));
  EXPECT_EQ(r.pack_digest.size(), 7u + 64u);
  EXPECT_EQ(r.last_signoff_id, 2);
  EXPECT_THAT(done->reopened_models, ElementsAre("scorer"));
  // Observations: x drifted (drift), x-drift fired (critical alert), both
  // incidents of Q1 (the alert's, critical robustness; the stalled one,
  // warning performance).
  ASSERT_EQ(r.changes.size(), 2u);
  const governance::RiskChange& robust = r.changes[0];  // categories in register order
  EXPECT_EQ(robust.risk, "R-001");
  EXPECT_EQ(robust.action, "rescored");
  EXPECT_EQ(robust.rule, "R2");  // critical: at least 4
  EXPECT_EQ(robust.likelihood_from, 2);
  EXPECT_EQ(robust.likelihood_to, 4);
  EXPECT_EQ(robust.residual_from, 1);
  EXPECT_EQ(robust.residual_to, 4);
  EXPECT_THAT(robust.because, ::testing::Contains("credit/x"));
  const governance::RiskChange& perf = r.changes[1];
  EXPECT_EQ(perf.risk, "R-002");
  EXPECT_EQ(perf.action, "added");
  EXPECT_EQ(perf.rule, "R3");
  EXPECT_EQ(perf.likelihood_to, 3);
  EXPECT_THAT(perf.because, ElementsAre("I-002"));

  auto risks = ListRisks({.store = Where(), .system = "credit-scoring"});
  ASSERT_TRUE(risks.ok()) << risks.status().ToString();
  ASSERT_EQ(risks->risks.size(), 2u);
  EXPECT_EQ(risks->risks[0].inherent_likelihood, 4);
  EXPECT_EQ(risks->risks[0].residual_likelihood, 4);
  EXPECT_EQ(risks->risks[0].updated_by, "rita");
  EXPECT_EQ(risks->risks[1].category, "performance");
  EXPECT_EQ(risks->risks[1].due_date, "2026-06-30");
  EXPECT_EQ(risks->risks[1].owner, "Dana Risk");
  EXPECT_THAT(risks->risks[1].description, HasSubstr(r.pack_digest));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_entries WHERE entry LIKE "
                     "'%\"action\":\"risk.reassess\"%'"),
            1);

  // The review is open again: the approvals made before the pack no longer count.
  auto reopened = GetReviewStatus({.store = Where(), .model = "scorer@1", .board = "credit-board"});
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ(reopened->state.state, "pending");
  EXPECT_EQ(reopened->state.reopened.size(), 2u);
  bool reassessed = false;
  for (const Finding& f : reopened->state.findings) {
    if (f.code == "review.reassessed") {
      reassessed = true;
      EXPECT_THAT(f.message, HasSubstr("RA-001 of 2026-Q1"));
    }
  }
  EXPECT_TRUE(reassessed);
  // The board decides again under its usual rules: the registrant may not sign.
  auto self = DecideReview({.store = Where(),
                            .actor = "test",
                            .model = "scorer@1",
                            .board = "credit-board",
                            .decision = "approve"});
  ASSERT_FALSE(self.ok());
  EXPECT_THAT(self.status().message(), HasSubstr("separation of duties"));
  auto first = DecideReview({.store = Where(),
                             .actor = "alice",
                             .model = "scorer@1",
                             .board = "credit-board",
                             .decision = "approve"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->state.state, "pending");  // all-seats: rita has not signed again
  auto second = DecideReview({.store = Where(),
                              .actor = "rita",
                              .model = "scorer@1",
                              .board = "credit-board",
                              .decision = "approve"});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->state.state, "approved");

  // The same pack again changes nothing.
  const int64_t audit = Count("audit_entries");
  auto again = ReassessRisks({.store = Where(), .pack = pack_file, .system = "credit-scoring"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->already_applied);
  EXPECT_EQ(Count("audit_entries"), audit);
  EXPECT_EQ(Count("risk_reassessments"), 1);
  EXPECT_EQ(Count("risks"), 2);

  // A system the pack says nothing about is refused.
  AddSystemOptions other{.store = Where(), .actor = "dana"};
  other.system = {.name = "chatbot",
                  .owner = "Bo",
                  .business_unit = "Support",
                  .purpose = "Answers questions",
                  .decision_type = "automated",
                  .affected_people = "customers",
                  .data_categories = {"none"},
                  .lifecycle_state = "production",
                  .created_at = "",
                  .created_by = ""};
  ASSERT_TRUE(AddSystem(other).ok());
  auto unrelated = ReassessRisks({.store = Where(), .pack = pack_file, .system = "chatbot"});
  ASSERT_FALSE(unrelated.ok());
  EXPECT_THAT(unrelated.status().message(), HasSubstr("holds nothing about system 'chatbot'"));
}

AIRM_INSTANTIATE_STORE_BACKENDS(IncidentsTest);

}  // namespace
}  // namespace airm::usecases
