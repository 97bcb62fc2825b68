#include "profile_json.h"

#include <gtest/gtest.h>

#include "airm/profile.h"
#include "credit_fixture.h"

namespace airm {
namespace {

using testing::F64;
using testing::MakeTable;
using testing::Str;

TEST(ProfileToJson, CarriesKindVersionAndErrorBounds) {
  const Table table = MakeTable({F64("x", {1.0, 2.0, std::nullopt}), Str("s", {"a", "a", "b"})});
  auto exact = ProfileTable(table);
  ASSERT_TRUE(exact.ok());
  const nlohmann::json j = ProfileToJson(*exact);
  EXPECT_EQ(j["kind"], "profile");
  EXPECT_EQ(j["schema_version"], "1.0");
  EXPECT_TRUE(j.contains("airm_version"));
  EXPECT_EQ(j["exact"], true);
  EXPECT_EQ(j["num_rows"], 3);
  const auto& x = j["columns"][0];
  EXPECT_EQ(x["name"], "x");
  EXPECT_EQ(x["kind"], "numeric");
  EXPECT_EQ(x["null_count"], 1);
  EXPECT_EQ(x["mean"], 1.5);
  EXPECT_EQ(x["quantile_rank_error"], 0.0);
  EXPECT_EQ(x["quantiles"].size(), 9u);
  EXPECT_EQ(x["quantiles"][4]["q"], 0.5);
  EXPECT_EQ(j["columns"][1]["top_values"][0]["value"], "a");
  EXPECT_EQ(j["columns"][1]["top_values"][0]["count"], 2);
  EXPECT_TRUE(j["columns"][1]["mean"].is_null()) << "undefined is null, never 0";

  auto builder = ProfileBuilder::Make();
  ASSERT_TRUE(builder.ok());
  ASSERT_TRUE(builder->Add(table).ok());
  const nlohmann::json s = ProfileToJson(*builder->Finish());
  EXPECT_EQ(s["exact"], false);
  EXPECT_NEAR(s["columns"][0]["quantile_rank_error"].get<double>(), 0.0133, 1e-4);
  EXPECT_NEAR(s["columns"][0]["distinct_relative_error"].get<double>(), 0.01625, 1e-5);
  EXPECT_EQ(s["columns"][0]["frequent_items_max_error"], 0) << "two values fit the summary";
}

TEST(ProfileToJson, SingleValueStddevIsNull) {
  auto profile = ProfileTable(MakeTable({F64("x", {4.0})}));
  ASSERT_TRUE(profile.ok());
  const nlohmann::json j = ProfileToJson(*profile);
  EXPECT_TRUE(j["columns"][0]["stddev"].is_null());
  EXPECT_EQ(j["columns"][0]["mean"], 4.0);
}

}  // namespace
}  // namespace airm

namespace airm {
namespace {

TEST(ProfileToJson, InvalidUtf8IsReplacedNotThrown) {
  auto profile = ProfileTable(
      testing::MakeTable({testing::Str("caf\xE9", {std::string("caf\xE9"), std::string("ok")})}));
  ASSERT_TRUE(profile.ok());
  const std::string dumped = ProfileToJson(*profile).dump();
  EXPECT_NE(dumped.find("caf\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace airm
