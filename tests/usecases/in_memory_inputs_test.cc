// RunProfile, RunDrift, RunEvaluation and MergeProfileValues given inputs a
// face holds in memory (tables, profiles): the results equal the files', and
// the report names the input the face's way.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/reader.h"
#include "airm/usecases/merge_profiles.h"
#include "airm/usecases/run_drift.h"
#include "airm/usecases/run_evaluation.h"
#include "airm/usecases/run_profile.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

using InMemoryInputsTest = WorkspaceTest;

std::string Batch(int shift) {
  std::string text = "x,g,y,s\n";
  for (int i = 0; i < 200; ++i) {
    text += std::to_string(shift + i % 50) + "," + (i % 2 ? "a" : "b") + "," + (i % 3 ? "1" : "0") +
            "," + std::to_string((i % 10) / 10.0) + "\n";
  }
  return text;
}

// `csv` with a first column `extra`, 7 in every row.
std::string WithExtraColumn(const std::string& csv) {
  std::string out = "extra,";
  for (char c : csv) {
    out += c;
    if (c == '\n') out += "7,";
  }
  out.resize(out.size() - 2);  // no row after the last newline
  return out;
}

InMemoryInput Named(Table* table, const std::string& name) {
  InMemoryInput input;
  input.table = table;
  input.info.path = name;
  return input;
}

