// RunProfile, RunDrift and RunEvaluation: inputs read with their digests,
// configuration errors before any file is read.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "airm/sha256.h"
#include "airm/usecases/run_drift.h"
#include "airm/usecases/run_evaluation.h"
#include "airm/usecases/run_profile.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

using AnalysesTest = WorkspaceTest;

TEST_F(AnalysesTest, ProfileNamesItsInputExactlyOrStreamed) {
  const std::string file = WriteFile("d.csv", "x,y\n1,a\n2,b\n3,a\n4,\n5,a\n");
  auto exact = RunProfile({.data = file});
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(exact->input.path, file);
  EXPECT_EQ(exact->input.sha256, *Sha256File(file));
  EXPECT_EQ(exact->input.rows, 5u);
  EXPECT_EQ(exact->input.columns, 2u);
  EXPECT_TRUE(exact->profile.exact());
  ASSERT_EQ(exact->profile.columns.size(), 2u);
  EXPECT_EQ(exact->profile.columns[1].null_count, 1u);

  ReadOptions chunks;
  chunks.chunk_rows = 2;
  auto streamed = RunProfile({.data = file, .stream = true, .read = chunks});
  ASSERT_TRUE(streamed.ok()) << streamed.status().ToString();
  EXPECT_EQ(streamed->input.rows, 5u);
  EXPECT_EQ(streamed->input.sha256, exact->input.sha256);
  EXPECT_EQ(streamed->profile.num_rows, 5u);

  auto missing = RunProfile({.data = (dir_ / "nope.csv").string()});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("nope.csv"));
}

TEST_F(AnalysesTest, DriftReadsBothBatchesAndFindsTheShift) {
  std::string ref = "x,g\n", cur = "x,g\n";
  for (int i = 0; i < 200; ++i) {
    ref += std::to_string(i % 50) + "," + (i % 2 ? "a" : "b") + "\n";
    cur += std::to_string(100 + i % 50) + "," + (i % 2 ? "a" : "b") + "\n";
  }
  const std::string ref_path = WriteFile("ref.csv", ref), cur_path = WriteFile("cur.csv", cur);
  DriftConfig config;
  config.domain_classifier = false;
  auto result = RunDrift({.reference = ref_path, .current = cur_path, .config = config});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->reference.path, ref_path);
  EXPECT_EQ(result->current.sha256, *Sha256File(cur_path));
  EXPECT_EQ(result->current.rows, 200u);
  EXPECT_TRUE(result->input_verdict.drifted);
  ASSERT_FALSE(result->findings.empty());

  // An ignored column is excluded from the comparison.
  RoleAssignment roles;
  roles.ignore = {"x"};
  auto ignored =
      RunDrift({.reference = ref_path, .current = cur_path, .roles = roles, .config = config});
  ASSERT_TRUE(ignored.ok()) << ignored.status().ToString();
  EXPECT_FALSE(ignored->input_verdict.drifted);
}

TEST_F(AnalysesTest, InvalidConfigurationsFailBeforeAnyFileIsRead) {
  DriftConfig drift;
  drift.alpha = 2;
  auto d = RunDrift(
      {.reference = "/nonexistent/a.csv", .current = "/nonexistent/b.csv", .config = drift});
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(d.status().message(), Not(HasSubstr("/nonexistent")));
  EvalConfig eval;
  eval.bootstrap = -1;
  auto e = RunEvaluation({.data = "/nonexistent/a.csv", .config = eval});
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(e.status().message(), Not(HasSubstr("/nonexistent")));
}

TEST_F(AnalysesTest, EvaluationNamesItsInputs) {
  std::string data = "y,p,f\n";
  for (int i = 0; i < 100; ++i) {
    data +=
        std::to_string(i % 2) + "," + (i % 3 ? "0.8" : "0.2") + "," + (i % 4 ? "u" : "v") + "\n";
  }
  const std::string path = WriteFile("scored.csv", data);
  EvalSpec spec;
  spec.target = "y";
  spec.score = "p";
  EvalConfig config;
  config.bootstrap = 20;
  auto result = RunEvaluation({.data = path, .spec = spec, .config = config});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->data.path, path);
  EXPECT_EQ(result->data.rows, 100u);
  EXPECT_FALSE(result->reference.has_value());
  EXPECT_EQ(result->rows_used, 100u);
}

// Issue 12 §3: the schema's segment: and sensitive: keys work wherever
// --segment and --sensitive do; flags and file add up, each column once.
TEST_F(AnalysesTest, EvaluationTakesSegmentAndSensitiveFromTheSchemaFile) {
  std::string data = "y,p,region,sex\n";
  for (int i = 0; i < 120; ++i) {
    data += std::to_string(i % 2) + "," + (i % 3 ? "0.8" : "0.2") + "," +
            (i % 4 ? "north" : "south") + "," + (i % 5 ? "f" : "m") + "\n";
  }
  const std::string path = WriteFile("scored.csv", data);
  const std::string schema = WriteFile("roles.yaml", "segment: [region]\nsensitive: [sex]\n");
  EvalSpec spec;
  spec.target = "y";
  spec.score = "p";
  EvalConfig config;
  config.bootstrap = 0;
  config.segment_columns = {"region"};  // also in the file: counted once
  auto result =
      RunEvaluation({.data = path, .schema_file = schema, .spec = spec, .config = config});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  std::set<std::string> segment_columns;
  for (const SegmentResult& s : result->segments) segment_columns.insert(s.column);
  EXPECT_EQ(segment_columns, std::set<std::string>{"region"});
  ASSERT_EQ(result->fairness.size(), 1u);
  EXPECT_EQ(result->fairness[0].attribute, "sex");
}

// Issue 12 §3: the schema's ignore: key works in evaluate as in drift: an
// ignored column is never a slice predicate, even the one that explains
// every error.
TEST_F(AnalysesTest, EvaluationLeavesTheSchemasIgnoredColumnsOutOfSlices) {
  std::string data = "y,p,leak,f\n";
  for (int i = 0; i < 200; ++i) {
    const int y = i % 2;
    const bool bad = i % 5 == 0;  // every error is in leak == bad
    const double p = bad ? (y ? 0.1 : 0.9) : (y ? 0.9 : 0.1);
    data += std::to_string(y) + "," + std::to_string(p) + "," + (bad ? "bad" : "ok") + "," +
            (i % 3 ? "u" : "v") + "\n";
  }
  const std::string path = WriteFile("scored.csv", data);
  EvalSpec spec;
  spec.target = "y";
  spec.score = "p";
  EvalConfig config;
  config.bootstrap = 0;
  const auto mentions_leak = [](const EvalResult& r) {
    for (const SliceResult& slice : r.slices) {
      for (const Predicate& p : slice.predicates) {
        if (p.column == "leak") return true;
      }
    }
    return r.worst_case.slice.find("leak") != std::string::npos;
  };
  auto without = RunEvaluation({.data = path, .spec = spec, .config = config});
  ASSERT_TRUE(without.ok()) << without.status().ToString();
  EXPECT_TRUE(mentions_leak(*without));  // the slice exists to be left out

  const std::string schema = WriteFile("roles.yaml", "ignore: [leak]\n");
  auto ignored =
      RunEvaluation({.data = path, .schema_file = schema, .spec = spec, .config = config});
  ASSERT_TRUE(ignored.ok()) << ignored.status().ToString();
  EXPECT_FALSE(mentions_leak(*ignored));
}

}  // namespace
}  // namespace airm::usecases
