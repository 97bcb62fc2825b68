// `airm framework controls|coverage` end to end on the bundled credit
// example: the library lists every item of the three frameworks; coverage of
// a classified system grows as risks and data-quality checks are recorded,
// evidence expires on a later --today, gates exit 1, and bad input exits 2.
// `airm escalation status` on the same workspace: an overdue risk and an
// approval condition past its date escalate by airm.yaml's rules.
#include <gtest/gtest.h>

#include <fstream>
#include <random>

#include "credit_workspace_test.h"

namespace airm::cli_store_test {
namespace {

class FrameworkCliTest : public CreditWorkspaceTest {
 protected:
  void SetUp() override {
    CreditWorkspaceTest::SetUp();
    if (HasFatalFailure()) return;
    AddCreditScoringSystem("Dana", "Scores credit");
  }

  json Coverage(const std::string& extra = "") const {
    RunResult r = Run("framework coverage --today 2026-12-07 --json -" + extra);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.Json();
  }

  static json Control(const json& doc, const std::string& id) {
    for (const json& c : doc["systems"][0]["controls"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no control " << id;
    return json();
  }
};

TEST_F(FrameworkCliTest, ControlsListEveryItemOfTheThreeFrameworks) {
  RunResult r = Run("framework controls --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(doc["kind"], "control_library");
  ASSERT_EQ(doc["frameworks"].size(), 3u);
  EXPECT_EQ(doc["frameworks"][0]["id"], "nist-ai-rmf");
  EXPECT_EQ(doc["frameworks"][0]["items"].size(), 72u);
  EXPECT_EQ(doc["frameworks"][1]["items"].size(), 38u);
  EXPECT_EQ(doc["frameworks"][2]["items"].size(), 9u);
  EXPECT_EQ(doc["frameworks"][2]["applies_to_tier"], "high");
  EXPECT_NE(Run("framework controls").out.find("short paraphrases"), std::string::npos);
}

TEST_F(FrameworkCliTest, CoverageGrowsWithEvidenceAndExpires) {
  json before = Coverage();
  EXPECT_EQ(before["kind"], "framework_coverage");
  EXPECT_EQ(before["systems"][0]["tier"], "high");
  EXPECT_EQ(Control(before, "AIRM-INV")["status"], "met");
  EXPECT_EQ(Control(before, "AIRM-TIER")["status"], "met");
  EXPECT_EQ(Control(before, "AIRM-LINEAGE")["status"], "met");  // --training-data ref
  EXPECT_EQ(Control(before, "AIRM-RISK")["status"], "missing");
  EXPECT_EQ(Control(before, "AIRM-DQ")["status"], "missing");
  EXPECT_EQ(before["portfolio"][2]["framework"], "eu-ai-act");
  EXPECT_EQ(before["portfolio"][2]["applicable"], true);
  const int gaps_before = before["summary"]["gaps"];
  EXPECT_GT(gaps_before, 0);
  ASSERT_FALSE(before["gaps"].empty());
  EXPECT_EQ(before["gaps"][0]["system"], "credit-scoring");

  RunResult gated = Run("framework coverage --fail-on gaps");
  EXPECT_EQ(gated.exit_code, 1) << gated.err;
  EXPECT_NE(gated.out.find("Gate summary.gaps>0"), std::string::npos) << gated.out;
  EXPECT_NE(gated.out.find("missing AIRM-RISK"), std::string::npos) << gated.out;

  ASSERT_EQ(Run("risk add --system credit-scoring --title 'Disparate approval rates' "
                "--category bias --likelihood 4 --impact 4 --residual-likelihood 2 "
                "--residual-impact 4 --treatment mitigate --owner Dana --due 2027-03-31")
                .exit_code,
            0);
  ASSERT_EQ(Run("dataset check ref@1").exit_code, 0);
  json after = Coverage();
  EXPECT_EQ(Control(after, "AIRM-RISK")["status"], "met");
  EXPECT_EQ(Control(after, "AIRM-TREAT")["status"], "met");
  EXPECT_EQ(Control(after, "AIRM-DQ")["status"], "met");
  EXPECT_LT(after["summary"]["gaps"].get<int>(), gaps_before);

  // A year and more later the quality checks (365 days) have expired, and the
  // risk is overdue.
  RunResult late = Run("framework coverage --today 2030-01-01 --json - --fail-on expired");
  EXPECT_EQ(late.exit_code, 1) << late.err;
  json l = late.Json();
  EXPECT_EQ(Control(l, "AIRM-DQ")["status"], "expired");
  EXPECT_EQ(Control(l, "AIRM-TREAT")["status"], "missing");
  EXPECT_EQ(l["findings"][0]["code"], "evidence.expired");
}

TEST_F(FrameworkCliTest, OneFrameworkAndOneSystem) {
  json doc = Coverage(" --framework eu-ai-act --system credit-scoring");
  ASSERT_EQ(doc["systems"][0]["frameworks"].size(), 1u);
  EXPECT_EQ(doc["systems"][0]["frameworks"][0]["items"].size(), 9u);
  EXPECT_EQ(doc["systems"][0]["frameworks"][0]["items"][3]["id"], "Art. 12");
}

TEST_F(FrameworkCliTest, BadInputExitsTwoNamingTheFlag) {
  RunResult fw = Run("framework coverage --framework sox");
  EXPECT_EQ(fw.exit_code, 2);
  EXPECT_NE(fw.err.find("--framework 'sox': expected one of nist-ai-rmf, iso-42001, eu-ai-act"),
            std::string::npos)
      << fw.err;
  RunResult sys = Run("framework coverage --system nobody");
  EXPECT_EQ(sys.exit_code, 2);
  EXPECT_NE(sys.err.find("nobody"), std::string::npos) << sys.err;
  RunResult today = Run("framework coverage --today 2026-13-01");
  EXPECT_EQ(today.exit_code, 2);
  EXPECT_NE(today.err.find("--today '2026-13-01'"), std::string::npos) << today.err;
}

TEST_F(FrameworkCliTest, OverdueRiskAndConditionEscalateByTheWorkspaceRules) {
  ASSERT_EQ(Run("risk add --system credit-scoring --title 'Disparate approval rates' "
                "--category bias --likelihood 4 --impact 4 --treatment mitigate "
                "--owner 'Dana Risk' --due 2026-11-30")
                .exit_code,
            0);
  ASSERT_EQ(Run("board add b1 --seat data-science=dana --seat legal=bob").exit_code, 0);
  RunResult cond =
      Run("review decide credit@1 --board b1 --decision approve-with-conditions --condition "
          "'monthly fairness report' --condition-due 2026-12-01 --actor dana --json -");
  ASSERT_EQ(cond.exit_code, 0) << cond.err;
  EXPECT_EQ(cond.Json()["signoff"]["condition_due"][0], "2026-12-01");
  ASSERT_EQ(Run("review decide credit@1 --board b1 --decision approve --actor bob").exit_code, 0);

  // Before the due dates nothing is overdue.
  RunResult early = Run("escalation status --today 2026-11-30 --fail-on escalated --json -");
  EXPECT_EQ(early.exit_code, 0) << early.err;
  EXPECT_EQ(early.Json()["summary"]["items"], 2);
  EXPECT_EQ(early.Json()["summary"]["overdue"], 0);

  // Without rules both escalate to nobody, and the gate holds.
  RunResult none = Run("escalation status --today 2026-12-07 --fail-on escalated");
  EXPECT_EQ(none.exit_code, 1) << none.err;
  EXPECT_NE(none.out.find("2 overdue, 2 escalated"), std::string::npos) << none.out;
  EXPECT_NE(none.out.find("nobody configured"), std::string::npos) << none.out;

  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "escalation:\n  default_to: risk-officer\n  managers: {Dana Risk: Erin Boss}\n"
            "  condition_grace_days: 7\n";
  }
  RunResult ruled = Run("escalation status --today 2026-12-07 --json -");
  ASSERT_EQ(ruled.exit_code, 0) << ruled.err;
  json doc = ruled.Json();
  EXPECT_EQ(doc["kind"], "escalation_status");
  EXPECT_EQ(doc["summary"]["escalated"], 1);
  ASSERT_EQ(doc["escalations"].size(), 2u);
  EXPECT_EQ(doc["escalations"][0]["subject"], "risk:R-001");
  EXPECT_EQ(doc["escalations"][0]["escalate_to"], "Erin Boss");
  EXPECT_EQ(doc["escalations"][0]["days_overdue"], 7);
  EXPECT_EQ(doc["escalations"][1]["kind"], "condition");
  EXPECT_EQ(doc["escalations"][1]["level"], "owner");  // 6 days, grace 7
  EXPECT_EQ(doc["findings"][0]["code"], "escalation.escalated");
  // A week later the condition's grace is over too: to the default role.
  json later = Run("escalation status --today 2026-12-09 --json -").Json();
  EXPECT_EQ(later["summary"]["escalated"], 2);
  EXPECT_EQ(later["escalations"][1]["escalate_to"], "risk-officer");
}

TEST_F(FrameworkCliTest, ReportSaysTheVerdictFirstAndScoresTheFivePractices) {
  RunResult r = Run("system report --today 2026-12-07 --html " + Path("summary.html") + " --json " +
                    Path("summary.json") + " --fail-on at_risk");
  // High-risk with whole practices missing: at risk, and the gate holds.
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("credit-scoring: At risk"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Failure-mode testing is missing"), std::string::npos) << r.out;
  json doc = json::parse(Slurp(Path("summary.json")));
  EXPECT_EQ(doc["kind"], "governance_report");
  EXPECT_EQ(doc["summary"]["verdict"], "at_risk");
  EXPECT_EQ(doc["summary"]["at_risk"], 1);
  ASSERT_EQ(doc["practices"].size(), 5u);
  EXPECT_EQ(doc["practices"][2]["name"], "failure");
  EXPECT_EQ(doc["practices"][2]["missing"], 1);
  json sys = doc["systems"][0];
  EXPECT_EQ(sys["tier"], "high");
  EXPECT_EQ(sys["practices"][3]["name"], "provenance");
  EXPECT_EQ(sys["practices"][3]["status"], "partial");  // training data recorded, no card
  const std::string html = Slurp(Path("summary.html"));
  ASSERT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u) << html.substr(0, 40);
  // Verdict before any detail, plain words, no external resources.
  const size_t verdict = html.find("At risk");
  ASSERT_NE(verdict, std::string::npos);
  EXPECT_LT(verdict, html.find("What it does"));
  EXPECT_NE(html.find("High-risk under the EU AI Act"), std::string::npos);
  EXPECT_NE(html.find("Scores credit"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_NE(html.find("name=\"viewport\""), std::string::npos);
  // Nothing watches it: said in words, in the quarter of --today.
  EXPECT_EQ(doc["quarter"], "2026-Q4");
  EXPECT_EQ(sys["quarter"]["summary"], "No monitor watched it. No incident.");
  EXPECT_NE(html.find("What monitoring saw in 2026-Q4"), std::string::npos);
  // One system, the same verdict; an unknown one exits 2.
  EXPECT_EQ(Run("system report --system credit-scoring --json -").Json()["systems"].size(), 1u);
  EXPECT_EQ(Run("system report --system nobody").exit_code, 2);
}

// What monitoring saw in the quarter: a weekly drift monitor on the system's
// model over four weeks of December 2025, its inputs shifted from week 3 on
// (an alert fires), and the system's incidents open in the quarter.
TEST_F(FrameworkCliTest, ReportSaysWhatMonitoringSawInTheQuarter) {
  std::mt19937_64 rng(9);  // the stream of monitor_pack_cli_test: weeks 3 and 4 drift
  std::normal_distribution<double> normal(0.0, 1.0);
  std::string ref = "x\n";
  for (int i = 0; i < 200; ++i) ref += std::to_string(normal(rng)) + "\n";
  Write("ws/ref.csv", ref);
  fs::create_directories(dir_ / "ws" / "batches");
  for (int week = 1; week <= 4; ++week) {
    std::string text = "ts,x\n";
    for (int i = 0; i < 100; ++i) {
      text += "2025-12-" + std::string(7 * (week - 1) + i % 7 + 1 < 10 ? "0" : "") +
              std::to_string(7 * (week - 1) + i % 7 + 1) + "T12:00:00Z," +
              std::to_string(normal(rng) + (week >= 3 ? 2.0 : 0.0)) + "\n";
    }
    Write("ws/batches/w" + std::to_string(week) + ".csv", text);
  }
  std::ofstream(Path("ws/airm.yaml"), std::ios::app)
      << "monitors:\n  - name: weekly\n    model: credit@1\n    reference: {file: ref.csv}\n"
         "    current: {files: \"batches/*.csv\", timestamp: ts}\n    start: 2025-12-01\n"
         "    schedules: [{every: week}]\n"
         "    alerts:\n      - {name: x-drift, when: \"columns.x.effect_size>1\", for: 1, "
         "severity: critical}\n";
  ASSERT_EQ(Run("incident open --system credit-scoring --title 'Old one' --severity info "
                "--category performance --at 2025-09-01T09:00:00Z --actor alice")
                .exit_code,
            0);
  ASSERT_EQ(Run("incident close I-001 --resolution fixed --at 2025-09-02T09:00:00Z").exit_code, 0);
  // The critical alert opens I-002 (issue 9's incident register).
  ASSERT_EQ(Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier").exit_code, 0);
  ASSERT_EQ(Run("incident open --system credit-scoring --title 'Approvals dropped' --severity "
                "warning --category performance --at 2025-12-20T09:00:00Z --actor alice")
                .exit_code,
            0);

  RunResult r = Run("system report --today 2025-12-30 --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = r.Json();
  EXPECT_EQ(doc["schema_version"], "1.1");
  EXPECT_EQ(doc["quarter"], "2025-Q4");
  const json q = doc["systems"][0]["quarter"];
  EXPECT_EQ(q["monitors"], json::array({"weekly"}));
  EXPECT_EQ(q["windows"], 4);
  EXPECT_EQ(q["drift_windows"], 4);
  EXPECT_EQ(q["drifted_windows"], 2);
  EXPECT_EQ(q["drifted_columns"], json::array({"x"}));
  EXPECT_EQ(q["alerts_fired"], 1);
  EXPECT_EQ(q["critical_alerts_fired"], 1);
  // The alert's and the manual one; I-001 was closed before the quarter.
  EXPECT_EQ(q["incidents"], json::array({"I-002", "I-003"}));
  EXPECT_EQ(q["incidents_open"], 2);
  EXPECT_EQ(q["summary"],
            "Its inputs were checked 4 times and had changed in 2 (most: x). 1 alert fired, 1 "
            "critical. 2 incidents (I-002, I-003), 2 still open.");
  // The text summary says it too; a quarter with nothing stored says so.
  EXPECT_NE(Run("system report --today 2025-12-30").out.find("2025-Q4: Its inputs were checked 4"),
            std::string::npos);
  const json earlier = Run("system report --today 2025-08-01 --json -").Json();
  EXPECT_EQ(earlier["systems"][0]["quarter"]["summary"],
            "Its monitor (weekly) checked nothing yet. 1 incident (I-001), all closed.");
}

TEST_F(FrameworkCliTest, AnnexIvDraftIsFilledFromTheStoreWithGapsMarked) {
  ASSERT_EQ(Run("model register --name credit --version 2 --artifact " + Example("model.json") +
                " --training-data ref --card " + Example("model_card.yaml"))
                .exit_code,
            0);
  ASSERT_EQ(Run("dataset check ref@1").exit_code, 0);
  RunResult r = Run("system annex-iv credit-scoring --today 2026-12-07 --out " + Path("iv.md"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string md = Slurp(Path("iv.md"));
  ASSERT_EQ(md.rfind("# Technical documentation (EU AI Act Annex IV)", 0), 0u) << md.substr(0, 80);
  for (int point = 1; point <= 9; ++point) {
    EXPECT_NE(md.find("\n## " + std::to_string(point) + ". "), std::string::npos) << point;
  }
  // Filled from the store: purpose, tier rationale, the newest version's card
  // and digest, its training data and checks, both versions' history.
  EXPECT_NE(md.find("Intended purpose: Scores credit"), std::string::npos);
  EXPECT_NE(md.find("Annex III point 5"), std::string::npos);
  EXPECT_NE(md.find("### Model credit@2"), std::string::npos);
  EXPECT_NE(md.find("Rank applications for manual review by a credit officer."), std::string::npos);
  EXPECT_NE(md.find("- train: ref@1 `sha256:"), std::string::npos);
  EXPECT_NE(md.find("data-quality checks: "), std::string::npos);
  EXPECT_NE(md.find("- credit@1 registered"), std::string::npos);
  // What the store cannot know is marked; no card gap now that it has one.
  EXPECT_NE(md.find("**GAP:** a copy of the EU declaration of conformity"), std::string::npos);
  EXPECT_NE(md.find("**GAP:** no risk registered"), std::string::npos);
  EXPECT_EQ(md.find("**GAP:** no model card"), std::string::npos);
  EXPECT_EQ(Run("system annex-iv nobody").exit_code, 2);
}

TEST_F(FrameworkCliTest, EscalationBadInputExitsTwo) {
  RunResult date = Run("escalation status --today tomorrow");
  EXPECT_EQ(date.exit_code, 2);
  EXPECT_NE(date.err.find("--today 'tomorrow'"), std::string::npos) << date.err;
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "escalation:\n  review_sla_days: soon\n";
  }
  RunResult bad = Run("escalation status");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("escalation.review_sla_days: expected a whole number"), std::string::npos)
      << bad.err;
  RunResult due =
      Run("review decide credit@1 --board b1 --decision approve-with-conditions --condition x "
          "--condition-due 2026-02-30 --actor dana");
  EXPECT_EQ(due.exit_code, 2);
  EXPECT_NE(due.err.find("--condition-due '2026-02-30'"), std::string::npos) << due.err;
}

}  // namespace
}  // namespace airm::cli_store_test
