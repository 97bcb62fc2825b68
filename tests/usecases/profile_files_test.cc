// Saved profiles as inputs: MergeProfileFiles (refusing different schemas by
// file and column) and RunDrift taking a saved profile or --sketch.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/sha256.h"
#include "airm/usecases/merge_profiles.h"
#include "airm/usecases/run_drift.h"
#include "airm/usecases/run_profile.h"
#include "airm/usecases/saved_profile.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class ProfileFilesTest : public WorkspaceTest {
 protected:
  // Profiles `csv` (streamed) and saves it as `name`.
  std::string Save(const std::string& name, const std::string& csv) {
    auto run = RunProfile({.data = WriteFile(name + ".csv", csv), .stream = true});
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return WriteFile(name, SerializeProfile(run->profile));
  }

  static std::string Rows(int from, int to, int shift) {
    std::string out = "x,g\n";
    for (int i = from; i < to; ++i) {
      out += std::to_string(shift + i % 50) + "," + (i % 3 ? "a" : "b") + "\n";
    }
    return out;
  }
};

TEST_F(ProfileFilesTest, MergeAddsRowsAndRefusesADifferentSchemaByFileAndColumn) {
  const std::string a = Save("a.prof", Rows(0, 100, 0));
  const std::string b = Save("b.prof", Rows(100, 250, 0));
  auto merged = MergeProfileFiles({.inputs = {a, b}});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->profile.num_rows, 250u);
  EXPECT_EQ(merged->profile.FindColumn("x")->count, 250u);
  ASSERT_EQ(merged->inputs.size(), 2u);
  EXPECT_EQ(merged->inputs[1].rows, 150u);
  EXPECT_TRUE(IsSavedProfile(a));
  EXPECT_FALSE(IsSavedProfile(dir_.string() + "/a.prof.csv"));

  const std::string renamed = Save("c.prof", "x,h\n1,a\n2,b\n");
  auto bad = MergeProfileFiles({.inputs = {a, renamed}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr(renamed + ": has no column 'g'"));

  const std::string retyped = Save("d.prof", "x,g\nu,1\nv,2\n");
  bad = MergeProfileFiles({.inputs = {a, retyped}});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr(retyped + ": column 'x' is text"));

  bad = MergeProfileFiles({.inputs = {a}});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("at least two"));

  const std::string junk = WriteFile("junk.prof", "AIRMPROF but not really");
  bad = MergeProfileFiles({.inputs = {a, junk}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(bad.status().message(), HasSubstr(junk));
}

TEST_F(ProfileFilesTest, DriftTakesASavedReferenceProfileOrSketchesBothFiles) {
  const std::string ref_prof = Save("ref.prof", Rows(0, 300, 0));
  const std::string cur = WriteFile("cur.csv", Rows(0, 300, 100));
  auto from_profile = RunDrift({.reference = ref_prof, .current = cur});
  ASSERT_TRUE(from_profile.ok()) << from_profile.status().ToString();
  EXPECT_EQ(from_profile->comparison, "sketches");
  EXPECT_EQ(from_profile->reference.path, ref_prof);
  EXPECT_EQ(from_profile->reference.sha256, *Sha256File(ref_prof));
  EXPECT_EQ(from_profile->reference.rows, 300u);
  EXPECT_EQ(from_profile->current.rows, 300u);
  EXPECT_TRUE(from_profile->input_verdict.drifted);

  auto sketched = RunDrift(
      {.reference = WriteFile("ref.csv", Rows(0, 300, 0)), .current = cur, .sketch = true});
  ASSERT_TRUE(sketched.ok()) << sketched.status().ToString();
  EXPECT_EQ(sketched->comparison, "sketches");
  EXPECT_TRUE(sketched->input_verdict.drifted);
  auto exact = RunDrift({.reference = dir_.string() + "/ref.csv", .current = cur});
  ASSERT_TRUE(exact.ok());
  EXPECT_EQ(exact->comparison, "exact");

  RoleAssignment roles;
  roles.target = {"y"};
  auto bad_role = RunDrift({.reference = ref_prof, .current = cur, .roles = roles});
  ASSERT_FALSE(bad_role.ok());
  EXPECT_THAT(bad_role.status().message(), HasSubstr("--target names column 'y'"));
}

}  // namespace
}  // namespace airm::usecases
