// Deploy on a real workspace: the previous deployment is closed, a repeat
// changes nothing.
#include "airm/usecases/deploy.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

using DeployTest = WorkspaceTest;

TEST_F(DeployTest, ANewVersionClosesThePreviousDeploymentAndARepeatChangesNothing) {
  RegisterModel("credit", "1");
  RegisterModel("credit", "2");
  auto first = Deploy({.store = Where(),
                       .model = "credit@1",
                       .environment = "prod",
                       .at = "2026-01-01T01:00:00+01:00"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->at, "2026-01-01T00:00:00Z");
  EXPECT_FALSE(first->outcome.closed.has_value());

  auto second = Deploy(
      {.store = Where(), .model = "credit@2", .environment = "prod", .at = "2026-02-01T00:00:00Z"});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(second->replaced.has_value());
  EXPECT_EQ(second->replaced->Ref(), "credit@1");
  EXPECT_EQ(second->outcome.closed->valid_to, "2026-02-01T00:00:00Z");
  EXPECT_TRUE(second->findings.empty());

  auto again = Deploy(
      {.store = Where(), .model = "credit@2", .environment = "prod", .at = "2026-03-01T00:00:00Z"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->outcome.unchanged);
  ASSERT_EQ(again->findings.size(), 1u);
  EXPECT_EQ(again->findings[0].code, "deploy.unchanged");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM deployments"), 2);
}

TEST_F(DeployTest, ErrorsNameTheFlagOrTheMissingVersion) {
  RegisterModel("credit", "1");
  auto bad_time =
      Deploy({.store = Where(), .model = "credit@1", .environment = "prod", .at = "noon"});
  EXPECT_EQ(bad_time.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_time.status().message(), HasSubstr("--at 'noon'"));
  auto unknown = Deploy({.store = Where(), .model = "credit@7", .environment = "prod"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM deployments"), 0);
}

}  // namespace
}  // namespace airm::usecases
