// `airm system|risk|audit` end to end on the bundled credit example: the
// inventory finds a model nobody registered, a system is added, linked and
// classified, risks are registered and exported, the audit log verifies and
// proves inclusion (checked by python), and a byte flipped in the store
// file's audit table (on PostgreSQL: the entry rewritten by SQL) is named by
// `audit verify`. Bad input exits 2 and changes nothing. Every test runs on an
// SQLite workspace and on one whose airm.yaml names a fresh PostgreSQL schema
// (names ending in /Sqlite and /Postgres).
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

#include "governance_backend_test.h"

namespace airm::cli_store_test {
namespace {

using GovernanceCliTest = GovernanceBackendTest;

TEST_P(GovernanceCliTest, ServingModelInNoSystemIsAFindingAndGate) {
  ASSERT_EQ(Run("deploy credit@1 --env production").exit_code, 0);
  ASSERT_EQ(Run("predictions log " + Example("current.csv") + " --model credit@1 --schema " +
                Example("schema.yaml"))
                .exit_code,
            0);
  RunResult list = Run("system list --fail-on-unlinked --json -");
  EXPECT_EQ(list.exit_code, 1) << list.err;
  json doc = list.Json();
  ASSERT_EQ(doc["kind"], "ai_system_inventory");
  ASSERT_GE(doc["findings"].size(), 3u);
  EXPECT_EQ(doc["findings"][0]["code"], "inventory.unlinked_deployment");
  EXPECT_EQ(doc["findings"][0]["subject"], "credit@1");
  EXPECT_EQ(doc["findings"][1]["code"], "inventory.unlinked_predictions");
  EXPECT_EQ(doc["findings"][1]["evidence"]["predictions"], 1068);
  EXPECT_EQ(doc["findings"][2]["code"], "inventory.unlinked_model");
  // The deployment and the prediction log are in the audit log, signed.
  EXPECT_EQ(QueryText("SELECT " + EntryField("details.environment") + " FROM audit_entries WHERE " +
                      EntryField("action") + " = 'deploy'"),
            "production");
  EXPECT_EQ(QueryText("SELECT " + EntryField("details.rows") + " FROM audit_entries WHERE " +
                      EntryField("action") + " = 'predictions.log'"),
            "1068");
  // Deploying what already serves writes nothing, so it logs nothing.
  const int64_t before = AuditEntries();
  ASSERT_EQ(Run("deploy credit@1 --env production").exit_code, 0);
  EXPECT_EQ(AuditEntries(), before);
  EXPECT_EQ(Run("audit verify").exit_code, 0);
  // Without the gate the same findings only inform.
  EXPECT_EQ(Run("system list").exit_code, 0);
  // --fail-on-unlinked is the gate language's `unlinked` alias.
  RunResult gated = Run("system list --fail-on unlinked");
  EXPECT_EQ(gated.exit_code, 1) << gated.err;
  EXPECT_NE(gated.out.find("summary.unlinked>0"), std::string::npos) << gated.out;
  EXPECT_NE(gated.out.find("FAILED (value 3)"), std::string::npos) << gated.out;
  EXPECT_EQ(Run("system list --fail-on 'summary.unlinked>3'").exit_code, 0);
  EXPECT_EQ(Run("system list --fail-on nonsense").exit_code, 2);

  ASSERT_EQ(AddSystem(" --actor alice").exit_code, 0);
  ASSERT_EQ(Run("system link credit-scoring --model credit --actor alice").exit_code, 0);
  RunResult after = Run("system list --fail-on-unlinked --json -");
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_EQ(after.Json()["systems"][0]["models"][0]["model"], "credit");
  EXPECT_EQ(after.Json()["findings"][0]["code"], "inventory.unclassified");
}

TEST_P(GovernanceCliTest, WorkflowIsAuditedVerifiedProvedAndAFlippedByteIsNamed) {
  RunResult add = AddSystem(" --actor alice --json -");
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_EQ(add.Json()["actor"]["name"], "alice");
  EXPECT_EQ(add.Json()["actor"]["source"], "--actor");
  EXPECT_NE(add.err.find("actor: alice (from --actor)"), std::string::npos) << add.err;
  ASSERT_EQ(Run("system link credit-scoring --model credit").exit_code, 0);

  RunResult classify =
      Run("system classify credit-scoring --answers " + Answers() + " --actor legal-bob --json -");
  ASSERT_EQ(classify.exit_code, 0) << classify.err;
  json sys = classify.Json()["system"];
  EXPECT_EQ(sys["eu_ai_act"]["tier"], "high");
  EXPECT_NE(sys["eu_ai_act"]["rationale"][0].get<std::string>().find("Annex III point 5"),
            std::string::npos);
  EXPECT_EQ(classify.Json()["findings"][0]["code"], "classification.high_risk");

  RunResult risk = Run(
      "risk add --system credit-scoring --title 'Disparate approval rates by age' --category bias "
      "--likelihood 4 --impact 4 --control 'quarterly fairness evaluation' --treatment mitigate "
      "--owner 'Dana Risk' --due 2027-03-31 --json -");
  ASSERT_EQ(risk.exit_code, 0) << risk.err;
  EXPECT_EQ(risk.Json()["risk"]["id"], "R-001");
  EXPECT_EQ(risk.Json()["risk"]["inherent"]["rating"], "high");
  RunResult update =
      Run("risk update R-001 --residual-likelihood 2 --residual-impact 4 --status in-progress "
          "--json -");
  ASSERT_EQ(update.exit_code, 0) << update.err;
  EXPECT_EQ(update.Json()["changed"],
            json::array({"status", "residual_likelihood", "residual_impact"}));
  EXPECT_EQ(update.Json()["risk"]["residual"]["rating"], "medium");

  ASSERT_EQ(
      Run("risk export --csv " + Path("risks.csv") + " --json " + Path("risks.json")).exit_code, 0);
  const std::string csv = Slurp(Path("risks.csv"));
  EXPECT_EQ(csv.substr(0, csv.find(',', 9)), "Risk ID,Title");
  EXPECT_NE(csv.find("\r\nR-001,Disparate approval rates by age,,bias,credit-scoring,Dana Risk,4,"
                     "4,16,high,quarterly fairness evaluation,mitigate,2,4,8,medium,2027-03-31,"
                     "in-progress,"),
            std::string::npos)
      << csv;
  EXPECT_EQ(json::parse(Slurp(Path("risks.json")))["risks"][0]["owner"], "Dana Risk");

  // The fixture's dataset.register and model.register (ordinary store writes
  // are audited too), then system.add, system.link, system.classify,
  // risk.add, risk.update.
  EXPECT_EQ(AuditEntries(), 7);
  EXPECT_EQ(QueryText("SELECT " + EntryField("action") + " FROM audit_entries WHERE seq = 1"),
            "dataset.register");
  EXPECT_EQ(QueryText("SELECT " + EntryField("subject") + " FROM audit_entries WHERE seq = 2"),
            "model:credit@1");
  EXPECT_EQ(QueryText("SELECT " + EntryField("actor") + " FROM audit_entries WHERE seq = 5"),
            "legal-bob");
  RunResult verify = Run("audit verify --json -");
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_EQ(verify.Json()["ok"], true);
  EXPECT_EQ(verify.Json()["entries"], 7);
  EXPECT_EQ(verify.Json()["checkpoint_checked"], true);

  RunResult proof = Run("audit proof 5 --json " + Path("proof.json"));
  ASSERT_EQ(proof.exit_code, 0) << proof.err;
  RunResult python = airm::testing::RunShell(
      "python3 " +
          Quote(std::string(AIRM_SOURCE_DIR) + "/tests/cli_governance/check_inclusion_proof.py") +
          " < " + Quote(Path("proof.json")),
      dir_, "python");
  EXPECT_EQ(python.exit_code, 0) << python.out << python.err;
  EXPECT_EQ(python.out, "ok\n");

  // Flip one byte of entry 5: the "c" of "system.classify" becomes "C", in
  // the SQLite file itself (no SQL), or by SQL on the PostgreSQL server.
  if (GetParam() == StoreBackend::kSqlite) {
    ASSERT_FALSE(fs::exists(DbPath() + "-wal") && fs::file_size(DbPath() + "-wal") > 0);
    std::string bytes = Slurp(DbPath());
    const size_t at = bytes.find("\"action\":\"system.classify\"");
    ASSERT_NE(at, std::string::npos);
    ASSERT_EQ(bytes.find("\"action\":\"system.classify\"", at + 1), std::string::npos);
    bytes[at + std::string("\"action\":\"system.").size()] ^= 0x20;
    std::ofstream(DbPath(), std::ios::binary | std::ios::trunc) << bytes;
  } else {
    Exec(
        "UPDATE audit_entries SET entry = replace(entry, 'system.classify', 'system.Classify')"
        " WHERE seq = 5");
  }

  RunResult tampered = Run("audit verify --json -");
  EXPECT_EQ(tampered.exit_code, 1) << tampered.out << tampered.err;
  json t = tampered.Json();
  EXPECT_EQ(t["ok"], false);
  EXPECT_EQ(t["first_bad_entry"], 5);
  EXPECT_EQ(t["problems"][0]["kind"], "modified");
  EXPECT_EQ(t["findings"][0]["code"], "audit.tampered");
  RunResult text = Run("audit verify");
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_NE(text.out.find("first bad entry 5"), std::string::npos) << text.out;
  // The export still carries everything, flagged as failing verification.
  RunResult exported = Run("audit export");
  ASSERT_EQ(exported.exit_code, 0);
  EXPECT_EQ(exported.Json()["verified"], false);
  EXPECT_EQ(exported.Json()["entries"].size(), 7u);
}

TEST_P(GovernanceCliTest, ActorComesFromTheWorkspaceConfig) {
  {
    std::ofstream yaml(Workspace() + "/airm.yaml", std::ios::app);
    yaml << "actor: carol\n";
  }
  RunResult add = AddSystem();
  ASSERT_EQ(add.exit_code, 0) << add.err;
  EXPECT_NE(add.err.find("actor: carol (from airm.yaml)"), std::string::npos) << add.err;
  EXPECT_EQ(QueryText("SELECT created_by FROM ai_systems"), "carol");
  EXPECT_EQ(QueryText("SELECT " + EntryField("details.actor_source") +
                      " FROM audit_entries WHERE " + EntryField("action") + " = 'system.add'"),
            "airm.yaml");
}

TEST_P(GovernanceCliTest, BadInputExitsTwoAndChangesNothing) {
  ASSERT_EQ(AddSystem().exit_code, 0);
  const int64_t entries = AuditEntries();

  RunResult unknown = Run("system classify nope --answers " + Answers());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no AI system named 'nope'"), std::string::npos) << unknown.err;
  RunResult risk =
      Run("risk add --system nope --title t --category bias --likelihood 1 --impact 1 "
          "--treatment accept --owner o");
  EXPECT_EQ(risk.exit_code, 2);
  EXPECT_NE(risk.err.find("no AI system named 'nope'"), std::string::npos) << risk.err;
  RunResult model = Run("system link credit-scoring --model ghost");
  EXPECT_EQ(model.exit_code, 2);
  EXPECT_NE(model.err.find("--model 'ghost'"), std::string::npos) << model.err;

  std::string answers = Slurp(Answers());
  answers.replace(answers.find("  profiling: true"), 17, "  profiling: perhaps");
  RunResult malformed =
      Run("system classify credit-scoring --answers " + Write("bad.yaml", answers));
  EXPECT_EQ(malformed.exit_code, 2);
  EXPECT_NE(malformed.err.find("bad.yaml:18: 'annex_iii.profiling' must be true or false"),
            std::string::npos)
      << malformed.err;

  RunResult flag =
      Run("system add other --owner o --purpose p --decision-type robot "
          "--data-category none --lifecycle planned");
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("--decision-type 'robot'"), std::string::npos) << flag.err;
  RunResult scale =
      Run("risk add --system credit-scoring --title t --category bias --likelihood 7 "
          "--impact 1 --treatment accept --owner o");
  EXPECT_EQ(scale.exit_code, 2);
  EXPECT_NE(scale.err.find("--likelihood 7: expected 1 to 5"), std::string::npos) << scale.err;
  RunResult missing_risk = Run("risk update R-042 --status closed");
  EXPECT_EQ(missing_risk.exit_code, 2);
  EXPECT_NE(missing_risk.err.find("no risk R-042"), std::string::npos) << missing_risk.err;
  EXPECT_EQ(Run("system add credit-scoring --owner o --purpose p --decision-type automated "
                "--data-category none --lifecycle planned")
                .exit_code,
            2);

