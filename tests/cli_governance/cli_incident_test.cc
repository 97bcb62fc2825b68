// `airm incident open|close|list` and `airm risk reassess` through the real
// binary, on SQLite and PostgreSQL: the lifecycle, and bad input (an unknown
// system, closing an unknown incident, a file that is not a pack) exiting 2
// with nothing written.
#include <gtest/gtest.h>

#include <string>

#include "governance_backend_test.h"

namespace airm::cli_store_test {
namespace {

class IncidentCliTest : public GovernanceBackendTest {
 protected:
  void SetUp() override {
    GovernanceBackendTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ASSERT_EQ(AddSystem().exit_code, 0);
    ASSERT_EQ(Run("system link credit-scoring --model credit").exit_code, 0);
  }
};

TEST_P(IncidentCliTest, OpenListClose) {
  RunResult open =
      Run("incident open --system credit-scoring --model credit@1 --title 'Scores missing' "
          "--severity critical --category performance --at 2026-02-03T10:00:00Z --actor erin "
          "--json -");
  ASSERT_EQ(open.exit_code, 0) << open.err;
  const json opened = open.Json();
  EXPECT_EQ(opened["kind"], "incident_opened");
  EXPECT_EQ(opened["incident"]["id"], "I-001");
  EXPECT_EQ(opened["incident"]["state"], "open");
  EXPECT_EQ(opened["incident"]["opened_at"], "2026-02-03T10:00:00Z");
  EXPECT_EQ(opened["actor"]["name"], "erin");
  EXPECT_EQ(
      QueryText("SELECT " + EntryField("action") + " FROM audit_entries ORDER BY seq DESC LIMIT 1"),
      "incident.open");

  RunResult list = Run("incident list");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_NE(list.out.find("I-001  open  critical  performance  credit-scoring"), std::string::npos)
      << list.out;

  RunResult close = Run("incident close I-001 --resolution 'rolled back' --actor erin");
  ASSERT_EQ(close.exit_code, 0) << close.err;
  EXPECT_EQ(QueryText("SELECT resolution FROM incidents WHERE id = 1"), "rolled back");
  const json none = Run("incident list --json -").Json();
  EXPECT_EQ(none["summary"]["incidents"], 0);
  const json all = Run("incident list --all --json -").Json();
  EXPECT_EQ(all["incidents"][0]["state"], "closed");
}

TEST_P(IncidentCliTest, BadInputExitsTwoAndChangesNothing) {
  const int64_t audit = AuditEntries();
  RunResult unknown =
      Run("incident open --system nope --title x --severity critical --category performance");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("nope"), std::string::npos) << unknown.err;
  RunResult category =
      Run("incident open --system credit-scoring --title x --severity critical --category speed");
  EXPECT_EQ(category.exit_code, 2);
  EXPECT_NE(category.err.find("--category 'speed'"), std::string::npos) << category.err;
  RunResult close = Run("incident close I-042");
  EXPECT_EQ(close.exit_code, 2);
  EXPECT_NE(close.err.find("no incident I-042"), std::string::npos) << close.err;
  RunResult bad_id = Run("incident close forty-two");
  EXPECT_EQ(bad_id.exit_code, 2);
  EXPECT_NE(bad_id.err.find("expected I-NNN"), std::string::npos) << bad_id.err;
  RunResult pack = Run("risk reassess --pack " + Answers() + " --system credit-scoring");
  EXPECT_EQ(pack.exit_code, 2);
  EXPECT_NE(pack.err.find("not a quarterly risk pack"), std::string::npos) << pack.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM incidents"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM risk_reassessments"), 0);
  EXPECT_EQ(AuditEntries(), audit);
}

AIRM_INSTANTIATE_STORE_BACKENDS(IncidentCliTest);

}  // namespace
}  // namespace airm::cli_store_test
