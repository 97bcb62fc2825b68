// Governance evidence end to end, on SQLite and PostgreSQL: a chaos verdict
// recorded on the version that serves meets AIRM-CHAOS and the failure-mode
// practice until it expires, and a new version deployed without one loses
// it; manual evidence (`airm evidence add`) is hashed, audited and covers its
// control or framework item until its last day; bad input exits 2 and writes
// nothing.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "airm/store/model_results.h"
#include "governance_backend_test.h"
#include "openapi_schema_check.h"

namespace airm::cli_store_test {
namespace {

class EvidenceCliTest : public GovernanceBackendTest {
 protected:
  void SetUp() override {
    GovernanceBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(AddSystem().exit_code, 0);
    ASSERT_EQ(Run("system link credit-scoring --model credit").exit_code, 0);
    ASSERT_EQ(Run("system classify credit-scoring --answers " + Answers()).exit_code, 0);
  }

  json Coverage(const std::string& today) const {
    RunResult r = Run("framework coverage --today " + today + " --json -");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.Json();
  }

  // Records a chaos verdict on credit@VERSION through the store function `airm chaos`
  // (like drift and evaluate) records its verdicts with.
  void RecordChaos(const std::string& version, const std::string& status,
                   const std::string& at) const {
    const int64_t id = QueryInt(
        "SELECT v.id FROM model_versions v JOIN models m ON m.id = v.model_id WHERE m.name = "
        "'credit' AND v.version = '" +
        version + "'");
    ASSERT_GT(id, 0);
    auto db = airm::testing::OpenStoreLocation(location_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto recorded = store::RecordModelResult(**db, {.model_version_id = id,
                                                    .kind = "chaos",
                                                    .status = status,
                                                    .summary = "2 of 14 cases failed.",
                                                    .recorded_at = at});
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  }

  // `text` (a review document) against docs/openapi.json's schema `name`:
  // what the server's review endpoints promise.
  void ExpectMatchesOpenApi(const std::string& text, const std::string& name) const {
    EXPECT_EQ(airm::testing::CheckAgainstOpenApi(AIRM_SOURCE_DIR, text, name, dir_), "ok\n");
  }
};

TEST_P(EvidenceCliTest, ChaosVerdictOnTheServingVersionMeetsTheControlUntilItExpires) {
  json none = Coverage("2026-12-07");
  EXPECT_EQ(Find(none["systems"][0]["controls"], "id", "AIRM-CHAOS")["status"], "missing");
  EXPECT_NE(Find(none["systems"][0]["evidence"], "kind", "failure_mode_testing")["detail"]
                .get<std::string>()
                .find("no chaos run recorded on the version that serves"),
            std::string::npos);

  // A failing verdict is still a test of the failure modes.
  RecordChaos("1", "fail", "2026-12-01T10:00:00Z");
  json met = Coverage("2026-12-07");
  json chaos = Find(met["systems"][0]["controls"], "id", "AIRM-CHAOS");
  EXPECT_EQ(chaos["status"], "met");
  EXPECT_EQ(chaos["expires_on"], "2027-03-03");  // 92 days
  json evidence = Find(met["systems"][0]["evidence"], "kind", "failure_mode_testing");
  EXPECT_EQ(evidence["observed_at"], "2026-12-01T10:00:00Z");
  EXPECT_NE(evidence["detail"].get<std::string>().find("credit@1 fail"), std::string::npos)
      << evidence;
  json report = Run("system report --today 2026-12-07 --json -").Json();
  EXPECT_EQ(Find(report["systems"][0]["practices"], "name", "failure")["status"], "met");

  json late = Coverage("2027-03-04");
  EXPECT_EQ(Find(late["systems"][0]["controls"], "id", "AIRM-CHAOS")["status"], "expired");

  // Version 2 is registered but version 1 serves: still met. Once version 2
  // serves, its own chaos run is missing.
  ASSERT_EQ(Run("model register --name credit --version 2 --artifact " + Example("model.json") +
                " --training-data ref")
                .exit_code,
            0);
  ASSERT_EQ(Run("deploy credit@1 --env production").exit_code, 0);
  EXPECT_EQ(Find(Coverage("2026-12-07")["systems"][0]["controls"], "id", "AIRM-CHAOS")["status"],
            "met");
  ASSERT_EQ(Run("deploy credit@2 --env production").exit_code, 0);
  json moved = Coverage("2026-12-07");
  EXPECT_EQ(Find(moved["systems"][0]["controls"], "id", "AIRM-CHAOS")["status"], "missing");
  EXPECT_NE(Find(moved["systems"][0]["evidence"], "kind", "failure_mode_testing")["detail"]
                .get<std::string>()
                .find("credit@2"),
            std::string::npos);
  RecordChaos("2", "pass", "2026-12-05T09:00:00Z");
  EXPECT_EQ(Find(Coverage("2026-12-07")["systems"][0]["controls"], "id", "AIRM-CHAOS")["status"],
            "met");
}

TEST_P(EvidenceCliTest, ManualEvidenceIsHashedAuditedAndCoversItsControlUntilItExpires) {
  json before = Coverage("2026-12-07");
  EXPECT_EQ(Find(before["systems"][0]["controls"], "id", "AIRM-RISK")["status"], "missing");
  json iso = Find(before["systems"][0]["frameworks"], "framework", "iso-42001");
  EXPECT_EQ(Find(iso["items"], "id", "A.2.2")["status"], "not_addressed");

  // SHA-256 of "abc" is the FIPS 180-2 example digest.
  const std::string policy = Write("risk-policy.txt", "abc");
  RunResult added =
      Run("evidence add --system credit-scoring --control AIRM-RISK --file " + policy +
          " --note 'Risk management policy' --expires 2027-01-31 --actor rita --json -");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  json doc = added.Json();
  EXPECT_EQ(doc["kind"], "evidence_added");
  EXPECT_EQ(doc["evidence"]["id"], "E-001");
  EXPECT_EQ(doc["evidence"]["sha256"],
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(doc["evidence"]["size_bytes"], 3);
  EXPECT_EQ(doc["evidence"]["location"], policy);
  EXPECT_EQ(doc["evidence"]["added_by"], "rita");
  ASSERT_EQ(Run("evidence add --system credit-scoring --control iso-42001:A.2.2 --url "
                "https://intranet.example/ai-policy --note 'AI policy'")
                .exit_code,
            0);
  // Both are in the signed audit log, with the digest.
  EXPECT_EQ(QueryText("SELECT " + EntryField("details.sha256") + " FROM audit_entries WHERE " +
                      EntryField("details.evidence") + " = 'E-001'"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM audit_entries WHERE " + EntryField("action") +
                     " = 'evidence.add'"),
            2);
  EXPECT_EQ(Run("audit verify").exit_code, 0);

  json met = Coverage("2026-12-07");
  json risk = Find(met["systems"][0]["controls"], "id", "AIRM-RISK");
  EXPECT_EQ(risk["status"], "met");
  EXPECT_EQ(risk["met_by"], "manual");
  EXPECT_EQ(risk["manual"], json::array({"E-001"}));
  EXPECT_EQ(risk["expires_on"], "2027-01-31");
  EXPECT_EQ(met["systems"][0]["manual_evidence"].size(), 2u);
  iso = Find(met["systems"][0]["frameworks"], "framework", "iso-42001");
  EXPECT_EQ(Find(iso["items"], "id", "A.2.2")["status"], "covered");
  EXPECT_EQ(Find(iso["items"], "id", "A.2.2")["manual"], json::array({"E-002"}));

  // The day after its last day it no longer covers the control; the URL has
  // no expiry.
  json late = Coverage("2027-02-01");
  risk = Find(late["systems"][0]["controls"], "id", "AIRM-RISK");
  EXPECT_EQ(risk["status"], "expired");
  EXPECT_EQ(risk["expired"], json::array({"E-001"}));
  iso = Find(late["systems"][0]["frameworks"], "framework", "iso-42001");
  EXPECT_EQ(Find(iso["items"], "id", "A.2.2")["status"], "covered");

  // Added already expired: kept, with a warning.
  RunResult old =
      Run("evidence add --system credit-scoring --control AIRM-TIER --url "
          "https://x.example/dpia --expires 2026-01-01 --today 2026-12-07 --json -");
  ASSERT_EQ(old.exit_code, 0) << old.err;
  EXPECT_EQ(old.Json()["findings"][0]["code"], "evidence.already_expired");
}

TEST_P(EvidenceCliTest, BadEvidenceExitsTwoAndWritesNothing) {
  const std::string policy = Write("p.txt", "policy");
  const int64_t entries = AuditEntries();
  struct Case {
    std::string args, message;
  };
  for (const Case& c : {
           Case{"--system nobody --control AIRM-RISK --file " + policy, "nobody"},
           Case{"--system credit-scoring --control AIRM-NOPE --file " + policy,
                "--control 'AIRM-NOPE': expected a control id"},
           Case{"--system credit-scoring --control iso-42001:A.99 --file " + policy,
                "iso-42001 has no item 'A.99'"},
           Case{"--system credit-scoring --control AIRM-RISK --file " + policy +
                    " --url https://x.example",
                "exactly one of --file FILE and --url URL"},
           Case{"--system credit-scoring --control AIRM-RISK --url intranet/policy",
                "--url 'intranet/policy': expected an address with a scheme"},
           Case{"--system credit-scoring --control AIRM-RISK --file " + policy +
                    " --expires 2027-02-30",
                "--expires '2027-02-30': expected a date YYYY-MM-DD"},
           Case{"--system credit-scoring --control AIRM-RISK --file " + Path("missing.pdf"),
                "missing.pdf"},
       }) {
    RunResult r = Run("evidence add " + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM governance_evidence"), 0);
  EXPECT_EQ(AuditEntries(), entries);
}

// `review decide` takes today's date, so the approval is bound on the day the
// test runs; the evidence expires at the end of 2099 and --today 2100-01-01
// judges it after that.
TEST_P(EvidenceCliTest, ApprovalLapsesWhenItsEvidenceExpiresAndWhenTheModelChanges) {
  ASSERT_EQ(Run("evidence add --system credit-scoring --control AIRM-RISK --url "
                "https://intranet.example/risk-policy --expires 2099-12-31")
                .exit_code,
            0);
  ASSERT_EQ(Run("board add b1 --seat data-science=dana --seat legal=bob").exit_code, 0);
  ASSERT_EQ(Run("review decide credit@1 --board b1 --decision approve --actor dana").exit_code, 0);
  RunResult second = Run("review decide credit@1 --board b1 --decision approve --actor bob");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  // The approval records the controls it rests on, in the audit log too.
  const std::string bound =
      QueryText("SELECT " + EntryField("details.evidence_controls") + " FROM audit_entries WHERE " +
                EntryField("action") + " = 'review.decide' ORDER BY seq DESC");
  EXPECT_NE(bound.find("AIRM-RISK"), std::string::npos) << bound;
  EXPECT_NE(bound.find("AIRM-TIER"), std::string::npos) << bound;
  EXPECT_EQ(bound.find("AIRM-APPROVE"), std::string::npos) << bound;

  json now = Run("escalation status --json -").Json();
  EXPECT_EQ(now["summary"]["stale_approvals"], 0);
  EXPECT_EQ(Run("review status credit --board b1").exit_code, 0);
  json approved = Run("framework coverage --json -").Json();
  EXPECT_EQ(Find(approved["systems"][0]["controls"], "id", "AIRM-APPROVE")["status"], "met");

  // Once the risk policy has run out the approval no longer counts.
  RunResult later = Run("escalation status --today 2100-01-01 --json -");
  ASSERT_EQ(later.exit_code, 0) << later.err;
  json doc = later.Json();
  ASSERT_EQ(doc["stale_approvals"].size(), 1u) << doc;
  json stale = doc["stale_approvals"][0];
  EXPECT_EQ(stale["reason"], "evidence_expired");
  EXPECT_EQ(stale["model"], "credit@1");
  EXPECT_EQ(stale["board"], "b1");
  EXPECT_EQ(stale["signers"], json::array({"dana", "bob"}));
  EXPECT_NE(std::find(stale["controls"].begin(), stale["controls"].end(), "AIRM-RISK"),
            stale["controls"].end())
      << stale;
  EXPECT_EQ(Find(doc["findings"], "code", "escalation.stale_approval")["subject"],
            "model:credit@1");
  json lapsed = Coverage("2100-01-01");
  EXPECT_EQ(Find(lapsed["systems"][0]["controls"], "id", "AIRM-APPROVE")["status"], "missing");
  json report = Run("system report --today 2100-01-01 --json -").Json();
  ASSERT_EQ(report["systems"][0]["stale_approvals"].size(), 1u);
  bool said = false;
  for (const json& reason : report["systems"][0]["reasons"]) {
    said =
        said || reason.get<std::string>().find("approval of credit@1 lapsed") != std::string::npos;
  }
  EXPECT_TRUE(said) << report["systems"][0]["reasons"];

  // A new version (other bytes: the model with a trailing newline) is not
  // covered by the approvals of the old one.
  ASSERT_EQ(Run("model register --name credit --version 2 --artifact " +
                Write("model2.json", Slurp(Example("model.json")) + "\n") + " --training-data ref")
                .exit_code,
            0);
  json changed = Run("escalation status --json -").Json();
  ASSERT_EQ(changed["stale_approvals"].size(), 1u) << changed;
  EXPECT_EQ(changed["stale_approvals"][0]["reason"], "model_changed");
  EXPECT_EQ(changed["stale_approvals"][0]["model"], "credit@2");
  EXPECT_NE(Run("escalation status").out.find("do not cover credit@2"), std::string::npos);
}

// `review decide|status --today`: the approval is bound to the evidence met
// on that day, and the review JSON and text show, per sign-off, the controls
// and the evidence (manual evidence by key) it was bound to; judged after the
// manual evidence ran out, the sign-offs are listed as lapsed. A bad date
// exits 2 naming --today and writes nothing.
TEST_P(EvidenceCliTest, ReviewTakesTodayAndShowsWhatEachSignOffWasBoundTo) {
  ASSERT_EQ(Run("evidence add --system credit-scoring --control AIRM-RISK --url "
                "https://intranet.example/risk-policy --expires 2099-12-31")
                .exit_code,
            0);
  ASSERT_EQ(Run("board add b1 --seat data-science=dana --seat legal=bob").exit_code, 0);
  for (const char* bad : {"review decide credit@1 --board b1 --decision approve --actor dana "
                          "--today 2099-13-01",
                          "review status credit --board b1 --today tomorrow"}) {
    RunResult r = Run(bad);
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--today '"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("': expected a date YYYY-MM-DD"), std::string::npos) << r.err;
  }
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM review_signoffs"), 0);

  RunResult first =
      Run("review decide credit@1 --board b1 --decision approve --actor dana --today 2099-06-01 "
          "--json -");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  json decided = first.Json();
  EXPECT_EQ(decided["schema_version"], "1.1");
  ExpectMatchesOpenApi(first.out, "ReviewDocument");
  json evidence = decided["signoff"]["evidence"];
  EXPECT_EQ(evidence["judged_on"], "2099-06-01");
  EXPECT_NE(std::find(evidence["controls"].begin(), evidence["controls"].end(), "AIRM-RISK"),
            evidence["controls"].end())
      << evidence;
  json risk = Find(evidence["bound"], "control", "AIRM-RISK");
  EXPECT_EQ(risk["system"], "credit-scoring");
  EXPECT_EQ(risk["met_by"], "manual");
  EXPECT_EQ(risk["manual"], json::array({"E-001"}));
  EXPECT_EQ(risk["expires_on"], "2099-12-31");
  json tier = Find(evidence["bound"], "control", "AIRM-TIER");
  EXPECT_EQ(tier["met_by"], "store");
  ASSERT_FALSE(tier["evidence"].empty()) << tier;
  ASSERT_EQ(Run("review decide credit@1 --board b1 --decision approve --actor bob --today "
                "2099-06-01")
                .exit_code,
            0);

  RunResult approved = Run("review status credit --board b1 --today 2099-06-01 --json -");
  EXPECT_EQ(approved.exit_code, 0) << approved.err;
  json current = approved.Json()["current_signoffs"];
  ASSERT_EQ(current.size(), 2u);
  EXPECT_EQ(current[1]["evidence"]["judged_on"], "2099-06-01");
  EXPECT_TRUE(approved.Json()["lapsed_signoffs"].empty());
  ExpectMatchesOpenApi(approved.out, "ReviewDocument");
  const std::string text = Run("review status credit --board b1 --today 2099-06-01").out;
  EXPECT_NE(text.find("dana (data-science) approve, bound to "), std::string::npos) << text;
  EXPECT_NE(text.find("AIRM-RISK (E-001)"), std::string::npos) << text;
  EXPECT_NE(text.find("(judged on 2099-06-01)"), std::string::npos) << text;

  // After the risk policy's last day the same approvals have lapsed.
  RunResult later = Run("review status credit --board b1 --today 2100-01-01 --json -");
  EXPECT_EQ(later.exit_code, 1);
  json lapsed = later.Json();
  ExpectMatchesOpenApi(later.out, "ReviewDocument");
  EXPECT_EQ(lapsed["state"], "pending");
  ASSERT_EQ(lapsed["lapsed_signoffs"].size(), 2u) << lapsed;
  EXPECT_EQ(lapsed["lapsed_signoffs"][0]["signer"], "dana");
  EXPECT_NE(
      std::find(lapsed["lapsed_controls"].begin(), lapsed["lapsed_controls"].end(), "AIRM-RISK"),
      lapsed["lapsed_controls"].end())
      << lapsed;
  EXPECT_NE(
      Run("review status credit --board b1 --today 2100-01-01").out.find("lapsed: bob (legal)"),
      std::string::npos);
}

}  // namespace

AIRM_INSTANTIATE_STORE_BACKENDS(EvidenceCliTest);

}  // namespace airm::cli_store_test
