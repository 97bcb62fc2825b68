// The Database implementations: opening, migrations, refusing foreign or
// damaged stores, transactions, and two processes writing at once. Tests of
// behaviour both must share run against SQLite and PostgreSQL (TEST_P);
// tests of one implementation's own mechanics (file headers, WAL, locks)
// are TEST.
#include "airm/store/database.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "airm/store/datasets.h"
#include "migrations.h"
#include "postgres_dialect.h"
#include "postgres_server.h"
#include "store_backends.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::unique_ptr<Database> OpenOrDie(const std::string& path, SqliteOptions options = {}) {
  auto db = OpenSqliteStore(path, options);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

std::string NewStore(const std::filesystem::path& dir) {
  std::string path = (dir / "airm.db").string();
  OpenOrDie(path, {.create = true});
  return path;
}

// Runs SQL on the raw file with the sqlite3 library, behind airm's back.
void RawExec(const std::string& path, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &handle), SQLITE_OK);
  char* error = nullptr;
  EXPECT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
      << (error ? error : "");
  sqlite3_free(error);
  sqlite3_close(handle);
}

// A fresh store of the parameter's kind per test.
class DatabaseTest : public ::testing::TestWithParam<airm::testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    location_ = airm::testing::FreshStoreLocation(GetParam(), testing::FreshDir(), &skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    ASSERT_FALSE(location_.empty());
  }
  std::unique_ptr<Database> Open() {
    auto db = airm::testing::OpenStoreLocation(location_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }
  // Test tables are written in portable DDL, translated as migrations are.
  static Status Ddl(Database& db, const std::string& sql) {
    if (db.dialect() == SqlDialect::kSqlite) return db.Execute(sql);
    return db.Execute(internal::TranslateMigrationForPostgres(sql));
  }
  std::string location_;
};

// Issue 12 §4: a cell whose storage class is not its column's declared type
// (the file edited behind airm's back) is kCorrupt naming the store and the
// column, before any typed Row accessor sees it.
TEST(Database, CellsOfTheWrongTypeAreCorruptNotAssertions) {
  auto dir = testing::FreshDir();
  const std::string path = NewStore(dir);
  {
    auto db = OpenOrDie(path);
    ASSERT_NE(db, nullptr);
    NewDatasetVersion v;
    v.name = "d";
    v.content.digest = "sha256:" + std::string(64, 'a');
    v.content.row_count = 3;
    v.registered_by = "tester";
    auto registered = RegisterDatasetVersion(*db, v);
    ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  }
  for (const std::string& damage :
       {std::string("UPDATE dataset_versions SET row_count = 'many'"),
        std::string("UPDATE dataset_versions SET row_count = 3, registered_by = x'00ff'"),
        std::string("UPDATE dataset_versions SET registered_by = 't', bytes = 2.5")}) {
    RawExec(path, damage);
    auto db = OpenOrDie(path);
    ASSERT_NE(db, nullptr);
    auto versions = ListDatasetVersions(*db, std::nullopt);
    ASSERT_FALSE(versions.ok()) << damage;
    EXPECT_EQ(versions.status().code(), StatusCode::kCorrupt) << damage;
    EXPECT_THAT(versions.status().message(), HasSubstr("airm.db: the store is damaged: column '"))
        << damage;
    EXPECT_EQ(ExitCodeFor(versions.status()), 2);
  }
}

