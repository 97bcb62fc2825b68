// The summaries `airm store migrate` and `airm monitor pack` print, rendered
// in report from their use cases' result structs.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/report/key_value_table.h"
#include "airm/report/quarterly_pack_text.h"
#include "airm/report/store_migration_text.h"

namespace airm::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(CommandSummariesTest, StoreMigrationListsEachTableAndTheVerifiedTotal) {
  usecases::StoreMigration m;
  m.from = "/ws/.airm/airm.db";
  m.to = "postgresql://airm@db/airm";
  m.schema_version = 7;
  m.tables = {{.table = "dataset_versions", .rows = 3, .digest = "sha256:0123456789abcdef0123"},
              {.table = "runs", .rows = 12, .digest = "sha256:fedcba9876543210fedc"}};
  EXPECT_EQ(StoreMigrationText(m),
            "copied /ws/.airm/airm.db\n"
            "    to postgresql://airm@db/airm (schema version 7)\n"
            "  dataset_versions                     3  sha256:0123456789ab\n"
            "  runs                                12  sha256:fedcba987654\n"
            "verified: 2 tables, 15 rows; row counts and content digests match in both stores\n");
  m.replaced_rows = 5;
  EXPECT_THAT(StoreMigrationText(m), HasSubstr("  replaced the 5 rows the target held\n"));
}

TEST(CommandSummariesTest, QuarterlyPackIsOneLinePerMonitor) {
  usecases::QuarterlyPack pack{.quarter = "2026-Q1"};
  pack.monitors.push_back({.monitor = "credit"});
  pack.monitors[0].windows.resize(13);
  pack.monitors[0].alerts.resize(2);
  pack.monitors[0].fired.resize(1);
  pack.monitors.push_back({.monitor = "fraud"});
  pack.systems = {"credit-scoring"};
  pack.incidents.resize(2);
  pack.incidents[1].closed_at = "2026-02-01T00:00:00Z";
  EXPECT_EQ(QuarterlyPackText(pack),
            "credit  2026-Q1: 13 window(s), 2 alert episode(s), 1 fired\n"
            "fraud  2026-Q1: 0 window(s), 0 alert episode(s), 0 fired\n"
            "2 incident(s) (1 open) of 1 system(s) in 2026-Q1\n");
  EXPECT_EQ(QuarterlyPackText({.quarter = "2026-Q1"}), "");
}

TEST(CommandSummariesTest, KeyValueTableEscapesTextCellsAndDoesNotSort) {
  HtmlTable t = KeyValueTable({"Setting", "Value"});
  AddTextRow(&t, {"Columns", "<all>"});
  const std::string html = RenderTable(t);
  EXPECT_THAT(html, HasSubstr("&lt;all&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<all>")));
  EXPECT_THAT(html, HasSubstr("kv"));
  EXPECT_FALSE(t.sortable);
}

}  // namespace
}  // namespace airm::report
