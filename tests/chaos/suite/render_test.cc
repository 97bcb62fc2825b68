// The chaos renderers: JSON against docs/schemas/chaos.v1.json and usable by
// gates, self-contained HTML, JUnit XML that CI systems accept (checked by
// check_junit.py: well-formed, consistent counts, junit.xsd via xmllint).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "airm/chaos/chaos.h"
#include "airm/gate.h"
#include "airm/report/chaos_report.h"
#include "html_checks.h"
#include "mini_schema.h"
#include "suite_test_data.h"

namespace airm::chaos {
namespace {

using nlohmann::json;

ReportMeta Meta() { return {"0.9.0", "2026-11-27T04:33:16Z", "airm chaos --model x"}; }

const ChaosResult& CreditResult() {
  static const ChaosResult* result = [] {
    const std::string spec = "xgboost:" + testing::SourcePath("examples/credit/model.json");
    auto model = MakeModelAdapter(spec, AdapterOptions{});
    EXPECT_TRUE(model.ok());
    ChaosTargets targets;
    targets.model = model->get();
    targets.model_spec = spec;
    ChaosOptions o;
    o.target = "Status";
    o.feature_columns = {"Income", "Seniority", "Home", "Amount"};
    o.families = {Family::kMissing, Family::kTypes, Family::kCategories, Family::kUpstream};
    o.bootstrap = 20;
    auto r = RunChaos(testing::CreditTable(), targets, o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    auto* out = new ChaosResult(std::move(r).value());
    out->data.path = "examples/credit/current.csv";
    out->data.sha256 = std::string(64, 'a');
    out->model_spec = spec;
    return out;
  }();
  return *result;
}

// Everything a renderer must survive: markup and quotes in names, control
// characters and invalid UTF-8 in messages, undefined numbers.
ChaosResult HostileResult() {
  ChaosResult r;
  r.task = "binary";
  r.target = "y<\"t\">";
  r.positive_label = "1";
  r.negative_label = "0";
  r.model = "cmd:evil & <model>";
  r.fallback = "constant 0.5";
  r.fallback_spec = "const:0.5";
  r.features = {"a<b>"};
  ChaosCase c;
  c.name = "null:a<b>";
  c.family = Family::kMissing;
  c.mode = "null";
  c.feature = "a<b>";
  c.perturbation = "bell \x07 and bad \xff byte";
  c.status = CaseStatus::kFailed;
  c.reason = "crash: ]]> </failure> \x01";
  c.primary.failure = FailureKind::kCrash;
  c.primary.detail = "line1\nline2 \xc3";
  MetricChange m;
  m.metric = "roc_auc";
  m.note = "insufficient evidence: one class";
  c.metrics = {m};
  c.fallback_used = true;
  c.fallback.answered = true;
  c.fallback_metrics = {m};
  r.cases.push_back(c);
  r.skipped.push_back({Family::kUpstream, "not \"applicable\" <here>"});
  r.summary.cases = 1;
  r.summary.failed = 1;
  r.summary.verdict = CaseStatus::kFailed;
  r.summary.by_family.push_back({Family::kMissing, 0, 0, 1});
  Finding f = MakeFinding(Severity::kFail, "chaos.missing.failed", c.name, "x \x02 y");
  f.evidence["nan"] = std::nan("");
  r.findings.push_back(f);
  return r;
}

std::string CheckJUnit(const std::string& xml, std::string* output) {
  // One directory per process: ctest runs the tests of this binary in
  // parallel processes, which must not share the file.
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                    ("airm_chaos_junit_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string file = (dir / "report.xml").string();
  std::ofstream(file, std::ios::binary) << xml;
  const std::string here = testing::SourcePath("tests/chaos/suite");
  const std::string command =
      "/usr/bin/python3 " + here + "/check_junit.py " + file + " " + here + "/junit.xsd 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "cannot run check_junit.py";
  char buf[4096];
  while (fgets(buf, sizeof buf, pipe) != nullptr) *output += buf;
  const int status = pclose(pipe);
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : *output;
}

TEST(ChaosJsonTest, ConformsToTheSchema) {
  const json schema = airm::testing::LoadSchema("chaos.v1.json");
  const ChaosResult hostile = HostileResult();
  for (const ChaosResult* r : std::vector<const ChaosResult*>{&CreditResult(), &hostile}) {
    const std::string text = RenderChaosJson(*r, Meta());
    const json doc = json::parse(text);
    EXPECT_EQ(text.rfind("{\n  \"kind\": \"chaos\",\n  \"schema_version\": \"1.0\"", 0), 0u);
    const auto errors = airm::testing::ValidateSchema(schema, doc);
    EXPECT_TRUE(errors.empty()) << airm::testing::Joined(errors);
    for (const char* token : {": NaN", ": Infinity", ": -Infinity", "[NaN", ", NaN"}) {
      EXPECT_EQ(text.find(token), std::string::npos) << token;
    }
  }
}

TEST(ChaosJsonTest, SchemaCatchesBrokenDocuments) {
  const json schema = airm::testing::LoadSchema("chaos.v1.json");
  json doc = json::parse(RenderChaosJson(CreditResult(), Meta()));
  json bad = doc;
  bad["cases"][1]["status"] = "ok";
  EXPECT_EQ(airm::testing::ValidateSchema(schema, bad).size(), 1u);
  bad = doc;
  bad["summary"].erase("failed");
  EXPECT_EQ(airm::testing::ValidateSchema(schema, bad).size(), 1u);
  bad = doc;
  bad["kind"] = "drift_report";
  EXPECT_EQ(airm::testing::ValidateSchema(schema, bad).size(), 1u);
}

TEST(ChaosJsonTest, GatesAddressCasesByName) {
  const std::string text = RenderChaosJson(CreditResult(), Meta());
  const GateAliases aliases = {{"failed", {"summary.failed>0"}}};
  auto g = EvaluateGates("cases.string:Income.status==degraded", text, aliases);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(AnyGateHeld(*g));
  g = EvaluateGates("cases.null:Income.metrics.roc_auc.delta<-0.02", text, aliases);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_TRUE(AnyGateHeld(*g));
  g = EvaluateGates("failed", text, aliases);
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE(AnyGateHeld(*g));
  EXPECT_FALSE(EvaluateGates("cases.nope.status==failed", text, aliases).ok());
}

TEST(ChaosHtmlTest, SelfContainedWithVerdictTableAndChart) {
  const std::string html = RenderChaosHtml(CreditResult(), Meta());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  const size_t verdict = html.find("id=\"verdict\"");
  const size_t table = html.find("<h2>Failure modes by severity");
  const size_t chart = html.find("<h2>Metric impact per feature");
  ASSERT_NE(verdict, std::string::npos);
  ASSERT_NE(table, std::string::npos);
  ASSERT_NE(chart, std::string::npos);
  EXPECT_LT(verdict, table);
  EXPECT_LT(table, chart);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("http://"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_TRUE(airm::testing::OnlyThePagesOwnScript(html));
  // Failed cases come first; handled ones are folded under one line (issue 16 §5).
  const size_t handled = html.find("handled failure modes</summary>");
  ASSERT_NE(handled, std::string::npos);
  EXPECT_LT(html.find("<code>null:Income</code>"), handled);
  EXPECT_GT(html.find("<tr data-status=\"good\">"), handled);
  EXPECT_NE(html.find("<tr data-status=\"bad\">"), std::string::npos);
}

// Issue 16 §4: an engine's log line becomes one readable line, the raw text
// folded; the impact chart ranks features by their drop.
TEST(ChaosHtmlTest, EngineLogBecomesOneLineAndChartIsRanked) {
  ChaosResult r = CreditResult();
  ChaosCase& c = r.cases.front();
  c.status = CaseStatus::kDegraded;
  c.fallback_used = false;
  c.primary.detail =
      "xgboost XGDMatrixCreateFromMat_omp failed: [07:09:03] ./src/data/data.cc:1104: Check "
      "failed: valid: Input data contains `inf` or a value too large, while `missing` is not set "
      "to `inf`";
  const std::string html = RenderChaosHtml(r, Meta());
  EXPECT_NE(html.find("The model engine refused the input cleanly: Input data contains "
                      "`inf` or a value too large, while `missing` is not set to `inf`. Degraded, "
                      "not handled: these rows got no prediction.<details><summary "
                      "class=\"small\">engine message</summary><code>xgboost "
                      "XGDMatrixCreateFromMat_omp failed: [07:09:03]"),
            std::string::npos);

  const size_t chart = html.find("aria-label=\"Metric impact of nulling each feature\"");
  ASSERT_NE(chart, std::string::npos);
  std::vector<double> drops;
  for (size_t at = html.find("drop: ", chart);
       at != std::string::npos && at < html.find("</svg>", chart);
       at = html.find("drop: ", at + 1)) {
    drops.push_back(std::stod(html.substr(at + 6)));
  }
  ASSERT_GE(drops.size(), 2u);
  EXPECT_TRUE(std::is_sorted(drops.rbegin(), drops.rend()));
}

TEST(ChaosHtmlTest, EscapesEverything) {
  const std::string html = RenderChaosHtml(HostileResult(), Meta());
  EXPECT_EQ(html.find("<b>"), std::string::npos);
  EXPECT_EQ(html.find("<model>"), std::string::npos);
  EXPECT_NE(html.find("a&lt;b&gt;"), std::string::npos);
  EXPECT_NE(html.find("\xef\xbf\xbd"), std::string::npos);  // U+FFFD for the bad byte
}

TEST(ChaosJUnitTest, WellFormedWithConsistentCounts) {
  const ChaosResult& r = CreditResult();
  std::string output;
  const std::string error = CheckJUnit(RenderChaosJUnit(r, Meta()), &output);
  EXPECT_EQ(error, "");
  const size_t skipped = r.skipped.size();
  EXPECT_NE(output.find("tests=" + std::to_string(r.cases.size() + skipped) + " failures=" +
                        std::to_string(r.summary.failed) + " skipped=" + std::to_string(skipped)),
            std::string::npos)
      << output;
  const std::string xml = RenderChaosJUnit(r, Meta());
  EXPECT_NE(xml.find("<testsuite name=\"chaos.missing\""), std::string::npos);
  EXPECT_NE(xml.find("[degraded] the input was rejected cleanly"), std::string::npos);
}

TEST(ChaosJUnitTest, HostileTextStaysValidXml) {
  std::string output;
  EXPECT_EQ(CheckJUnit(RenderChaosJUnit(HostileResult(), Meta()), &output), "");
  EXPECT_NE(output.find("tests=2 failures=1 skipped=1"), std::string::npos) << output;
}

}  // namespace
}  // namespace airm::chaos