// SQLite enforces NOT NULL on every write, so the only way to a NULL there is
// a file edited outside airm: here the schema text is loosened, a NULL
// written and the schema restored, as an attacker with the file could.
TEST(Database, NullWhereAValueIsRequiredIsCorruptNotAnAssertion) {
  auto dir = testing::FreshDir();
  const std::string path = NewStore(dir);
  {
    auto db = OpenOrDie(path);
    ASSERT_NE(db, nullptr);
    NewDatasetVersion v;
    v.name = "d";
    v.content.digest = "sha256:" + std::string(64, 'a');
    v.registered_by = "tester";
    ASSERT_TRUE(RegisterDatasetVersion(*db, v).ok());
  }
  RawExec(path,
          "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, "
          "'registered_by TEXT NOT NULL', 'registered_by TEXT') WHERE name = 'dataset_versions'");
  RawExec(path, "UPDATE dataset_versions SET registered_by = NULL");
  RawExec(path,
          "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, "
          "'registered_by TEXT,', 'registered_by TEXT NOT NULL,') WHERE name = 'dataset_versions'");
  auto db = OpenOrDie(path);
  ASSERT_NE(db, nullptr);
  auto versions = ListDatasetVersions(*db, std::nullopt);
  ASSERT_FALSE(versions.ok());
  EXPECT_EQ(versions.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(versions.status().message(),
              HasSubstr("column 'registered_by' is empty (NULL) where a value is required"));
  EXPECT_EQ(ExitCodeFor(versions.status()), 2);
}

TEST_P(DatabaseTest, CreateAppliesEveryMigration) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto version = db->SchemaVersion();
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, KnownSchemaVersion());
  EXPECT_GE(KnownSchemaVersion(), 1);
  auto rows = db->Query("SELECT name FROM schema_migrations WHERE version = 1");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "initial");
  if (db->dialect() == SqlDialect::kPostgresql) {
    // Keys and counts are 64-bit and reals double, as on SQLite.
    auto types = db->Query(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = 'dataset_versions' AND column_name IN ('id', 'bytes') ORDER BY 1");
    ASSERT_TRUE(types.ok());
    ASSERT_EQ(types->size(), 2u);
    EXPECT_EQ((*types)[0].Text(0), "bigint");
    auto real = db->Query(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name = 'model_metrics' AND column_name = 'value'");
    ASSERT_TRUE(real.ok());
    EXPECT_EQ((*real)[0].Text(0), "double precision");
    return;
  }
  auto journal = db->Query("PRAGMA journal_mode");
  ASSERT_TRUE(journal.ok());
  EXPECT_EQ((*journal)[0].Text(0), "wal");
  auto fk = db->Query("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.ok());
  EXPECT_EQ((*fk)[0].Int(0), 1);
}

TEST_P(DatabaseTest, ReopeningDoesNotReapply) {
  ASSERT_NE(Open(), nullptr);
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto rows = db->Query("SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), KnownSchemaVersion());
}

TEST(Database, MissingFileWithoutCreateIsNotFound) {
  auto dir = testing::FreshDir();
  auto db = OpenSqliteStore((dir / "nope.db").string(), {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(db.status().message(), HasSubstr("nope.db"));
}

TEST(Database, GarbageFileIsCorruptAndNamed) {
  auto dir = testing::FreshDir();
  std::string path = (dir / "junk.db").string();
  std::ofstream(path) << "this is not a database, just some bytes that go on for a while\n";
  auto db = OpenSqliteStore(path, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(db.status().message(), HasSubstr(path));
  EXPECT_THAT(db.status().message(), HasSubstr("not an airm store"));
}

TEST(Database, GarbagePastAValidHeaderIsCorrupt) {
  auto dir = testing::FreshDir();
  std::string path = NewStore(dir);
  {
    // Keep the 16-byte magic, overwrite the rest of the first page and beyond.
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(16);
    std::string junk(8192, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto db = OpenSqliteStore(path, {});
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kCorrupt) << db.status().ToString();
  EXPECT_THAT(db.status().message(), HasSubstr(path));
}

TEST(Database, ForeignSqliteDatabaseIsRefused) {
  auto dir = testing::FreshDir();
  std::string path = (dir / "other.db").string();
  RawExec(path, "CREATE TABLE customers (id INTEGER)");
  for (bool create : {false, true}) {
    auto db = OpenSqliteStore(path, {.create = create});
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), StatusCode::kCorrupt);
    EXPECT_THAT(db.status().message(), HasSubstr("not an airm store"));
  }
  // And nothing was added to it.
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &handle), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(handle, "SELECT COUNT(*) FROM sqlite_master", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 1);
  sqlite3_finalize(stmt);
  sqlite3_close(handle);
}

TEST_P(DatabaseTest, NewerSchemaNamesBothVersions) {
  {
    auto db = Open();
    ASSERT_NE(db, nullptr);
    ASSERT_TRUE(
        db->Execute("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01T00:00:00Z')")
            .ok());
  }
  for (bool read_only : {false, true}) {
    auto db = store::IsPostgresUrl(location_)
                  ? OpenPostgresStore(location_)
                  : OpenSqliteStore(location_, {.read_only = read_only});
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.status().code(), StatusCode::kCorrupt);
    EXPECT_THAT(db.status().message(),
                HasSubstr("store schema version 999 is newer than this airm (knows up to " +
                          std::to_string(KnownSchemaVersion()) + "); upgrade airm"));
  }
}

// A PostgreSQL schema holding someone else's tables is refused and left as
// it was, as a foreign SQLite file is.
TEST(PostgresDatabase, ForeignSchemaIsRefused) {
  std::string why;
  airm::testing::PostgresServer* server = airm::testing::PostgresServer::Shared(&why);
  if (server == nullptr) GTEST_SKIP() << why;
  auto url = server->FreshSchemaUrl(airm::testing::SchemaNameForCurrentTest());
  ASSERT_TRUE(url.ok());
  ASSERT_TRUE(server->Exec(*url, "CREATE TABLE customers (id INTEGER)").ok());
  auto db = OpenPostgresStore(*url);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(db.status().message(), HasSubstr("not an airm store"));
  EXPECT_THAT(db.status().message(), HasSubstr(":***@127.0.0.1"));
  EXPECT_FALSE(server->Exec(*url, "SELECT 1 FROM schema_migrations").ok());
}

// Bad URLs and unreachable servers are input errors (exit 2) that name the
// server without its password, and never wait past the connect timeout.
TEST(PostgresDatabase, BadUrlsAndUnreachableServersAreClearErrors) {
  auto bad = OpenPostgresStore("postgresql://u:secret@host:notaport/db");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ExitCodeFor(bad.status()), 2);
  EXPECT_THAT(bad.status().message(), HasSubstr("postgresql://u:***@host:notaport/db"));
  EXPECT_THAT(bad.status().message(), Not(HasSubstr("secret")));
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  auto refused = OpenPostgresStore("postgresql://u:secret@127.0.0.1:1/db");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kIoError);
  EXPECT_EQ(ExitCodeFor(refused.status()), 2);
  EXPECT_THAT(refused.status().message(), HasSubstr("cannot connect to the PostgreSQL store"));
  EXPECT_THAT(refused.status().message(), Not(HasSubstr("secret")));
}

// A row lock held by another connection past the timeout is kUnavailable
// naming the wait, as a held SQLite write lock is.
TEST(PostgresDatabase, HeldRowLockTimesOutAsUnavailable) {
  std::string why;
  airm::testing::PostgresServer* server = airm::testing::PostgresServer::Shared(&why);
  if (server == nullptr) GTEST_SKIP() << why;
  auto url = server->FreshSchemaUrl(airm::testing::SchemaNameForCurrentTest());
  ASSERT_TRUE(url.ok());
  auto holder = OpenPostgresStore(*url);
  ASSERT_TRUE(holder.ok()) << holder.status().ToString();
  auto waiter = OpenPostgresStore(*url, {.retry_timeout_ms = 150});
  ASSERT_TRUE(waiter.ok());
  ASSERT_TRUE(
      (*holder)->Execute("INSERT INTO models (name, created_at) VALUES ('m', '2026-01-01')").ok());
  Status outer = (*holder)->WriteTransaction([&](Database& tx) -> Status {
    AIRM_RETURN_IF_ERROR(tx.Execute("UPDATE models SET created_at = 'a'"));
    return (*waiter)->WriteTransaction(
        [](Database& w) { return w.Execute("UPDATE models SET created_at = 'b'"); });
  });
  EXPECT_EQ(outer.code(), StatusCode::kUnavailable);
  EXPECT_THAT(outer.message(), HasSubstr("150 ms"));
  auto rows = (*waiter)->Query("SELECT created_at FROM models");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Text(0), "2026-01-01");
}

