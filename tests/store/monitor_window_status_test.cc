// Migration 007: a monitor window may be stored as "estimated" (an evaluation
// window holding only a CBPE estimate) on both backends, the status CHECK
// still refuses anything else at the database itself, and the rebuilt SQLite
// table keeps its time index.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/store/database.h"
#include "airm/store/monitor_windows.h"
#include "store_backends.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

using ::testing::HasSubstr;

class MonitorWindowStatusTest : public testing::OpenStoreTest {};

TEST_P(MonitorWindowStatusTest, EstimatedWindowsAreStoredAndOtherStatusesRefused) {
  MonitorWindowRecord record{.monitor = "perf",
                             .schedule = "month-evaluation",
                             .label = "2026-02",
                             .window_start = "2026-02-01T00:00:00Z",
                             .window_end = "2026-03-01T00:00:00Z",
                             .status = "estimated",
                             .row_count = 336,
                             .result_json = "{\"kind\": \"performance_estimate\"}",
                             .inputs_json = "[]"};
  ASSERT_TRUE(
      db_->WriteTransaction([&](Database& tx) { return InsertMonitorWindow(tx, &record).status(); })
          .ok());
  auto listed = ListMonitorWindows(*db_, "perf", "month-evaluation");
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].status, "estimated");
  EXPECT_EQ((*listed)[0].row_count, 336);

  MonitorWindowRecord bogus = record;
  bogus.status = "guessed";
  auto refused =
      db_->WriteTransaction([&](Database& tx) { return InsertMonitorWindow(tx, &bogus).status(); });
  EXPECT_THAT(refused.message(), HasSubstr("must be ok, empty or estimated, got 'guessed'"));
  // The database's own CHECK, past the repository.
  auto raw = db_->WriteTransaction([&](Database& tx) {
    return tx.Execute(
        "INSERT INTO monitor_windows (monitor, schedule, label, window_start, window_end, version,"
        " status, row_count, computed_at) VALUES ('perf', 'month-evaluation', '2026-03',"
        " '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z', 1, 'guessed', 0, 'now')");
  });
  EXPECT_FALSE(raw.ok());
  EXPECT_THAT(raw.message(), HasSubstr("CHECK"));
}

TEST_P(MonitorWindowStatusTest, RebuiltTableKeepsItsTimeIndex) {
  if (db_->dialect() != SqlDialect::kSqlite) GTEST_SKIP() << "PostgreSQL alters in place";
  auto index = db_->Query(
      "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'monitor_windows'"
      " AND name = 'monitor_windows_by_time'");
  ASSERT_TRUE(index.ok()) << index.status().ToString();
  EXPECT_EQ(index->size(), 1u);
  auto leftover = db_->Query("SELECT name FROM sqlite_master WHERE name = 'monitor_windows_v6'");
  ASSERT_TRUE(leftover.ok());
  EXPECT_TRUE(leftover->empty());
}

// The heads of windows (status, next due, the evidence's count and newest
// time) are read from the covering index alone: the table row holds the
// documents, which SQLite keeps in overflow pages before computed_at.
TEST_P(MonitorWindowStatusTest, WindowHeadsAreReadFromACoveringIndex) {
  if (db_->dialect() != SqlDialect::kSqlite) GTEST_SKIP() << "SQLite's query plans";
  for (const char* sql :
       {"SELECT MAX(computed_at), COUNT(*) FROM monitor_windows WHERE monitor = 'm'",
        "SELECT id, label, window_start, window_end, version, status, row_count, computed_at"
        " FROM monitor_windows WHERE monitor = 'm' AND schedule = 'week-drift'"
        " ORDER BY window_start DESC, version DESC LIMIT 1"}) {
    auto plan = db_->Query(std::string("EXPLAIN QUERY PLAN ") + sql);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    std::string text;
    for (const Row& row : *plan) text += row.Text(3) + "\n";
    EXPECT_NE(text.find("COVERING INDEX monitor_window_heads"), std::string::npos) << sql << "\n"
                                                                                   << text;
  }
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorWindowStatusTest);

}  // namespace
}  // namespace airm::store
