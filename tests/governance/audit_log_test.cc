// The audit log on a real store, SQLite and PostgreSQL (each test name ends
// in /Sqlite or /Postgres): appends, signed heads, and tamper detection
// naming the first bad entry for each kind of change.
#include "airm/governance/audit_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

#include "airm/store/database.h"
#include "store_backends.h"

namespace airm::governance {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

class AuditLogTest : public ::testing::TestWithParam<airm::testing::StoreBackend> {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("airm_audit_") + info->name();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = fs::path(::testing::TempDir()) / name;
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    airm::testing::FreshStore fresh = airm::testing::OpenFreshStore(GetParam(), dir_);
    AIRM_SKIP_IF_NO_STORE(fresh);
    ASSERT_NE(fresh.db, nullptr);
    db_ = std::move(fresh.db);
    auto key = SigningKey::LoadOrCreate(dir_.string());
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    key_ = std::make_unique<SigningKey>(std::move(*key));
  }

  // Appends entries 1..n, one transaction each, and writes the checkpoint.
  void Append(int n) {
    for (int i = 1; i <= n; ++i) {
      TreeHead head;
      ASSERT_TRUE(db_->WriteTransaction([&](store::Database& tx) -> Status {
                       AIRM_ASSIGN_OR_RETURN(head,
                                             AppendAudit(tx, *key_,
                                                         {.actor = "alice",
                                                          .action = "test.step",
                                                          .subject = "thing:" + std::to_string(i),
                                                          .details = {{"n", std::to_string(i)}}}));
                       return Status::Ok();
                     })
                      .ok());
      ASSERT_TRUE(WriteCheckpointFile(dir_.string(), head).ok());
    }
  }

  void Exec(const std::string& sql) { ASSERT_TRUE(db_->Execute(sql).ok()) << sql; }

  AuditLogSnapshot Snapshot() {
    AuditLogSnapshot log;
    log.entries = *ReadAuditEntries(*db_);
    log.heads = *ReadTreeHeads(*db_);
    auto key = LoadPublicKey(dir_.string());
    if (key.ok()) log.public_key = *key;
    log.checkpoint = *ReadCheckpointFile(dir_.string());
    return log;
  }

  fs::path dir_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<SigningKey> key_;
};

TEST_P(AuditLogTest, IntactLogVerifiesWithOneSignedHeadPerEntry) {
  Append(5);
  AuditVerification v = VerifyAuditLog(Snapshot());
  EXPECT_TRUE(v.ok()) << v.problems.front().message;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.tree_heads, 5);
  EXPECT_TRUE(v.checkpoint_checked);
  ASSERT_TRUE(v.root_hex);
  EXPECT_EQ(*v.root_hex, Snapshot().heads.back().root_hex);
}

TEST_P(AuditLogTest, EntriesAreCanonicalJsonWithSortedKeys) {
  Append(1);
  const std::string entry = Snapshot().entries.at(0).entry;
  EXPECT_EQ(entry.find("{\"action\":\"test.step\",\"actor\":\"alice\",\"at\":\""), 0u) << entry;
  EXPECT_THAT(entry, HasSubstr("\"details\":{\"n\":\"1\"},\"seq\":1,\"subject\":\"thing:1\"}"));
}

TEST_P(AuditLogTest, SecretKeyFileIsOwnerOnly) {
  struct stat st;
  ASSERT_EQ(::stat((dir_ / kSecretKeyFile).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  fs::permissions(dir_ / kSecretKeyFile, fs::perms::group_read, fs::perm_options::add);
  auto again = SigningKey::LoadOrCreate(dir_.string());
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.status().message(), HasSubstr("readable by group or others"));
}

TEST_P(AuditLogTest, ModifiedEntryIsNamed) {
  Append(5);
  Exec("UPDATE audit_entries SET entry = replace(entry, 'thing:3', 'thing:9') WHERE seq = 3");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 3);
  EXPECT_EQ(v.problems[0].kind, "modified");
  EXPECT_THAT(v.problems[0].message, HasSubstr("audit entry 3 was modified"));
}

TEST_P(AuditLogTest, ModifiedEntryWithRewrittenLeafHashFailsTheSignedRoot) {
  Append(5);
  Snapshot();  // the original hashes
  AuditLogSnapshot log = Snapshot();
  std::string forged = log.entries[3].entry;
  forged.replace(forged.find("thing:4"), 7, "thing:8");
  Exec("UPDATE audit_entries SET entry = '" + forged + "', leaf_hash = '" +
       HashHex(LeafHash(forged)) + "' WHERE seq = 4");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 4);
  EXPECT_EQ(v.problems[0].kind, "modified");
  EXPECT_THAT(v.problems[0].message, HasSubstr("differs from what was signed"));
}

TEST_P(AuditLogTest, DeletedEntryIsNamed) {
  Append(5);
  Exec("DELETE FROM audit_entries WHERE seq = 2");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 2);
  EXPECT_EQ(v.problems[0].kind, "deleted");
}

TEST_P(AuditLogTest, DeletedTailWithItsHeadsIsCaughtByTheCheckpointFile) {
  Append(5);
  Exec("DELETE FROM audit_entries WHERE seq >= 4");
  Exec("DELETE FROM audit_tree_heads WHERE tree_size >= 4");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 4);
  EXPECT_EQ(v.problems[0].kind, "deleted");
  EXPECT_THAT(v.problems[0].message, HasSubstr("cover 5 entries, the log holds 3"));
}