TEST_P(DatabaseTest, ValuesRoundTripWithNull) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(
      Ddl(*db, "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, r REAL, s TEXT, n TEXT)").ok());
  auto inserted = db->Query("INSERT INTO t (i, r, s, n) VALUES (?, ?, ?, ?) RETURNING id",
                            {int64_t{-7}, 2.5, std::string("héllo"), std::monostate{}});
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  EXPECT_EQ((*inserted)[0].Int(0), 1);
  ASSERT_TRUE(db->Execute("INSERT INTO t (i, r, s) VALUES (?, ?, ?)",
                          {int64_t{INT64_MAX}, 0.1, std::string("it's ?")})
                  .ok());
  auto rows = db->Query("SELECT i, r, s, n FROM t ORDER BY id");
  ASSERT_TRUE(rows.ok());
  const Row& row = (*rows)[0];
  EXPECT_EQ(row.Int(0), -7);
  EXPECT_DOUBLE_EQ(row.Real(0), -7.0);
  EXPECT_DOUBLE_EQ(row.Real(1), 2.5);
  EXPECT_EQ(row.Text(2), "héllo");
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_EQ(row.OptionalText(3), std::nullopt);
  EXPECT_EQ(row.OptionalInt(0), -7);
  // 64-bit integers, reals exactly, and text with quotes and placeholders.
  EXPECT_EQ((*rows)[1].Int(0), INT64_MAX);
  EXPECT_EQ((*rows)[1].Real(1), 0.1);
  EXPECT_EQ((*rows)[1].Text(2), "it's ?");
}

