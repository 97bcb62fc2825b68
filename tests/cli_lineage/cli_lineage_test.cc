// End to end with the real `airm` binary on the bundled credit example: a
// workspace, a three-step pipeline recorded by `run exec`, the bundled
// XGBoost model registered with a card and `airm evaluate` metrics, a
// deployment, logged predictions; then trace, impact, model card,
// OpenLineage export and import, and the error paths.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using RunResult = airm::testing::CommandResult;

std::string Slurp(const fs::path& path) { return airm::testing::ReadWholeFile(path); }
std::string Quote(const std::string& s) { return airm::testing::ShellQuote(s); }

class CliLineageTest : public ::testing::Test {
 protected:
  // One workspace per process: ctest runs each test in its own process, maybe
  // several at once.
  static fs::path Dir() {
    return fs::path(::testing::TempDir()) / ("airm_cli_lineage_" + std::to_string(getpid()));
  }
  static std::string Path(const std::string& name) { return (Dir() / name).string(); }
  static std::string Example(const std::string& name) {
    return std::string(AIRM_SOURCE_DIR) + "/examples/credit/" + name;
  }

  // Runs airm in the workspace directory.
  static RunResult Airm(const std::string& args) {
    return airm::testing::RunShell(
        "cd " + Quote(Dir().string()) + " && " + AIRM_BINARY + " " + args, Dir());
  }

  static json AirmJson(const std::string& args) {
    RunResult r = Airm(args);
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    json doc = json::parse(r.out, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(doc.is_discarded()) << args << "\n" << r.out;
    return doc;
  }

  static void MustRun(const std::string& args) {
    RunResult r = Airm(args);
    ASSERT_EQ(r.exit_code, 0) << args << "\n" << r.out << r.err;
  }

  // The pipeline, recorded once for the whole suite.
  static void SetUpTestSuite() {
    fs::remove_all(Dir());
    fs::create_directories(Dir());
    fs::copy_file(Example("reference.csv"), Path("raw.csv"));
    fs::copy_file(Example("current.csv"), Path("incoming.csv"));
    std::ofstream(Path("card.yaml")) << "overview: Scores credit applications for default risk.\n"
                                        "owners: [{name: Risk team, contact: risk@example.com}]\n"
                                        "license: Apache-2.0\n"
                                        "intended_use: [Rank applications for manual review]\n"
                                        "out_of_scope_uses: [Automated rejection]\n"
                                        "limitations: [Trained on applicants aged 45 or less]\n"
                                        "ethical_considerations:\n"
                                        "  - {name: Age is a feature, mitigation_strategy: "
                                        "Monitor outcomes by age group}\n";
    MustRun("init .");
    MustRun(
        "run exec --job clean --kind preprocessing --input raw.csv --output clean.csv -- "
        "sh -c \"grep -v ',,' raw.csv > clean.csv\"");
    MustRun(
        "run exec --job features --kind features --input clean.csv --output features.csv "
        "--derive Debt=Debt --derive 'Amount=Amount,Price:INDIRECT:capped at price' -- "
        "sh -c 'cut -d, -f1-14 clean.csv > features.csv'");
    MustRun("dataset check features.csv@1 --reference clean.csv@1");
    // The bundled model was trained on reference.csv; the step records it.
    json train = AirmJson(
        "run exec --json - --job train --kind training --input features.csv:train "
        "--output model.json -- cp " +
        Example("model.json") + " model.json");
    training_run_ = train["run"]["run_id"].get<std::string>();
    MustRun(
        "evaluate -d raw.csv --target Status --score score --positive-label bad "
        "--threshold 0.304 --segment Home --bootstrap 50 --seed 7 --json metrics.json");
    MustRun("model register --name credit --version 1 --artifact model.json --trained-by " +
            training_run_ + " --card card.yaml --metrics metrics.json");
    MustRun("deploy credit@1 --env production --at 2026-01-01T00:00:00Z");
    // Preprocessing for scoring: prefix an application id to every row.
    std::ofstream(Path("add_ids.sh")) << "awk -F, 'NR==1{print \"id,\" $0; next}"
                                         "{print \"app-\" NR-1 \",\" $0}' incoming.csv"
                                         " > scoring.csv\n";
    json scoring = AirmJson(
        "run exec --json - --job score_prep --kind preprocessing --input incoming.csv "
        "--input add_ids.sh --output scoring.csv -- sh add_ids.sh");
    scoring_run_ = scoring["run"]["run_id"].get<std::string>();
    MustRun(
        "predictions log scoring.csv --model credit@1 --deployment-env production "
        "--id-column id --preprocessed-by " +
        scoring_run_);
    // A later version replaces credit@1 long after the predictions.
    MustRun("model register --name credit --version 2 --artifact " + Example("model.json") +
            " --training-data features.csv@1");
    MustRun("deploy credit@2 --env production --at 2099-01-01T00:00:00Z");
  }

  static std::string training_run_;
  static std::string scoring_run_;
};

std::string CliLineageTest::training_run_;
std::string CliLineageTest::scoring_run_;

const json* FindByLabel(const json& datasets, const std::string& label) {
  for (const json& d : datasets) {
    if (d["label"] == label) return &d;
  }
  return nullptr;
}

TEST_F(CliLineageTest, TraceReconstructsThePrediction) {
  json t = AirmJson("lineage trace --prediction app-5 --json -");
  EXPECT_EQ(t["kind"], "lineage_trace");
  EXPECT_EQ(t["prediction"]["id"], "app-5");
  EXPECT_EQ(t["model_version"]["reference"], "credit@1");
  EXPECT_EQ(t["model_version"]["training_run"], training_run_);
  EXPECT_EQ(t["deployment"]["environment"], "production");
  EXPECT_EQ(t["deployment"]["model"], "credit@1");  // credit@2 came later
  EXPECT_EQ(t["prediction"]["batch"]["preprocessing_run"], scoring_run_);
  EXPECT_TRUE(t["verification"]["performed"].get<bool>());
  EXPECT_EQ(t["verification"]["changed"], 0);
  EXPECT_EQ(t["verification"]["missing"], 0);
  // Training side down to the source; inference side from the incoming file.
  const json* raw = FindByLabel(t["datasets"], "raw.csv@1");
  ASSERT_NE(raw, nullptr) << t.dump(1);
  EXPECT_TRUE((*raw)["source"].get<bool>());
  EXPECT_EQ((*raw)["side"], "training");
  // raw.csv is also the evaluation data (metrics.json): a root itself.
  EXPECT_EQ((*raw)["depth"], 0);
  const json* clean = FindByLabel(t["datasets"], "clean.csv@1");
  ASSERT_NE(clean, nullptr);
  EXPECT_EQ((*clean)["depth"], 1);
  EXPECT_EQ((*clean)["produced_by"].size(), 1u);
  const json* features = FindByLabel(t["datasets"], "features.csv@1");
  ASSERT_NE(features, nullptr);
  EXPECT_EQ((*features)["quality_checks"].size(), 7u);
  // Checked before the training run started (within the same second here).
  EXPECT_LE((*features)["quality_checks"][0]["seconds_from_reference"].get<int64_t>(), 0);
  EXPECT_EQ((*features)["columns"].size(), 3u);
  const json* incoming = FindByLabel(t["datasets"], "incoming.csv@1");
  ASSERT_NE(incoming, nullptr);
  EXPECT_EQ((*incoming)["side"], "inference");
  std::set<std::string> roles;
  for (const json& r : t["runs"]) roles.insert(r["role_in_trace"].get<std::string>());
  EXPECT_EQ(roles, (std::set<std::string>{"training", "upstream", "inference_preprocessing"}));

  RunResult text = Airm("lineage trace --prediction app-5");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("trained by run " + training_run_.substr(0, 8)), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("raw.csv@1"), std::string::npos);
  EXPECT_NE(text.out.find("[source]"), std::string::npos);
  EXPECT_NE(text.out.find(" training)"), std::string::npos);  // "... before training)"
}