TEST_P(AuditLogTest, InsertedEntryIsNamed) {
  Append(3);
  const std::string fake =
      "{\"action\":\"test.step\",\"actor\":\"mallory\",\"at\":\"2026-01-01T00:00:00Z\","
      "\"details\":{},\"seq\":4,\"subject\":\"x\"}";
  Exec("INSERT INTO audit_entries (seq, entry, leaf_hash) VALUES (4, '" + fake + "', '" +
       HashHex(LeafHash(fake)) + "')");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 4);
  EXPECT_EQ(v.problems[0].kind, "inserted");
}

TEST_P(AuditLogTest, InsertedInTheMiddleWithRenumberingIsNamed) {
  Append(3);
  // Shift entries 2..3 up by one (rewriting their seq and hashes) and put a
  // forged entry at 2: everything looks locally consistent.
  AuditLogSnapshot log = Snapshot();
  Exec("DELETE FROM audit_entries WHERE seq >= 2");
  auto put = [&](int seq, std::string entry) {
    const std::string from = "\"seq\":" + std::to_string(seq - 1);
    if (seq > 2) entry.replace(entry.find(from), from.size(), "\"seq\":" + std::to_string(seq));
    Exec("INSERT INTO audit_entries (seq, entry, leaf_hash) VALUES (" + std::to_string(seq) +
         ", '" + entry + "', '" + HashHex(LeafHash(entry)) + "')");
  };
  put(2,
      "{\"action\":\"x\",\"actor\":\"mallory\",\"at\":\"2026-01-01T00:00:00Z\",\"details\":{},"
      "\"seq\":2,\"subject\":\"x\"}");
  put(3, log.entries[1].entry);
  put(4, log.entries[2].entry);
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 2);
  EXPECT_EQ(v.problems[0].kind, "modified");
}

TEST_P(AuditLogTest, ReorderedEntriesAreNamed) {
  Append(4);
  AuditLogSnapshot log = Snapshot();
  Exec("UPDATE audit_entries SET entry = '" + log.entries[2].entry + "', leaf_hash = '" +
       log.entries[2].leaf_hash + "' WHERE seq = 2");
  Exec("UPDATE audit_entries SET entry = '" + log.entries[1].entry + "', leaf_hash = '" +
       log.entries[1].leaf_hash + "' WHERE seq = 3");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 2);
  EXPECT_EQ(v.problems[0].kind, "reordered");
  EXPECT_THAT(v.problems[0].message, HasSubstr("holds the content of entry 3"));
}

TEST_P(AuditLogTest, ForgedSignatureIsNamed) {
  Append(3);
  Exec(
      "UPDATE audit_tree_heads SET signature = replace(signature, substr(signature, 1, 2), "
      "CASE substr(signature, 1, 2) WHEN 'aa' THEN 'bb' ELSE 'aa' END) WHERE tree_size = 2");
  AuditVerification v = VerifyAuditLog(Snapshot());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.problems[0].seq, 2);
  EXPECT_EQ(v.problems[0].kind, "bad_signature");
}

TEST_P(AuditLogTest, InclusionProofsVerifyForEveryEntryAndOlderHeads) {
  Append(6);
  AuditLogSnapshot log = Snapshot();
  for (int64_t seq = 1; seq <= 6; ++seq) {
    auto proof = ProveInclusion(log, seq, 0);
    ASSERT_TRUE(proof.ok()) << proof.status().ToString();
    EXPECT_TRUE(proof->verified) << seq;
    EXPECT_EQ(proof->tree_size, 6);
    EXPECT_EQ(proof->leaf_index, static_cast<uint64_t>(seq - 1));
  }
  auto older = ProveInclusion(log, 2, 3);
  ASSERT_TRUE(older.ok());
  EXPECT_TRUE(older->verified);
  EXPECT_EQ(older->path.size(), 2u);
  auto beyond = ProveInclusion(log, 5, 3);
  ASSERT_FALSE(beyond.ok());
  EXPECT_THAT(beyond.status().message(), HasSubstr("not in the tree of size 3"));
  EXPECT_EQ(ProveInclusion(log, 9, 0).status().code(), StatusCode::kNotFound);
}

AIRM_INSTANTIATE_STORE_BACKENDS(AuditLogTest);

// Two commands that finish at once both write the checkpoint: each write
// must succeed and leave one whole head (a temporary name shared between the
// writers let one rename the other's file away: ENOENT after a commit).
TEST(AuditCheckpointTest, ConcurrentWritersEachSucceedAndLeaveOneWholeHead) {
  const fs::path dir = fs::path(::testing::TempDir()) / "airm_audit_concurrent_checkpoint";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string root(64, 'a');
  auto writer = [&](int64_t size, int* failures) {
    const TreeHead head{.tree_size = size,
                        .root_hex = root,
                        .signed_at = "2026-12-07T00:00:00Z",
                        .public_key = std::string(64, 'b'),
                        .signature = std::string(128, 'c')};
    for (int i = 0; i < 300; ++i) *failures += WriteCheckpointFile(dir.string(), head).ok() ? 0 : 1;
  };
  int failures_a = 0, failures_b = 0;
  std::thread a(writer, 1, &failures_a), b(writer, 2, &failures_b);
  a.join();
  b.join();
  EXPECT_EQ(failures_a, 0);
  EXPECT_EQ(failures_b, 0);
  auto read = ReadCheckpointFile(dir.string());
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_TRUE(read->has_value());
  EXPECT_TRUE((*read)->tree_size == 1 || (*read)->tree_size == 2) << (*read)->tree_size;
  EXPECT_EQ((*read)->root_hex, root);
  // No temporary file is left behind.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 1);
}

}  // namespace
}  // namespace airm::governance