TEST_P(DatabaseTest, FailedBodyRollsBackEverything) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Ddl(*db, "CREATE TABLE t (k TEXT PRIMARY KEY)").ok());
  Status s = db->WriteTransaction([](Database& tx) -> Status {
    AIRM_RETURN_IF_ERROR(tx.Execute("INSERT INTO t VALUES ('a')"));
    return tx.Execute("INSERT INTO t VALUES ('a')");  // duplicate key
  });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("UNIQUE"));
  auto rows = db->Query("SELECT COUNT(*) FROM t");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 0);
}

TEST_P(DatabaseTest, ForeignKeysAreEnforced) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  Status s = db->Execute(
      "INSERT INTO dataset_versions (dataset_id, version, digest, registered_at, registered_by)"
      " VALUES (42, 1, 'sha256:00', '2026-01-01T00:00:00Z', 'me')");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(s.message(), HasSubstr("FOREIGN KEY"));
}

TEST_P(DatabaseTest, QueryEachStopsEarlyAndAllowsNestedQueries) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Ddl(*db, "CREATE TABLE t (i INTEGER); INSERT INTO t VALUES (1), (2), (3);").ok());
  int seen = 0;
  Status s = db->QueryEach("SELECT i FROM t ORDER BY i", {}, [&](const Row& row) -> Status {
    ++seen;
    // The same SQL again while the outer statement is still stepping.
    auto inner = db->Query("SELECT i FROM t ORDER BY i");
    if (!inner.ok()) return inner.status();
    if (inner->size() != 3) return Status::Internal("inner query saw wrong rows");
    if (row.Int(0) == 2) return Status::NotFound("stop here");
    return Status::Ok();
  });
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
  EXPECT_EQ(seen, 2);
}