TEST_F(CliLineageTest, TraceDrawsDotAndMermaid) {
  RunResult dot = Airm("lineage trace --prediction app-5 --format dot --no-verify --out trace.dot");
  ASSERT_EQ(dot.exit_code, 0) << dot.err;
  const std::string text = Slurp(Path("trace.dot"));
  EXPECT_EQ(text.rfind("digraph lineage {", 0), 0u);
  EXPECT_NE(text.find(" -> "), std::string::npos);
  if (std::system("command -v dot >/dev/null 2>&1") == 0) {
    EXPECT_EQ(
        std::system(
            ("dot -Tsvg " + Quote(Path("trace.dot")) + " -o " + Quote(Path("trace.svg"))).c_str()),
        0);
  }
  RunResult mermaid = Airm("lineage trace --prediction app-5 --format mermaid --no-verify");
  ASSERT_EQ(mermaid.exit_code, 0) << mermaid.err;
  EXPECT_NE(mermaid.out.find("\nflowchart LR\n"), std::string::npos);
  EXPECT_NE(mermaid.out.find(" -->|"), std::string::npos) << mermaid.out;
}

TEST_F(CliLineageTest, ImpactCountsWhatDependsOnTheSource) {
  json i = AirmJson("lineage impact --dataset raw.csv@1 --json -");
  EXPECT_EQ(i["kind"], "lineage_impact");
  EXPECT_EQ(i["totals"]["runs"], 3);  // clean, features, train
  EXPECT_EQ(i["totals"]["model_versions"], 2);
  EXPECT_EQ(i["totals"]["deployments"], 2);
  EXPECT_EQ(i["totals"]["current_deployments"], 1);
  EXPECT_EQ(i["totals"]["predictions"], 1068);
  // The scoring side is not downstream of raw.csv.
  EXPECT_EQ(i["batches"].size(), 0u);
  EXPECT_EQ(Airm("lineage impact --dataset raw.csv@1 --fail-on serving").exit_code, 1);
  json scoring = AirmJson("lineage impact --dataset incoming.csv@latest --json -");
  ASSERT_EQ(scoring["batches"].size(), 1u);
  EXPECT_EQ(scoring["batches"][0]["rows"], 1068);
}

