// Issue 12 §3 for the analysis commands, end to end on the real binary: every
// list flag takes comma lists and repeats, and the schema file's segment: and
// sensitive: keys work wherever the --segment and --sensitive flags do.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cli/cli_fixture.h"

namespace {

using airm::testing::CliTest;
using airm::testing::RunResult;
using airm::testing::Slurp;
using nlohmann::json;

std::set<std::string> SegmentColumns(const json& doc) {
  std::set<std::string> columns;
  for (const json& s : doc["segments"]) columns.insert(s["column"].get<std::string>());
  return columns;
}

class ConventionsTest : public CliTest {
 protected:
  static std::string EvaluateArgs() {
    return "evaluate --data " + Example("current.csv") +
           " --target Status --score score --positive-label bad --bootstrap 0 --json -";
  }
};

TEST_F(ConventionsTest, EvaluateTakesSegmentAndSensitiveFromTheSchemaFile) {
  const std::string schema = Write("roles.yaml", "segment: [Home]\nsensitive: [Marital]\n");
  RunResult r = Run(EvaluateArgs() + " --schema " + schema);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(SegmentColumns(doc), std::set<std::string>{"Home"});
  EXPECT_TRUE(doc["fairness"].contains("Marital")) << doc["fairness"].dump();
  // A flag naming the same column adds nothing twice.
  RunResult both = Run(EvaluateArgs() + " --schema " + schema + " --segment Home");
  ASSERT_EQ(both.exit_code, 0) << both.err;
  EXPECT_EQ(both.Json()["segments"].size(), doc["segments"].size());
}

TEST_F(ConventionsTest, EvaluateListFlagsTakeCommaListsAndRepeats) {
  RunResult comma = Run(EvaluateArgs() + " --segment Home,Job --sensitive Marital,Records");
  ASSERT_EQ(comma.exit_code, 0) << comma.err;
  RunResult repeated =
      Run(EvaluateArgs() + " --segment Home --segment Job --sensitive Marital --sensitive Records");
  ASSERT_EQ(repeated.exit_code, 0) << repeated.err;
  const json a = comma.Json(), b = repeated.Json();
  EXPECT_TRUE(SegmentColumns(a).contains("Home"));
  EXPECT_TRUE(SegmentColumns(a).contains("Job"));
  EXPECT_EQ(SegmentColumns(a), SegmentColumns(b));
  EXPECT_TRUE(a["fairness"].contains("Marital"));
  EXPECT_TRUE(a["fairness"].contains("Records"));
  EXPECT_EQ(a["fairness"].size(), b["fairness"].size());
}

TEST_F(ConventionsTest, NullTokensTakeCommaListsInEveryReadingCommand) {
  const std::string data = Write("d.csv", "x,y\n1,a\nNA,b\n-,c\n4,d\n");
  RunResult r = Run("profile " + data + " --null-token NA,- --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json x = r.Json()["columns"][0];
  EXPECT_EQ(x["name"], "x");
  EXPECT_EQ(x["type"], "int64") << x.dump();
  EXPECT_EQ(x["null_count"], 2);
  // A following word is a positional argument's, never a second token.
  RunResult extra = Run("profile --null-token NA " + data + " --json -");
  ASSERT_EQ(extra.exit_code, 0) << extra.err;
}

TEST_F(ConventionsTest, DriftSegmentAndIdTakeCommaLists) {
  const std::string ref = Write("r.csv", "id,g,h,v\n1,a,u,1\n2,a,v,2\n3,b,u,3\n4,b,v,4\n");
  const std::string cur = Write("c.csv", "id,g,h,v\n5,a,u,1\n6,a,v,2\n7,b,u,3\n8,b,v,4\n");
  RunResult r = Run("drift --reference " + ref + " --current " + cur +
                    " --segment g,h --id id --min-rows 1 --min-segment-rows 1 --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = r.Json();
  std::set<std::string> segment_columns;
  for (const json& s : doc["config"]["segment_columns"])
    segment_columns.insert(s.get<std::string>());
  EXPECT_EQ(segment_columns, (std::set<std::string>{"g", "h"})) << doc["config"].dump();
}

}  // namespace
