// A monitor whose current data is an SQL query on PostgreSQL: the generated
// stream of monitor_stream_fixture.h loaded into a real PostgreSQL table
// (tests/support/postgres_server.h), each window's rows selected with its
// bounds bound as parameters. The workspace's own store is SQLite: the
// source is what is tested, not the store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "airm/usecases/run_monitors.h"
#include "monitor_stream_fixture.h"
#include "support/postgres_server.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::kRowsPerWeek;
using testing::kWeeks;
using ::testing::Not;

class MonitorPostgresSourceTest : public testing::MonitorStreamTest {
 protected:
  // A fresh schema holding table `scored` (ts timestamptz, x, cat) with the
  // stream's rows; its URL in *url. Skips without a server (fails under
  // $AIRM_TEST_REQUIRE_POSTGRES).
  void LoadStream(std::string* url) {
    std::string why;
    server_ = airm::testing::PostgresServer::Shared(&why);
    if (server_ == nullptr) {
      const char* required = std::getenv("AIRM_TEST_REQUIRE_POSTGRES");
      if (required != nullptr && *required != '\0') FAIL() << why;
      GTEST_SKIP() << why;
    }
    auto fresh = server_->FreshSchemaUrl(airm::testing::SchemaNameForCurrentTest());
    ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
    *url = *fresh;
    std::string sql = "CREATE TABLE scored (ts timestamptz, x double precision, cat text);\n";
    for (int week = 1; week <= kWeeks; ++week) {
      if (week == 6) continue;
      char name[64];
      std::snprintf(name, sizeof name, "batches/week_%02d.csv", week);
      std::ifstream in(dir_ / name);
      std::string line;
      std::getline(in, line);  // the header
      while (std::getline(in, line)) {
        std::stringstream fields(line);
        std::string ts, x, cat;
        std::getline(fields, ts, ',');
        std::getline(fields, x, ',');
        std::getline(fields, cat, ',');
        sql += "INSERT INTO scored VALUES ('" + ts + "', " + x + ", '" + cat + "');\n";
      }
    }
    ASSERT_TRUE(server_->Exec(*url, sql).ok());
  }

  // Exec returns no rows, so the server checks the count and raises when it
  // differs.
  Status HasRows(const std::string& url, int64_t expected) const {
    return server_->Exec(url, "DO $$ BEGIN IF (SELECT COUNT(*) FROM scored) <> " +
                                  std::to_string(expected) +
                                  " THEN RAISE EXCEPTION 'rows changed'; END IF; END $$;");
  }

  airm::testing::PostgresServer* server_ = nullptr;
};

TEST_F(MonitorPostgresSourceTest, AnSqlQueryOnPostgresSelectsEachWindowWithBoundBounds) {
  std::string url;
  LoadStream(&url);
  if (IsSkipped() || HasFatalFailure()) return;
  // :start as text cast to timestamptz, :end as epoch seconds, and a ':end'
  // literal that must stay a literal (every cat differs from it).
  WriteMonitor("credit", "",
               "{postgres: \"" + url +
                   "\", query: \"SELECT ts, x, cat FROM scored WHERE ts >= :start::timestamptz"
                   " AND extract(epoch FROM ts) < :end_epoch AND cat <> ':end' ORDER BY ts\"}",
               "2026-01-05", kWeekly);
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 16u);
  for (int week = 1; week <= kWeeks; ++week) {
    const ComputedWindow& w = run->windows[week - 1];
    SCOPED_TRACE(w.label);
    if (week == 6) {
      EXPECT_EQ(w.status, "empty");
      EXPECT_EQ(w.rows, 0);
      continue;
    }
    EXPECT_EQ(w.rows, kRowsPerWeek);
    ASSERT_TRUE(w.input_drift.has_value());
    EXPECT_EQ(*w.input_drift, week >= 9 && week <= 13);
  }
  // The stored inputs name the server without its password.
  const std::string password =
      url.substr(url.find(':', 14) + 1, url.find('@') - url.find(':', 14) - 1);
  auto db = Open();
  auto inputs = db->Query("SELECT inputs_json FROM monitor_windows ORDER BY window_start LIMIT 1");
  ASSERT_TRUE(inputs.ok());
  ASSERT_EQ(inputs->size(), 1u);
  EXPECT_THAT((*inputs)[0].Text(0), HasSubstr("***@127.0.0.1"));
  EXPECT_THAT((*inputs)[0].Text(0), Not(HasSubstr(password)));
  EXPECT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z"))->windows.empty());
}

TEST_F(MonitorPostgresSourceTest, AQueryTheServerRejectsIsAnInputErrorAndNothingIsWritten) {
  std::string url;
  LoadStream(&url);
  if (IsSkipped() || HasFatalFailure()) return;
  WriteMonitor("credit", "",
               "{postgres: \"" + url +
                   "\", query: \"SELECT nope FROM scored WHERE ts >= :start AND ts < :end\"}",
               "2026-01-05", kWeekly);
  auto bad = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ExitCodeFor(bad.status()), 2);
  EXPECT_THAT(bad.status().message(),
              HasSubstr("current.query failed: column \"nope\" does not exist (SQLSTATE 42703)"));
  EXPECT_THAT(bad.status().message(), Not(HasSubstr(url)));  // the password stays out

  // The query runs read-only: a DELETE … RETURNING is refused, the rows stay.
  WriteMonitor("credit", "",
               "{postgres: \"" + url +
                   "\", query: \"DELETE FROM scored WHERE ts >= :start AND ts < :end"
                   " RETURNING ts, x, cat\"}",
               "2026-01-05", kWeekly);
  auto write = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(ExitCodeFor(write.status()), 2);
  EXPECT_THAT(write.status().message(), HasSubstr("read-only transaction"));
  const Status unchanged = HasRows(url, kRowsPerWeek * (kWeeks - 1));
  EXPECT_TRUE(unchanged.ok()) << unchanged.ToString();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 0);
}

TEST_F(MonitorPostgresSourceTest, ANonUrlIsRejectedWhereTheConfigSaysIt) {
  WriteMonitor("credit", "", "{postgres: events.db, query: \"SELECT * WHERE :start < :end\"}",
               "2026-01-05", kWeekly);
  auto bad = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ExitCodeFor(bad.status()), 2);
  EXPECT_THAT(bad.status().message(),
              HasSubstr("monitors[0].current.postgres: expected a postgresql:// URL"));
}

}  // namespace
}  // namespace airm::usecases