TEST_F(CliLineageTest, ModelCardInEveryFormat) {
  json card = AirmJson("model card credit@1 --json -");
  EXPECT_EQ(card["kind"], "model_card");
  EXPECT_EQ(card["model_details"]["name"], "credit");
  EXPECT_EQ(card["model_details"]["owners"][0]["name"], "Risk team");
  EXPECT_EQ(card["model_details"]["licenses"][0]["identifier"], "Apache-2.0");
  EXPECT_EQ(card["model_parameters"]["data"][0]["name"], "features.csv@1");
  EXPECT_EQ(card["model_parameters"]["data"][0]["upstream"]["sources"][0], "raw.csv@1");
  EXPECT_EQ(card["considerations"]["out_of_scope_uses"][0]["description"], "Automated rejection");
  bool has_auc = false;
  for (const json& m : card["quantitative_analysis"]["performance_metrics"]) {
    if (m["type"] == "roc_auc" && m["slice"] == "overall") {
      has_auc = true;
      EXPECT_GT(m["value"].get<double>(), 0.5);
      EXPECT_LT(m["confidence_interval"]["lower_bound"].get<double>(), m["value"].get<double>());
    }
  }
  EXPECT_TRUE(has_auc);
  EXPECT_FALSE(card["quality_checks"].empty());

  ASSERT_EQ(Airm("model card credit@1 --format html --out card.html").exit_code, 0);
  const std::string html = Slurp(Path("card.html"));
  EXPECT_NE(html.find("What this model is for"), std::string::npos);
  EXPECT_NE(html.find("Automated rejection"), std::string::npos);
  RunResult md = Airm("model card credit@1 --format md");
  ASSERT_EQ(md.exit_code, 0);
  EXPECT_EQ(md.out.rfind("# Model card: credit@1", 0), 0u);
}

std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

TEST_F(CliLineageTest, OpenLineageRoundTripThroughAnotherWorkspace) {
  ASSERT_EQ(Airm("lineage export --format openlineage --out events.jsonl").exit_code, 0);
  const std::string events = Slurp(Path("events.jsonl"));
  EXPECT_EQ(SortedLines(events).size(), 8u);  // 4 runs × START + COMPLETE
  MustRun("init other");
  json imported = AirmJson("lineage import events.jsonl --store other --json -");
  EXPECT_EQ(imported["runs_created"], 4);
  json again = AirmJson("lineage import events.jsonl --store other --json -");
  EXPECT_EQ(again["runs_created"], 0);
  EXPECT_EQ(again["runs_updated"], 0);
  RunResult second = Airm("lineage export --store other");
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(SortedLines(events), SortedLines(second.out));
}

TEST_F(CliLineageTest, ErrorsExitTwoWithAMessage) {
  RunResult unknown = Airm("lineage trace --prediction no-such-id");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no-such-id"), std::string::npos) << unknown.err;
  RunResult bad_time = Airm("lineage trace --prediction app-5 --as-of yesterday");
  EXPECT_EQ(bad_time.exit_code, 2);
  EXPECT_NE(bad_time.err.find("--as-of"), std::string::npos);
  EXPECT_EQ(Airm("lineage impact --dataset nope@1").exit_code, 2);
  EXPECT_EQ(Airm("model card nope@1").exit_code, 2);
  std::ofstream(Path("bad.jsonl")) << "{\"eventTime\":\"2026-01-01T00:00:00Z\"}\n";
  RunResult bad = Airm("lineage import bad.jsonl");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.jsonl:1:"), std::string::npos) << bad.err;
  RunResult nowhere = Airm("lineage trace --prediction app-5 --store /nonexistent/airm");
  EXPECT_EQ(nowhere.exit_code, 2);
}

// Last in the file: it edits the source data.
TEST_F(CliLineageTest, ZzChangedSourceIsReportedAndGated) {
  std::ofstream(Path("raw.csv"), std::ios::app)
      << "good,1,rent,60,30,single,no,fixed,35,80,0,0,500,800,good,0.1\n";
  json t = AirmJson("lineage trace --prediction app-5 --json -");
  EXPECT_EQ(t["verification"]["changed"], 1);
  EXPECT_EQ(t["findings"][0]["code"], "lineage.file_changed");
  EXPECT_EQ(Airm("lineage trace --prediction app-5 --fail-on unverified").exit_code, 1);
  json quick = AirmJson("lineage trace --prediction app-5 --no-verify --json -");
  EXPECT_FALSE(quick["verification"]["performed"].get<bool>());
  EXPECT_EQ(Airm("lineage trace --prediction app-5 --no-verify --fail-on unverified").exit_code, 0);
}

}  // namespace