// More rows than PostgreSQL's QueryEach fetches per round trip (1000): every
// row arrives once, in order, outside and inside a transaction, with nested
// reads and (outside, on PostgreSQL) whole write transactions between them;
// on PostgreSQL
// through a cursor, so the client never holds the whole result. A stopped
// scan leaves the connection ready for the next.
TEST_P(DatabaseTest, QueryEachStreamsLargeResultsInOrder) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Ddl(*db, "CREATE TABLE big (i INTEGER, s TEXT); CREATE TABLE side (i INTEGER)").ok());
  constexpr int kRows = 2500;
  ASSERT_TRUE(db->WriteTransaction([&](Database& tx) -> Status {
                  AIRM_ASSIGN_OR_RETURN(auto insert, tx.Prepare("INSERT INTO big VALUES (?, ?)"));
                  for (int i = 0; i < kRows; ++i) {
                    AIRM_RETURN_IF_ERROR(insert->Run({int64_t{i}, "row " + std::to_string(i)}));
                  }
                  return Status::Ok();
                }).ok());
  const std::string scan = "SELECT i, s FROM big WHERE i >= ? ORDER BY i";
  // The cursors left open on PostgreSQL (none once a scan is over).
  const auto open_cursors = [&]() -> std::string {
    if (db->dialect() != SqlDialect::kPostgresql) return "";
    // The statement's own unnamed portal is listed too, with an empty name.
    auto names = db->Query("SELECT name FROM pg_cursors WHERE name <> '' ORDER BY name");
    if (!names.ok()) return names.status().ToString();
    std::string out;
    for (const Row& row : *names) out += row.Text(0) + " ";
    return out;
  };
  const auto check_all = [&](Database& on, bool write_between) -> Status {
    int64_t next = 0;
    AIRM_RETURN_IF_ERROR(on.QueryEach(scan, {int64_t{0}}, [&](const Row& row) -> Status {
      if (row.Int(0) != next || row.Text(1) != "row " + std::to_string(next)) {
        return Status::Internal("row " + std::to_string(row.Int(0)) + " where " +
                                std::to_string(next) + " was due");
      }
      ++next;
      if (next % 700 == 0) {
        AIRM_ASSIGN_OR_RETURN(auto count, on.Query("SELECT COUNT(*) FROM big"));
        if (count[0].Int(0) != kRows) return Status::Internal("nested query miscounted");
        if (on.dialect() == SqlDialect::kPostgresql) {
          AIRM_ASSIGN_OR_RETURN(auto cursors,
                                on.Query("SELECT COUNT(*) FROM pg_cursors WHERE name <> ''"));
          if (cursors[0].Int(0) != 1) {
            return Status::Internal(std::to_string(cursors[0].Int(0)) + " cursors open, not 1");
          }
        }
        if (write_between) {
          AIRM_RETURN_IF_ERROR(on.WriteTransaction(
              [&](Database& tx) { return tx.Execute("INSERT INTO side VALUES (?)", {next}); }));
        }
      }
      return Status::Ok();
    }));
    if (next != kRows) return Status::Internal("saw " + std::to_string(next) + " rows");
    return Status::Ok();
  };
  // A write transaction inside a scan is PostgreSQL's promise (WITH HOLD);
  // SQLite's repositories never write while stepping.
  const bool postgres = db->dialect() == SqlDialect::kPostgresql;
  Status outside = check_all(*db, postgres);
  EXPECT_TRUE(outside.ok()) << outside.ToString();
  EXPECT_EQ(open_cursors(), "");
  auto side = db->Query("SELECT COUNT(*) FROM side");
  ASSERT_TRUE(side.ok());
  EXPECT_EQ((*side)[0].Int(0), postgres ? kRows / 700 : 0);
  Status inside = db->ReadTransaction([&](Database& tx) { return check_all(tx, false); });
  EXPECT_TRUE(inside.ok()) << inside.ToString();
  EXPECT_EQ(open_cursors(), "");

  int seen = 0;
  Status stopped = db->QueryEach(scan, {int64_t{0}}, [&](const Row& row) -> Status {
    ++seen;
    return row.Int(0) == 1500 ? Status::NotFound("stop here") : Status::Ok();
  });
  EXPECT_EQ(stopped.code(), StatusCode::kNotFound);
  EXPECT_EQ(seen, 1501);
  EXPECT_EQ(open_cursors(), "");
  Status bad = db->QueryEach("SELECT nope FROM big", {}, [](const Row&) { return Status::Ok(); });
  EXPECT_FALSE(bad.ok());
  EXPECT_THAT(bad.message(), HasSubstr("nope"));
  EXPECT_EQ(open_cursors(), "");
  Status again = check_all(*db, false);
  EXPECT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(open_cursors(), "");
}

TEST_P(DatabaseTest, PreparedStatementBindsBorrowedText) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(Ddl(*db, "CREATE TABLE t (k TEXT, v INTEGER)").ok());
  Status s = db->WriteTransaction([](Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(auto insert, tx.Prepare("INSERT INTO t VALUES (?, ?)"));
    std::string buffer;
    for (int i = 0; i < 100; ++i) {
      buffer = "key" + std::to_string(i);  // reused buffer: values must be copied on step
      ValueView params[] = {std::string_view(buffer), int64_t{i}};
      AIRM_RETURN_IF_ERROR(insert->RunViews(params));
    }
    return insert->Run({std::string("last"), std::monostate{}});
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto rows = db->Query("SELECT COUNT(*), SUM(v), MAX(k) FROM t WHERE k LIKE 'key%'");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 100);
  EXPECT_EQ((*rows)[0].Int(1), 4950);
  EXPECT_EQ((*rows)[0].Text(2), "key99");
}

