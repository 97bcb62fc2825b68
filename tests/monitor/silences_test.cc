#include "airm/monitor/silences.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::monitor {
namespace {

using ::testing::HasSubstr;

TEST(SilencesTest, ParsesEqualAndNotEqualMatchers) {
  auto eq = ParseSilenceMatcher("alert=x-drift");
  ASSERT_TRUE(eq.ok()) << eq.status().ToString();
  EXPECT_EQ(eq->label, "alert");
  EXPECT_TRUE(eq->equal);
  EXPECT_EQ(eq->value, "x-drift");
  auto ne = ParseSilenceMatcher("severity!=info");
  ASSERT_TRUE(ne.ok());
  EXPECT_FALSE(ne->equal);
  EXPECT_EQ(ne->label, "severity");
  EXPECT_EQ(ne->value, "info");
  auto empty_value = ParseSilenceMatcher("model=");  // matches an empty model label only
  ASSERT_TRUE(empty_value.ok());
  EXPECT_EQ(empty_value->value, "");
  for (const char* bad : {"alert", "=x", "1abc=x", "al ert=x", "!=x"}) {
    auto m = ParseSilenceMatcher(bad);
    ASSERT_FALSE(m.ok()) << bad;
    EXPECT_THAT(m.status().message(), HasSubstr("expected LABEL=VALUE")) << bad;
  }
}

TEST(SilencesTest, EveryMatcherMustHold) {
  const std::map<std::string, std::string> labels = {
      {"monitor", "credit"}, {"alert", "x-drift"}, {"severity", "critical"}};
  auto m = [](const char* text) { return *ParseSilenceMatcher(text); };
  EXPECT_TRUE(SilenceMatches({m("alert=x-drift")}, labels));
  EXPECT_TRUE(SilenceMatches({m("alert=x-drift"), m("monitor=credit")}, labels));
  EXPECT_FALSE(SilenceMatches({m("alert=x-drift"), m("monitor=other")}, labels));
  EXPECT_FALSE(SilenceMatches({m("severity!=critical")}, labels));
  EXPECT_TRUE(SilenceMatches({m("model!=credit@1")}, labels));  // absent label: != holds
  EXPECT_FALSE(SilenceMatches({m("model=credit@1")}, labels));  // absent label: = fails
  EXPECT_FALSE(SilenceMatches({}, labels));                     // no matchers silence nothing
}

}  // namespace
}  // namespace airm::monitor
