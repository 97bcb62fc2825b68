// End-to-end tests of the real `airm` binary: exit codes, messages, outputs.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using airm::testing::CliTest;
using airm::testing::RunResult;
using airm::testing::Slurp;
using nlohmann::json;

const json* FindByName(const json& array, const std::string& name) {
  for (const json& e : array) {
    if (e.value("name", "") == name) return &e;
  }
  return nullptr;
}

TEST_F(CliTest, ExampleReportsRealAgeDrift) {
  RunResult r = Run(ExampleArgs() + " --json " + Path("d.json") + " --html " + Path("d.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = json::parse(Slurp(Path("d.json")));
  EXPECT_EQ(doc["kind"], "drift_report");
  EXPECT_TRUE(doc["verdict"]["input_drift"]["drifted"].get<bool>());
  const json* age = FindByName(doc["columns"], "Age");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ((*age)["status"], "drift");
  EXPECT_EQ((*age)["method"], "ks");
  EXPECT_EQ(doc["inputs"]["reference"]["rows"], 3386);
  EXPECT_EQ(doc["inputs"]["current"]["rows"], 1068);
  EXPECT_EQ(doc["inputs"]["reference"]["sha256"].get<std::string>().size(), 64u);
  // Outputs are reported apart from inputs.
  EXPECT_NE(FindByName(doc["outputs"], "score"), nullptr);
  EXPECT_EQ(FindByName(doc["columns"], "score"), nullptr);
  std::string html = Slurp(Path("d.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_NE(r.out.find("Input drift:  DRIFT"), std::string::npos) << r.out;
}

TEST_F(CliTest, FailOnGatesSetExitCodeOne) {
  EXPECT_EQ(Run(ExampleArgs() + " --no-multivariate --fail-on drift").exit_code, 1);
  // Every current applicant is older than the reference's oldest: a failed
  // out-of-range check.
  EXPECT_EQ(Run(ExampleArgs() + " --no-multivariate --fail-on quality").exit_code, 1);
  EXPECT_EQ(Run(ExampleArgs() + " --no-multivariate --fail-on columns.Records.drifted").exit_code,
            0);
  EXPECT_EQ(
      Run(ExampleArgs() + " --no-multivariate --fail-on 'columns.Age.effect_size>0.5'").exit_code,
      1);
  RunResult bad = Run(ExampleArgs() + " --no-multivariate --fail-on 'columns.Nope.p_value<1'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("does not exist"), std::string::npos) << bad.err;
}

TEST_F(CliTest, IdenticalBatchesPassEveryGate) {
  std::string ref = Example("reference.csv");
  RunResult r = Run("drift --reference " + ref + " --current " + ref + " --fail-on any");
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

// Issue 12 §4: from sketches the quality checks are not run; a quality gate
// treats that as undefined (fails) unless the condition lets undefined pass.
TEST_F(CliTest, QualityGateFailsWhenQualityWasNotChecked) {
  const std::string same = "drift --reference " + Example("reference.csv") + " --current " +
                           Example("reference.csv") + " --no-multivariate";
  EXPECT_EQ(Run(same + " --fail-on quality").exit_code, 0);
  RunResult r = Run(same + " --sketch --fail-on quality --html " + Path("q.html"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("not checked"), std::string::npos) << r.out;
  EXPECT_NE(Slurp(Path("q.html")).find("Data quality was not checked."), std::string::npos);
  EXPECT_EQ(Run(same + " --sketch --fail-on 'verdict.quality? == fail'").exit_code, 0);
  EXPECT_EQ(Run(same + " --sketch --fail-on 'verdict.quality == null'").exit_code, 1);
}

// Issue 12 §4: --tests all runs the numeric tests on an integer column with
// few values too; by default it stays a categorical comparison.
TEST_F(CliTest, TestsAllRunsNumericTestsOnFewValuedIntegers) {
  std::string ref = "level\n", cur = "level\n";
  for (int i = 0; i < 200; ++i) {
    ref += std::to_string(i % 5) + "\n";
    cur += std::to_string(std::min(4, i % 5 + (i % 3 == 0 ? 1 : 0))) + "\n";
  }
  const std::string args = "drift --reference " + Write("ref.csv", ref) + " --current " +
                           Write("cur.csv", cur) + " --no-multivariate --json -";
  RunResult plain = Run(args);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const json plain_doc = plain.Json();
  const json* level = FindByName(plain_doc["columns"], "level");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ((*level)["method"], "chi2");
  EXPECT_FALSE((*level)["tests"].contains("ks"));

  RunResult all = Run(args + " --tests all");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const json doc = all.Json();
  level = FindByName(doc["columns"], "level");
  ASSERT_NE(level, nullptr);
  EXPECT_EQ((*level)["method"], "chi2");
  for (const char* t : {"chi2", "tvd", "ks", "cramer_von_mises", "anderson_darling", "energy",
                        "wasserstein", "wasserstein_norm"}) {
    ASSERT_TRUE((*level)["tests"].contains(t)) << t;
    EXPECT_TRUE((*level)["tests"][t]["statistic"].is_number()) << t;
  }
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run("drift --reference x.csv").exit_code, 2);
  EXPECT_EQ(Run("drift --bogus").exit_code, 2);
  EXPECT_EQ(Run("").exit_code, 2);
  RunResult r = Run(ExampleArgs() + " --target NoSuchColumn --json " + Path("o.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--target names column 'NoSuchColumn'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("o.json")));
  EXPECT_EQ(Run(ExampleArgs() + " --method magic").exit_code, 2);
  EXPECT_EQ(Run(ExampleArgs() + " --columns Age,Nope").exit_code, 2);
  EXPECT_EQ(Run("--help").exit_code, 0);
  EXPECT_EQ(Run("drift --help").exit_code, 0);
  EXPECT_EQ(Run("--version").exit_code, 0);
}

TEST_F(CliTest, MalformedInputNamesFileLineAndLeavesNoOutput) {
  std::string ref = Example("reference.csv");
  std::string ragged = Write("ragged.csv", "a,b\n1,2\n3,4,5\n");
  RunResult r = Run("drift --reference " + ref + " --current " + ragged + " --json " +
                    Path("o.json") + " --html " + Path("o.html"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ragged.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 3"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("o.json")));
  EXPECT_FALSE(fs::exists(Path("o.html")));

  std::string quote = Write("quote.csv", "a,b\n1,\"open\n2,3\n");
  r = Run("profile " + quote);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("quote.csv"), std::string::npos) << r.err;

  EXPECT_EQ(Run("profile " + Write("empty.csv", "")).exit_code, 2);
  EXPECT_EQ(Run("profile " + Write("header.csv", "a,b\n")).exit_code, 2);
  EXPECT_EQ(Run("profile " + Write("dup.csv", "a,a\n1,2\n")).exit_code, 2);
  EXPECT_EQ(Run("profile " + Write("bad.csv", "a,b\n1,\xff\xfe\n")).exit_code, 2);
  EXPECT_EQ(Run("profile " + Path("missing.csv")).exit_code, 2);
}

TEST_F(CliTest, DroppedAndRetypedColumnsAreReportedNotFatal) {
  std::string ref = Write("ref.csv", "x,y,z\n1,2,a\n2,3,b\n3,4,a\n4,5,b\n5,6,a\n6,7,b\n");
  std::string cur = Write("cur.csv", "x,y\n1,oops\n2,bad\n3,text\n4,no\n5,x\n6,y\n");
  RunResult r = Run("drift --reference " + ref + " --current " + cur + " --json " + Path("o.json") +
                    " --fail-on quality");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  json doc = json::parse(Slurp(Path("o.json")));
  EXPECT_EQ((*FindByName(doc["columns"], "z"))["status"], "missing_in_current");
  EXPECT_EQ((*FindByName(doc["columns"], "y"))["status"], "retyped");
  EXPECT_EQ(doc["verdict"]["quality"], "fail");
}

TEST_F(CliTest, ProfileInMemoryAndStreamingAgreeOnCounts) {
  std::string ref = Example("reference.csv");
  ASSERT_EQ(Run("profile " + ref + " --json " + Path("p.json")).exit_code, 0);
  ASSERT_EQ(Run("profile --stream --chunk-rows 500 " + ref + " --json " + Path("s.json") +
                " --save " + Path("s.prof"))
                .exit_code,
            0);
  json exact = json::parse(Slurp(Path("p.json")));
  json stream = json::parse(Slurp(Path("s.json")));
  ASSERT_EQ(exact["columns"].size(), stream["columns"].size());
  for (size_t i = 0; i < exact["columns"].size(); ++i) {
    const json& a = exact["columns"][i];
    const json& b = stream["columns"][i];
    EXPECT_EQ(a["name"], b["name"]);
    EXPECT_EQ(a["count"], b["count"]);
    EXPECT_EQ(a["null_count"], b["null_count"]);
    if (a.contains("mean") && a["mean"].is_number()) {
      EXPECT_NEAR(a["mean"].get<double>(), b["mean"].get<double>(),
                  1e-9 * std::abs(a["mean"].get<double>()));
    }
  }
  EXPECT_GT(fs::file_size(Path("s.prof")), 0u);
}

TEST_F(CliTest, EvaluateReportsWorstCaseFairnessAndCalibration) {
  std::string args = "evaluate --data " + Example("current.csv") + " --reference " +
                     Example("reference.csv") + " --schema " + Example("schema.yaml") +
                     " --target Status --score score --positive-label bad --threshold 0.3042" +
                     " --sensitive Marital --bootstrap 50";
  RunResult r = Run(args + " --json " + Path("e.json") + " --html " + Path("e.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = json::parse(Slurp(Path("e.json")));
  EXPECT_EQ(doc["kind"], "evaluation_report");
  EXPECT_EQ(doc["rows_used"], 1068);
  EXPECT_NEAR(doc["metrics"]["roc_auc"]["value"].get<double>(), 0.853, 0.001);
  EXPECT_TRUE(doc["calibration"]["ece"].is_number());
  EXPECT_TRUE(doc["fairness"]["Marital"]["demographic_parity_ratio"].is_number());
  // Model outputs named in the schema are never slice predicates.
  for (const json& s : doc["slices"]) {
    for (const json& p : s["predicates"]) {
      EXPECT_NE(p["column"], "prediction");
      EXPECT_NE(p["column"], "score");
    }
  }
  std::string html = Slurp(Path("e.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);

  // Gates on the evaluation JSON: the four-fifths rule fails on Marital.
  EXPECT_EQ(Run(args + " --fail-on 'fairness.Marital.demographic_parity_ratio<0.8'").exit_code, 1);
  EXPECT_EQ(Run(args + " --fail-on 'calibration.ece>0.2'").exit_code, 0);
  EXPECT_EQ(Run(args + " --fail-on 'fairness.Nope.demographic_parity_ratio<0.8'").exit_code, 2);
  RunResult bad =
      Run("evaluate --data " + Example("current.csv") + " --target Statuz --score score");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("Statuz"), std::string::npos) << bad.err;
}

// Issue 12 §4 / 13: saved profiles merge, and a merged profile serves as the
// drift reference (compared from sketches, with bounds); a different schema
// is refused naming the file and the column.
TEST_F(CliTest, SavedProfilesMergeAndServeAsTheDriftReference) {
  std::istringstream in(Slurp(Example("reference.csv")));
  std::string header, line, first, second;
  std::getline(in, header);
  for (int i = 0; std::getline(in, line); ++i) (i % 2 ? second : first) += line + "\n";
  const std::string a = Write("a.csv", header + "\n" + first);
  const std::string b = Write("b.csv", header + "\n" + second);
  ASSERT_EQ(Run("profile --stream " + a + " --save " + Path("a.prof")).exit_code, 0);
  ASSERT_EQ(Run("profile " + b + " --save " + Path("b.prof")).exit_code, 0);
  RunResult r = Run("profile merge " + Path("a.prof") + "," + Path("b.prof") + " --out " +
                    Path("ref.prof") + " --json " + Path("ref.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(Slurp(Path("ref.json")))["num_rows"], 3386);

  r = Run("drift --reference " + Path("ref.prof") + " --current " + Example("current.csv") +
          " --schema " + Example("schema.yaml") + " --json " + Path("d.json") + " --html " +
          Path("d.html"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = json::parse(Slurp(Path("d.json")));
  EXPECT_EQ(doc["schema_version"], "1.4");
  EXPECT_EQ(doc["comparison"], "sketches");
  EXPECT_EQ(doc["inputs"]["reference"]["rows"], 3386);
  const json* age = FindByName(doc["columns"], "Age");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ((*age)["method"], "ks");
  const json& bounds = (*age)["bounds"];
  ASSERT_TRUE(bounds.is_object());
  EXPECT_GT(bounds["reference_rank_error"].get<double>(), 0.0);
  EXPECT_LE(bounds["statistic"]["lower"].get<double>(), (*age)["statistic"].get<double>());
  EXPECT_GE(bounds["statistic"]["upper"].get<double>(), (*age)["statistic"].get<double>());
  EXPECT_NE(Slurp(Path("d.html")).find("From sketches"), std::string::npos);

  // --sketch on the data files: Age drifts as in the exact comparison.
  r = Run(ExampleArgs() + " --sketch --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json sketched = r.Json();
  age = FindByName(sketched["columns"], "Age");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ((*age)["status"], "drift");
  EXPECT_TRUE((*age)["bounds"]["decided"].get<bool>());
  // No rows, no quality checks: not checked, not "pass".
  EXPECT_TRUE(sketched["verdict"]["quality"].is_null());
  EXPECT_NE(sketched["verdict"]["quality_note"].get<std::string>().find("not checked"),
            std::string::npos);

  const std::string other = Write("other.csv", "Age,Income\n30,100\n40,200\n");
  ASSERT_EQ(Run("profile " + other + " --save " + Path("other.prof")).exit_code, 0);
  r = Run("profile merge " + Path("a.prof") + " " + Path("other.prof") + " --out " +
          Path("bad.prof"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(Path("other.prof") + ": has no column 'Status'"), std::string::npos)
      << r.err;
  EXPECT_FALSE(fs::exists(Path("bad.prof")));
}

}  // namespace