TEST_P(DatabaseTest, WrongParameterCountIsAnError) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  Status s = db->Execute("SELECT ?", {});
  // One placeholder, no value: refuse instead of binding NULL silently.
  EXPECT_EQ(s.code(), StatusCode::kInternal);
  EXPECT_THAT(s.message(), HasSubstr("expects 1 parameters, got 0"));
}

TEST(Database, HeldLockTimesOutAsUnavailable) {
  auto dir = testing::FreshDir();
  std::string path = NewStore(dir);
  auto holder = OpenOrDie(path);
  auto waiter = OpenOrDie(path, {.busy_timeout_ms = 150});
  int attempts = 0;
  Status outer = holder->WriteTransaction([&](Database&) -> Status {
    return waiter->WriteTransaction([&](Database&) -> Status {
      ++attempts;
      return Status::Ok();
    });
  });
  EXPECT_EQ(outer.code(), StatusCode::kUnavailable);
  EXPECT_THAT(outer.message(), HasSubstr("150 ms"));
  EXPECT_EQ(attempts, 0);
  // Once released, the waiter writes normally.
  EXPECT_TRUE(waiter->WriteTransaction([](Database&) { return Status::Ok(); }).ok());
}

TEST_P(DatabaseTest, ReadersSeeASnapshotWhileAWriterCommits) {
  auto reader = Open();
  auto writer = Open();
  ASSERT_TRUE(reader != nullptr && writer != nullptr);
  Status s = reader->ReadTransaction([&](Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(auto before, tx.Query("SELECT COUNT(*) FROM models"));
    AIRM_RETURN_IF_ERROR(writer->WriteTransaction([](Database& w) {
      return w.Execute(
          "INSERT INTO models (name, created_at) VALUES ('m', '2026-01-01T00:00:00Z')");
    }));
    AIRM_ASSIGN_OR_RETURN(auto after, tx.Query("SELECT COUNT(*) FROM models"));
    if (before[0].Int(0) != after[0].Int(0)) return Status::Internal("snapshot moved");
    return Status::Ok();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  auto rows = reader->Query("SELECT COUNT(*) FROM models");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 1);
}

// Two processes, each registering 200 dataset versions (one transaction
// each) at once: every one lands, nothing is lost, the file checks out.
TEST_P(DatabaseTest, TwoProcessesRegisteringAtOnceLoseNothing) {
  ASSERT_NE(Open(), nullptr);
  constexpr int kPerProcess = 200;
  auto register_many = [&](const std::string& prefix) -> bool {
    auto db = airm::testing::OpenStoreLocation(location_);
    if (!db.ok()) return false;
    for (int i = 0; i < kPerProcess; ++i) {
      NewDatasetVersion v;
      v.name = prefix + std::to_string(i);
      v.content.digest = "sha256:" + std::string(64, "0123456789abcdef"[i % 16]);
      v.registered_by = prefix;
      Status s = (*db)->WriteTransaction(
          [&](Database& tx) { return RegisterDatasetVersion(tx, v).status(); });
      if (!s.ok()) return false;
    }
    return true;
  };
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) _exit(register_many("child-") ? 0 : 1);
  bool parent_ok = register_many("parent-");
  int status = 0;
  waitpid(child, &status, 0);
  EXPECT_TRUE(parent_ok);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto rows = db->Query(
      "SELECT SUM(CASE WHEN d.name LIKE 'child-%' THEN 1 ELSE 0 END),"
      " SUM(CASE WHEN d.name LIKE 'parent-%' THEN 1 ELSE 0 END), COUNT(*)"
      " FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), kPerProcess);
  EXPECT_EQ((*rows)[0].Int(1), kPerProcess);
  EXPECT_EQ((*rows)[0].Int(2), 2 * kPerProcess);
  if (db->dialect() != SqlDialect::kSqlite) return;
  auto check = db->Query("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok());
  EXPECT_EQ((*check)[0].Text(0), "ok");
}

AIRM_INSTANTIATE_STORE_BACKENDS(DatabaseTest);

}  // namespace
}  // namespace airm::store
