// Renderers of trace and impact: the text tree, JSON against its schema, and
// DOT / Mermaid syntax (rendered by Graphviz itself when `dot` is installed).
#include "airm/report/lineage_documents.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>

#include "mini_schema.h"
#include "pipeline.h"

namespace airm::testing {
namespace {

using lineage::GraphFormat;
using nlohmann::json;

ReportMeta Meta() {
  return {"0.1.0", "2026-11-27T04:33:16Z", "airm lineage trace --prediction p0"};
}

bool HasCommand(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

class RenderTest : public PipelineTest {
 protected:
  void SetUp() override {
    PipelineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Build();
    // A dataset name that needs escaping everywhere.
    const int64_t weird = Alias("we\"ird <name> |x| #1 {a}\\", raw, "2026-01-05T00:00:00Z");
    (void)weird;
    std::ofstream(Path("lookup.csv"), std::ios::binary) << "changed";
    auto t = lineage::TracePrediction(db(), "p0", {});
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    trace_ = std::move(t).value();
    auto i = lineage::Impact(db(), raw);
    ASSERT_TRUE(i.ok()) << i.status().ToString();
    impact_ = std::move(i).value();
  }

  // Renders DOT with Graphviz; the exit code says whether it parsed.
  int RenderWithDot(const std::string& dot) {
    std::ofstream(Path("g.dot"), std::ios::binary) << dot;
    return std::system(
        ("dot -Tsvg " + Path("g.dot") + " -o " + Path("g.svg") + " 2>" + Path("dot.err")).c_str());
  }

  lineage::TraceResult trace_;
  lineage::ImpactResult impact_;
};

TEST_P(RenderTest, TextTreeIsAsciiAndMarksProblems) {
  const std::string text = lineage::RenderTrace(trace_, GraphFormat::kText, Meta());
  EXPECT_NE(text.find("Trace of prediction p0"), std::string::npos) << text;
  EXPECT_NE(text.find("trained by run"), std::string::npos) << text;
  EXPECT_NE(text.find("[CHANGED: " + Path("lookup.csv") + "]"), std::string::npos) << text;
  EXPECT_NE(text.find("[source]"), std::string::npos) << text;
  EXPECT_NE(text.find("3 days before training"), std::string::npos) << text;
  EXPECT_NE(text.find("1 day after training"), std::string::npos) << text;
  EXPECT_NE(text.find("column b <- joined@1.b (DIRECT: 2 * b)"), std::string::npos) << text;
  EXPECT_NE(text.find("[fail] lineage.file_changed"), std::string::npos) << text;
  EXPECT_NE(text.find("re-hashed:"), std::string::npos) << text;
  // Plain ASCII throughout: no box-drawing characters, no check marks.
  for (unsigned char c : text) ASSERT_LT(c, 0x80) << text;

  const std::string impact = lineage::RenderImpact(impact_, GraphFormat::kText, Meta());
  EXPECT_NE(impact.find("Impact of raw@1"), std::string::npos) << impact;
  EXPECT_NE(impact.find("4 runs, 3 datasets, 2 model versions"), std::string::npos) << impact;
  EXPECT_NE(impact.find("credit@2"), std::string::npos) << impact;
}

TEST_P(RenderTest, JsonConformsToItsSchemas) {
  const json trace = json::parse(lineage::RenderTrace(trace_, GraphFormat::kJson, Meta()));
  EXPECT_EQ(trace["kind"], "lineage_trace");
  EXPECT_EQ(trace["verification"]["performed"], true);
  EXPECT_EQ(trace["verification"]["changed"], 1);
  EXPECT_EQ(trace["model_version"]["reference"], "credit@1");
  auto errors = ValidateSchema(LoadSchema("lineage-trace.v1.json"), trace);
  EXPECT_TRUE(errors.empty()) << Joined(errors);

  const json impact = json::parse(lineage::RenderImpact(impact_, GraphFormat::kJson, Meta()));
  EXPECT_EQ(impact["kind"], "lineage_impact");
  EXPECT_EQ(impact["totals"]["predictions"], 5);
  errors = ValidateSchema(LoadSchema("lineage-impact.v1.json"), impact);
  EXPECT_TRUE(errors.empty()) << Joined(errors);

  // The checker is not vacuous.
  json broken = trace;
  broken.erase("prediction");
  EXPECT_FALSE(ValidateSchema(LoadSchema("lineage-trace.v1.json"), broken).empty());
}

// Every DOT statement line: a node with attributes or an edge.
void ExpectDotStructure(const std::string& dot) {
  std::istringstream in(dot);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line, "digraph lineage {");
  const std::regex node(R"re(^  [A-Za-z0-9_]+ \[label="(?:[^"\\]|\\.)*", .*\];$)re");
  const std::regex edge(
      R"re(^  [A-Za-z0-9_]+ -> [A-Za-z0-9_]+( \[label="(?:[^"\\]|\\.)*"\])?;$)re");
  const std::regex graph_attr(
      R"re(^  (label=".*"|labelloc=t|rankdir=LR|node \[.*\]|edge \[.*\]);$)re");
  int nodes = 0, edges = 0;
  while (std::getline(in, line)) {
    if (line == "}") break;
    if (std::regex_match(line, node)) {
      ++nodes;
    } else if (std::regex_match(line, edge)) {
      ++edges;
    } else {
      EXPECT_TRUE(std::regex_match(line, graph_attr)) << "unexpected DOT line: " << line;
    }
  }
  EXPECT_GT(nodes, 5);
  EXPECT_GT(edges, 5);
}

TEST_P(RenderTest, DotIsValid) {
  const std::string dot = lineage::RenderTrace(trace_, GraphFormat::kDot, Meta());
  ExpectDotStructure(dot);
  EXPECT_NE(dot.find(R"(we\"ird <name> |x| #1 {a}\\)"), std::string::npos) << dot;
  EXPECT_NE(dot.find("color=red"), std::string::npos);  // the changed file
  const std::string impact = lineage::RenderImpact(impact_, GraphFormat::kDot, Meta());
  ExpectDotStructure(impact);
  if (!HasCommand("dot")) GTEST_SKIP() << "Graphviz `dot` is not installed";
  EXPECT_EQ(RenderWithDot(dot), 0) << dot;
  EXPECT_EQ(RenderWithDot(impact), 0) << impact;
}

TEST_P(RenderTest, MermaidIsValid) {
  const std::string m = lineage::RenderTrace(trace_, GraphFormat::kMermaid, Meta());
  std::istringstream in(m);
  std::string line;
  std::getline(in, line);
  EXPECT_EQ(line.rfind("%% ", 0), 0u);
  std::getline(in, line);
  EXPECT_EQ(line, "flowchart LR");
  // id + shape-open + "label" + shape-close, edges with |label|, classes.
  const std::regex node(
      R"re(^  [A-Za-z0-9_]+(\(\[|\[/|\{\{|\[\(|\(|\[)"[^"]*"(\]\)|/\]|\}\}|\)\]|\)|\])$)re");
  const std::regex edge(R"re(^  [A-Za-z0-9_]+ -->(\|[^|"()\[\]{}]*\|)? [A-Za-z0-9_]+$)re");
  const std::regex style(R"re(^  (classDef problem .*|class [A-Za-z0-9_,]+ problem)$)re");
  int nodes = 0, edges = 0;
  while (std::getline(in, line)) {
    if (std::regex_match(line, node)) {
      ++nodes;
    } else if (std::regex_match(line, edge)) {
      ++edges;
    } else {
      EXPECT_TRUE(std::regex_match(line, style)) << "unexpected Mermaid line: " << line;
    }
  }
  EXPECT_GT(nodes, 5);
  EXPECT_GT(edges, 5);
  EXPECT_NE(m.find("we#quot;ird #lt;name#gt; #124;x#124; #35;1 {a}\\"), std::string::npos) << m;
  EXPECT_NE(m.find("class "), std::string::npos);
}

AIRM_INSTANTIATE_STORE_BACKENDS(RenderTest);

}  // namespace
}  // namespace airm::testing
