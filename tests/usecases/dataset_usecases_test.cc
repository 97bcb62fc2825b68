// RegisterDataset, DiffDatasets and CheckDataset on a real workspace.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/usecases/check_dataset.h"
#include "airm/usecases/diff_datasets.h"
#include "airm/usecases/register_dataset.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class DatasetUseCasesTest : public WorkspaceTest {
 protected:
  store::DatasetVersion Register(const std::string& file, const std::string& name) {
    auto r = RegisterDataset({.store = Where(), .file = file, .name = name});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->version : store::DatasetVersion{};
  }
};

TEST_F(DatasetUseCasesTest, RegisterIsIdempotentAndSaysWhenTagsWereNotApplied) {
  const std::string file = WriteFile("a.csv", "x,y\n1,u\n2,v\n");
  auto first =
      RegisterDataset({.store = Where(), .file = file, .name = "t", .tags = {{"team", "risk"}}});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->version.Ref(), "t@1");
  EXPECT_EQ(first->version.row_count, 2);
  EXPECT_TRUE(first->findings.empty());

  auto again =
      RegisterDataset({.store = Where(), .file = file, .name = "t", .tags = {{"team", "other"}}});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->version.id, first->version.id);
  ASSERT_EQ(again->findings.size(), 1u);
  EXPECT_EQ(again->findings[0].code, "dataset.tags_not_applied");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions"), 1);
}

TEST_F(DatasetUseCasesTest, RegisterErrorsNameTheProblem) {
  auto no_file = RegisterDataset({.store = Where(), .file = ""});
  EXPECT_EQ(no_file.status().code(), StatusCode::kInvalidArgument);
  auto missing = RegisterDataset({.store = Where(), .file = (dir_ / "nope.csv").string()});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("nope.csv"));
  auto no_workspace = RegisterDataset(
      {.store = {.store_flag = (dir_ / "not-a-workspace").string()}, .file = "x.csv"});
  EXPECT_EQ(no_workspace.status().code(), StatusCode::kNotFound);
}

TEST_F(DatasetUseCasesTest, DiffReportsSchemaChangesAndSideBySideProfiles) {
  Register(WriteFile("v1.csv", "x,y,gone\n1,u,1\n2,u,1\n3,v,1\n"), "t");
  Register(WriteFile("v2.csv", "x,y,added\n10,v,a\n,v,b\n20,w,c\n"), "t");
  auto diff = DiffDatasets({.store = Where(), .a = "t@1", .b = "t@2", .top = 1});
  ASSERT_TRUE(diff.ok()) << diff.status().ToString();
  EXPECT_FALSE(diff->same_content);
  EXPECT_TRUE(diff->schema_comparable);
  ASSERT_EQ(diff->removed.size(), 1u);
  EXPECT_EQ(diff->removed[0].name, "gone");
  ASSERT_EQ(diff->added.size(), 1u);
  EXPECT_EQ(diff->added[0].name, "added");
  EXPECT_TRUE(diff->retyped.empty());
  EXPECT_EQ(diff->findings.size(), 2u);

  ASSERT_EQ(diff->columns.size(), 4u);  // x, y, gone (A's order), then added
  const ColumnDiff& x = diff->columns[0];
  ASSERT_TRUE(x.a && x.b);
  EXPECT_TRUE(x.a->numeric);
  EXPECT_DOUBLE_EQ(*x.a->mean, 2.0);
  EXPECT_DOUBLE_EQ(*x.b->mean, 15.0);
  EXPECT_DOUBLE_EQ(*x.a->missing_share, 0.0);
  EXPECT_DOUBLE_EQ(*x.b->missing_share, 1.0 / 3.0);
  const ColumnDiff& y = diff->columns[1];
  ASSERT_TRUE(y.a && y.b);
  ASSERT_EQ(y.a->top_values.size(), 1u);  // --top 1
  EXPECT_EQ(y.a->top_values[0].value, "u");
  EXPECT_DOUBLE_EQ(*y.a->top_values[0].share, 2.0 / 3.0);
  EXPECT_EQ(diff->columns[2].name, "gone");
  EXPECT_FALSE(diff->columns[2].b.has_value());
  EXPECT_FALSE(diff->columns[3].a.has_value());
}