TEST_F(InMemoryInputsTest, ProfileOfATableEqualsTheFilesAndIsNamedByTheFace) {
  const std::string file = WriteFile("d.csv", Batch(0));
  Table table = *ReadTable(file);
  for (bool stream : {false, true}) {
    auto from_file = RunProfile({.data = file, .stream = stream});
    auto from_memory = RunProfile({.stream = stream, .in_memory = Named(&table, "<DataFrame>")});
    ASSERT_TRUE(from_memory.ok()) << from_memory.status().ToString();
    EXPECT_EQ(from_memory->input.path, "<DataFrame>");
    EXPECT_EQ(from_memory->input.sha256, "");
    EXPECT_EQ(from_memory->input.rows, 200u);
    EXPECT_EQ(from_memory->input.columns, 4u);
    EXPECT_EQ(SerializeProfile(from_memory->profile), SerializeProfile(from_file->profile));
  }
  auto none = RunProfile({});
  EXPECT_EQ(none.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(InMemoryInputsTest, DriftOfTablesOrProfilesEqualsTheFiles) {
  const std::string ref = WriteFile("ref.csv", Batch(0)), cur = WriteFile("cur.csv", Batch(20));
  Table ref_table = *ReadTable(ref), cur_table = *ReadTable(cur);
  DriftConfig config;
  config.domain_classifier = false;
  RoleAssignment roles;
  roles.target = {"y"};
  auto from_files = RunDrift({.reference = ref, .current = cur, .roles = roles, .config = config});
  ASSERT_TRUE(from_files.ok()) << from_files.status().ToString();
  auto from_tables = RunDrift({.reference_in_memory = Named(&ref_table, "<reference>"),
                               .current_in_memory = Named(&cur_table, "<current>"),
                               .roles = roles,
                               .config = config});
  ASSERT_TRUE(from_tables.ok()) << from_tables.status().ToString();
  EXPECT_EQ(from_tables->reference.path, "<reference>");
  EXPECT_EQ(from_tables->current.rows, 200u);
  EXPECT_TRUE(from_tables->input_verdict.drifted);
  ASSERT_EQ(from_tables->input_columns.size(), from_files->input_columns.size());
  for (size_t i = 0; i < from_files->input_columns.size(); ++i) {
    EXPECT_EQ(from_tables->input_columns[i].name, from_files->input_columns[i].name);
    EXPECT_EQ(from_tables->input_columns[i].p_value, from_files->input_columns[i].p_value);
  }
  ASSERT_EQ(from_tables->output_columns.size(), 1u);
  EXPECT_EQ(from_tables->output_columns[0].name, "y");

  // Profiles in memory are compared from their sketches, like saved ones.
  auto ref_profile = RunProfile({.data = ref, .stream = true});
  InMemoryInput saved;
  saved.profile = &ref_profile->profile;
  saved.info.path = "<profile>";
  auto sketches = RunDrift({.reference = ref, .current_in_memory = saved, .config = config});
  ASSERT_TRUE(sketches.ok()) << sketches.status().ToString();
  EXPECT_EQ(sketches->comparison, "sketches");
  EXPECT_EQ(sketches->current.path, "<profile>");
  EXPECT_EQ(sketches->current.rows, 200u);

  RoleAssignment missing;
  missing.target = {"nope"};
  auto bad = RunDrift({.reference_in_memory = Named(&ref_table, "<reference>"),
                       .current_in_memory = Named(&cur_table, "<current>"),
                       .roles = missing,
                       .config = config});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("'nope', which the reference <reference>"));
}

// With config.columns a table or profile in memory is narrowed as a file's
// read is: the same columns compared, the same quality checks (no new_column
// for the other columns, duplicates over the columns read), the same counts.
TEST_F(InMemoryInputsTest, DriftColumnsNarrowTablesAndProfilesAsTheyNarrowFiles) {
  const std::string ref = WriteFile("ref.csv", Batch(0));
  const std::string cur = WriteFile("cur.csv", WithExtraColumn(Batch(20)));
  Table ref_table = *ReadTable(ref), cur_table = *ReadTable(cur);
  DriftConfig config;
  config.domain_classifier = false;
  config.columns = {"g", "x"};
  RoleAssignment roles;
  roles.target = {"y"};
  auto from_files = RunDrift({.reference = ref, .current = cur, .roles = roles, .config = config});
  ASSERT_TRUE(from_files.ok()) << from_files.status().ToString();
  auto from_tables = RunDrift({.reference_in_memory = Named(&ref_table, "<reference>"),
                               .current_in_memory = Named(&cur_table, "<current>"),
                               .roles = roles,
                               .config = config});
  ASSERT_TRUE(from_tables.ok()) << from_tables.status().ToString();
  for (const DriftResult* r : {&*from_files, &*from_tables}) {
    ASSERT_EQ(r->input_columns.size(), 2u);  // no "extra": only the current batch has it
    EXPECT_EQ(r->input_columns[0].name, "g");
    EXPECT_EQ(r->input_columns[1].name, "x");
    EXPECT_EQ(r->current.columns, 3u);  // g, x and the target y
    for (const QualityCheck& q : r->quality) EXPECT_NE(q.check, "new_column") << q.message;
  }
  ASSERT_EQ(from_files->quality.size(), from_tables->quality.size());
  for (size_t i = 0; i < from_files->quality.size(); ++i) {
    EXPECT_EQ(from_files->quality[i].check, from_tables->quality[i].check);
    EXPECT_EQ(from_files->quality[i].value, from_tables->quality[i].value);
  }
  EXPECT_EQ(from_tables->input_columns[1].p_value, from_files->input_columns[1].p_value);

  // A profile in memory (all four columns and "extra") keeps only the same ones.
  auto cur_profile = RunProfile({.data = cur, .stream = true});
  ASSERT_TRUE(cur_profile.ok());
  InMemoryInput saved;
  saved.profile = &cur_profile->profile;
  saved.info.path = "<profile>";
  auto sketches =
      RunDrift({.reference = ref, .current_in_memory = saved, .roles = roles, .config = config});
  ASSERT_TRUE(sketches.ok()) << sketches.status().ToString();
  EXPECT_EQ(sketches->current.columns, 3u);
  ASSERT_EQ(sketches->input_columns.size(), 2u);
  EXPECT_EQ(sketches->input_columns[0].name, "g");
}

TEST_F(InMemoryInputsTest, EvaluationOfATableEqualsTheFiles) {
  const std::string file = WriteFile("scored.csv", Batch(0));
  Table table = *ReadTable(file);
  EvalSpec spec;
  spec.target = "y";
  spec.score = "s";
  EvalConfig config;
  config.bootstrap = 10;
  auto from_file = RunEvaluation({.data = file, .spec = spec, .config = config});
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  auto from_memory = RunEvaluation(
      {.data_in_memory = Named(&table, "<DataFrame>"), .spec = spec, .config = config});
  ASSERT_TRUE(from_memory.ok()) << from_memory.status().ToString();
  EXPECT_EQ(from_memory->data.path, "<DataFrame>");
  EXPECT_EQ(from_memory->metrics.at("roc_auc").value, from_file->metrics.at("roc_auc").value);

  spec.target = "nope";
  Table again = *ReadTable(file);
  auto bad = RunEvaluation(
      {.data_in_memory = Named(&again, "<DataFrame>"), .spec = spec, .config = config});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("<DataFrame>"));
  EXPECT_THAT(bad.status().message(), HasSubstr("nope"));
}

TEST_F(InMemoryInputsTest, MergeProfileValuesChecksAndNamesLikeTheFiles) {
  auto a = RunProfile({.data = WriteFile("a.csv", Batch(0)), .stream = true});
  auto b = RunProfile({.data = WriteFile("b.csv", Batch(20)), .stream = true});
  auto merged = MergeProfileValues({a->profile, b->profile}, {"<part 0>", "<part 1>"});
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  EXPECT_EQ(merged->num_rows, 400u);

  auto other = RunProfile({.data = WriteFile("c.csv", "x,h\n1,a\n2,b\n"), .stream = true});
  auto bad = MergeProfileValues({a->profile, other->profile}, {"<part 0>", "<part 1>"});
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("<part 1>: has no column 'g'"));
  EXPECT_FALSE(MergeProfileValues({}, {}).ok());
  EXPECT_FALSE(MergeProfileValues({a->profile}, {}).ok());
}

}  // namespace
}  // namespace airm::usecases
