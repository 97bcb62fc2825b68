// The commands' text summaries, rendered in report from the result structs.
#include "airm/report/text_summaries.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/report/store_text.h"

namespace airm::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

store::DatasetVersion Version(const std::string& name, int64_t version) {
  store::DatasetVersion v;
  v.name = name;
  v.version = version;
  v.digest = "sha256:0123456789abcdef0123";
  v.row_count = 42;
  v.registered_at = "2026-12-07T07:00:00Z";
  v.registered_by = "ci";
  return v;
}

TEST(StoreTextTest, ListIsAnAlignedTableAndKeepsLongNamesWhole) {
  EXPECT_EQ(ShortDigest("sha256:0123456789abcdef0123"), "sha256:0123456789ab");
  EXPECT_EQ(ShortDigest("abc"), "abc");
  usecases::DatasetVersionList list;
  EXPECT_THAT(DatasetListText(list), HasSubstr("no datasets registered yet"));
  list.versions.push_back(Version("train", 3));
  list.versions.push_back(Version(std::string(2000, 'n'), 1));
  const std::string text = DatasetListText(list);
  EXPECT_THAT(text, HasSubstr("DATASET"));
  EXPECT_THAT(text, HasSubstr("train@3                          sha256:0123456789ab           42"));
  EXPECT_THAT(text, HasSubstr(std::string(2000, 'n') + "@1"));
}

TEST(StoreTextTest, RegistrationSaysWhetherAnythingChanged) {
  usecases::RegisteredDatasetVersion r{.version = Version("train", 1), .created = true};
  EXPECT_EQ(DatasetRegistrationText(r), "registered train@1  sha256:0123456789ab…  42 rows\n");
  r.created = false;
  r.findings.push_back(MakeFinding(Severity::kWarn, "dataset.tags_not_applied", "dataset", ""));
  EXPECT_THAT(DatasetRegistrationText(r), HasSubstr("nothing changed"));
  EXPECT_THAT(DatasetRegistrationText(r), HasSubstr("--tag values were not applied"));
}

TEST(TextSummariesTest, GateLinesSayWhichHeld) {
  const std::vector<GateOutcome> gates = {
      {.condition = "summary.failed>0", .held = true, .observed = "3"},
      {.condition = "summary.degraded>0", .held = false, .observed = "0"}};
  const std::string text = GateLinesText(gates);
  EXPECT_THAT(text, HasSubstr("Gate summary.failed>0"));
  EXPECT_THAT(text, HasSubstr("FAILED (value 3)"));
  EXPECT_THAT(text, HasSubstr("passed (value 0)"));
  chaos::ChaosResult chaos;
  chaos.task = "regression";
  EXPECT_THAT(ChaosSummaryText(chaos, gates), HasSubstr("FAILED (value 3)"));
  EXPECT_THAT(ChaosSummaryText(chaos, {}), Not(HasSubstr("Gate")));
}

}  // namespace
}  // namespace airm::report