  EXPECT_EQ(AuditEntries(), entries);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM ai_system_classifications"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM risks"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM ai_system_models"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM ai_systems"), 1);
  EXPECT_EQ(Run("audit verify").exit_code, 0);
}

}  // namespace
}  // namespace airm::cli_store_test

namespace airm::cli_store_test {
namespace {

// Separation of duties, quorum, conditions, and a new version (new digest)
// reopening the review, end to end.
TEST_P(GovernanceCliTest, BoardApprovesWithQuorumAndANewVersionReopensTheReview) {
  const std::string registrant = QueryText("SELECT registered_by FROM model_versions");
  ASSERT_EQ(Run("board add credit-board --seat data-science=dana --seat legal=bob --seat "
                "data-science=" +
                Quote(registrant) + " --actor alice")
                .exit_code,
            0);
  RunResult self = Run("review decide credit@1 --board credit-board --decision approve --actor " +
                       Quote(registrant));
  EXPECT_EQ(self.exit_code, 2);
  EXPECT_NE(self.err.find("separation of duties: " + registrant + " registered credit@1"),
            std::string::npos)
      << self.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM review_signoffs"), 0);
  RunResult outsider =
      Run("review decide credit@1 --board credit-board --decision approve --actor eve");
  EXPECT_EQ(outsider.exit_code, 2);
  EXPECT_NE(outsider.err.find("eve holds no seat"), std::string::npos) << outsider.err;

  RunResult pending = Run("review status credit --board credit-board --json -");
  EXPECT_EQ(pending.exit_code, 1);
  EXPECT_EQ(pending.Json()["state"], "pending");
  EXPECT_EQ(pending.Json()["missing_functions"], json::array({"data-science", "legal"}));

  ASSERT_EQ(
      Run("review decide credit@1 --board credit-board --decision approve --actor dana").exit_code,
      0);
  EXPECT_EQ(Run("review decide credit@1 --board credit-board --decision approve-with-conditions "
                "--actor bob")
                .exit_code,
            2);  // conditions missing
  ASSERT_EQ(Run("review decide credit@1 --board credit-board --decision approve-with-conditions "
                "--condition 'monthly fairness report' --actor bob")
                .exit_code,
            0);
  RunResult approved = Run("review status credit --board credit-board --json -");
  EXPECT_EQ(approved.exit_code, 0) << approved.out;
  EXPECT_EQ(approved.Json()["state"], "approved");
  EXPECT_EQ(approved.Json()["findings"][0]["code"], "review.conditions");
  EXPECT_EQ(approved.Json()["current_signoffs"][1]["artifact_digest"],
            QueryText("SELECT artifact_digest FROM model_versions"));

  // A new version with another artifact: the approval does not carry over.
  ASSERT_EQ(Run("model register --name credit --version 2 --artifact " +
                Example("model_meta.json") + " --training-data ref")
                .exit_code,
            0);
  RunResult reopened = Run("review status credit --board credit-board --json -");
  EXPECT_EQ(reopened.exit_code, 1);
  EXPECT_EQ(reopened.Json()["model"]["ref"], "credit@2");
  EXPECT_EQ(reopened.Json()["state"], "pending");
  EXPECT_EQ(reopened.Json()["findings"][1]["code"], "review.stale");
  EXPECT_EQ(Run("review status credit@1 --board credit-board").exit_code, 0);

  RunResult reject =
      Run("review decide credit@2 --board credit-board --decision reject "
          "--comment 'fails fairness' --actor bob --json -");
  ASSERT_EQ(reject.exit_code, 0) << reject.err;
  EXPECT_EQ(reject.Json()["state"], "rejected");
  EXPECT_EQ(reject.Json()["findings"][0]["code"], "review.rejected");
  // The fixture's two registrations, credit@2's, board.add and three
  // decisions; the refused ones left no entry.
  EXPECT_EQ(AuditEntries(), 7);
  EXPECT_EQ(Run("audit verify").exit_code, 0);
}

AIRM_INSTANTIATE_STORE_BACKENDS(GovernanceCliTest);

}  // namespace
}  // namespace airm::cli_store_test