TEST_F(DatasetUseCasesTest, DiffRejectsUnknownVersionsAndBadTop) {
  Register(WriteFile("v1.csv", "x\n1\n"), "t");
  auto unknown = DiffDatasets({.store = Where(), .a = "t@1", .b = "t@7"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("t"));
  auto top = DiffDatasets({.store = Where(), .a = "t@1", .b = "t@1", .top = 0});
  EXPECT_EQ(top.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(top.status().message(), HasSubstr("--top 0"));
}

TEST_F(DatasetUseCasesTest, CheckComparesWithThePreviousVersionAndRecordsEachFamily) {
  Register(WriteFile("v1.csv", "age,city\n30,a\n40,b\n50,a\n60,b\n"), "credit");
  Register(WriteFile("v2.csv", "age,city\n90,a\n95,b\n99,a\n97,b\n"), "credit");
  auto check = CheckDataset({.store = Where(), .dataset = "credit@2"});
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(check->reference.Ref(), "credit@1");
  EXPECT_FALSE(check->self_reference);
  EXPECT_EQ(check->status, CheckStatus::kFail);
  auto range = std::find_if(check->families.begin(), check->families.end(),
                            [](const QualityFamily& f) { return f.name == "out_of_range_share"; });
  ASSERT_NE(range, check->families.end());
  EXPECT_EQ(range->status, CheckStatus::kFail);
  ASSERT_FALSE(range->metrics.empty());
  EXPECT_EQ(range->metrics[0].first, "age");
  EXPECT_DOUBLE_EQ(range->metrics[0].second.value(), 1.0);  // every age is above 60
  ASSERT_FALSE(check->findings.empty());
  EXPECT_EQ(check->findings[0].severity, Severity::kFail);
  EXPECT_EQ(check->findings[0].code, "quality.out_of_range_share");
  EXPECT_EQ(check->findings[0].subject, "age");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM quality_check_runs"),
            static_cast<int64_t>(check->families.size()));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM quality_check_runs WHERE check_name = "
                     "'out_of_range_share' AND status = 'fail' AND "
                     "reference_dataset_version_id = 1"),
            1);
}

TEST_F(DatasetUseCasesTest, CheckOfAFirstVersionUsesItselfAndThresholdsApply) {
  Register(WriteFile("v1.csv", "age,city\n30,a\n40,b\n50,a\n60,b\n"), "credit");
  auto check = CheckDataset({.store = Where(), .dataset = "credit@1"});
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->self_reference);
  EXPECT_EQ(check->status, CheckStatus::kPass);
  EXPECT_TRUE(check->findings.empty());

  Register(WriteFile("v2.csv", "age,city\n30,a\n40,b\n50,a\n61,b\n"), "credit");
  auto thresholds = DefaultQualityThresholds();
  ASSERT_TRUE(ParseQualityThreshold("out_of_range_share=0.5,0.9", &thresholds).ok());
  auto lenient = CheckDataset({.store = Where(), .dataset = "credit@2", .thresholds = thresholds});
  ASSERT_TRUE(lenient.ok()) << lenient.status().ToString();
  EXPECT_EQ(lenient->status, CheckStatus::kPass);  // 1 of 4 out of range, under 0.5
}

TEST_F(DatasetUseCasesTest, CheckRefusesAFileThatChangedSinceRegistration) {
  const std::string file = WriteFile("v1.csv", "age\n30\n40\n");
  Register(file, "credit");
  WriteFile("v1.csv", "age\n31\n40\n");
  auto check = CheckDataset({.store = Where(), .dataset = "credit@1"});
  ASSERT_FALSE(check.ok());
  EXPECT_EQ(check.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(check.status().message(), HasSubstr("no longer matches its registered digest"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM quality_check_runs"), 0);
}

}  // namespace
}  // namespace airm::usecases
