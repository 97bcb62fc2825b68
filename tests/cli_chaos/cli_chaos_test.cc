// `airm chaos` end to end: the real binary, real models, exact statuses.
//
// Models: the credit XGBoost model in-process (xgboost:), served over the
// MLflow protocol by tests/servers/mlflow_server.py in its "normal" and
// "fragile" modes (a fresh server per expectation: a fragile server dies at
// its first null), and as a cmd: process (tests/servers/cmd_model.py).
// Data: examples/credit/current.csv, and its first 300 rows without a
// missing value (the fragile server and --crash-on-null react to nulls).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli/cli_fixture.h"
#include "model_server.h"
#include "report/html_checks.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using airm::testing::RunResult;
using airm::testing::SourcePath;

using airm::testing::Slurp;

std::string Quote(const std::string& s) { return "'" + s + "'"; }

// The first `rows` rows of the credit example with no missing value.
void WriteCompleteRows(const std::string& path, size_t rows) {
  std::ifstream in(SourcePath("examples/credit/current.csv"));
  std::ofstream out(path);
  std::string line;
  std::getline(in, line);
  out << line << "\n";
  size_t written = 0;
  while (written < rows && std::getline(in, line)) {
    if (line.find(",,") != std::string::npos || line.back() == ',') continue;
    out << line << "\n";
    ++written;
  }
}

// A scratch directory per test (dir_, Path) from the CLI tests' fixture: ctest
// runs each test in its own process, in parallel.
class ChaosCliTest : public airm::testing::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    WriteCompleteRows(Path("complete300.csv"), 300);
    WriteCompleteRows(Path("complete201.csv"), 201);
    WriteCompleteRows(Path("complete100.csv"), 100);
  }

  std::string Data(const std::string& name) const { return Path(name); }

  RunResult Run(const std::string& args) const {
    return airm::testing::RunShell(std::string(AIRM_BINARY) + " chaos " + args, dir_);
  }

  // Runs with --json and returns the document (failing the test on a bad exit).
  json RunJson(const std::string& args, int expected_exit = 0) const {
    const RunResult r = Run(args + " --json " + Path("r.json"));
    EXPECT_EQ(r.exit_code, expected_exit) << r.out << r.err;
    return json::parse(Slurp(Path("r.json")));
  }

  static std::string CreditArgs(const std::string& data) {
    return "--data " + data + " --target Status --positive-label bad --threshold 0.3042 " +
           "--schema " + SourcePath("examples/credit/schema.yaml") + " --bootstrap 20";
  }
};

const json& Case(const json& doc, const std::string& name) {
  for (const json& c : doc["cases"]) {
    if (c["name"] == name) return c;
  }
  static const json kMissing = json::object();
  ADD_FAILURE() << "no case " << name;
  return kMissing;
}

std::string Status(const json& doc, const std::string& name) {
  const json& c = Case(doc, name);
  return c.contains("status") ? c["status"].get<std::string>() : "";
}

std::string Kind(const json& doc, const std::string& name) {
  const json& c = Case(doc, name);
  if (!c.contains("answer") || c["answer"]["failure"].is_null()) return "";
  return c["answer"]["failure"]["kind"];
}

std::string XgboostSpec() { return "xgboost:" + SourcePath("examples/credit/model.json"); }

std::string CmdSpec(const std::string& flags) {
  return Quote("cmd:/usr/bin/python3 " + SourcePath("tests/servers/cmd_model.py") + " --model " +
               SourcePath("examples/credit/model.json") + " --meta " +
               SourcePath("examples/credit/model_meta.json") + flags);
}

airm::testing::ModelServer StartServer(const std::string& mode) {
  airm::testing::ModelServerOptions options;
  options.mode = mode;
  auto server = airm::testing::ModelServer::Start(options);
  EXPECT_TRUE(server.ok()) << server.status().ToString();
  return std::move(server).value();
}

TEST_F(ChaosCliTest, InProcessCreditModelWritesEveryReport) {
  const RunResult r =
      Run("--model " + XgboostSpec() + " --data " + SourcePath("examples/credit/current.csv") +
          " --target Status --bootstrap 50 --json " + Path("c.json") + " --html " + Path("c.html") +
          " --junit " + Path("c.xml"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(Slurp(Path("c.json")));
  EXPECT_EQ(doc["kind"], "chaos");
  // Threshold, positive label and features come from model_meta.json.
  EXPECT_NEAR(doc["threshold"].get<double>(), 0.30419373892498525, 1e-15);
  EXPECT_EQ(doc["positive_label"], "bad");
  EXPECT_EQ(doc["features"].size(), 13u);
  EXPECT_EQ(doc["inputs"]["model"]["sha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(doc["inputs"]["data"]["rows"], 1068);
  const std::map<std::string, std::string> expected = {
      {"baseline", "handled"},         {"repeat", "handled"},
      {"shuffled_columns", "handled"}, {"batch_100x", "handled"},
      {"null:Income", "failed"},       {"null:Time", "handled"},
      {"string:Income", "degraded"},   {"unseen:Records", "degraded"},
      {"unseen:Home", "handled"},      {"mcar:90%", "failed"}};
  for (const auto& [name, status] : expected) EXPECT_EQ(Status(doc, name), status) << name;
  EXPECT_EQ(Kind(doc, "string:Income"), "rejected_input");
  EXPECT_EQ(doc["skipped"][0]["family"], "upstream");
  // Text summary on stdout, nothing on stderr (not a terminal).
  EXPECT_NE(r.out.find("Failure modes: 135 tested"), std::string::npos) << r.out;
  EXPECT_EQ(r.err, "");
  const std::string html = Slurp(Path("c.html"));
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_TRUE(airm::testing::OnlyThePagesOwnScript(html));
  const std::string check = "/usr/bin/python3 " + SourcePath("tests/chaos/suite/check_junit.py") +
                            " " + Path("c.xml") + " " + SourcePath("tests/chaos/suite/junit.xsd");
  EXPECT_EQ(std::system((check + " >/dev/null").c_str()), 0);
}

TEST_F(ChaosCliTest, FailOnGatesSetTheExitCode) {
  const std::string base = "--model " + XgboostSpec() + " " + CreditArgs(Data("complete300.csv"));
  EXPECT_EQ(Run(base + " --suite determinism --fail-on failed").exit_code, 0);
  EXPECT_EQ(Run(base + " --suite determinism,structure --fail-on degraded").exit_code, 0);
  EXPECT_EQ(Run(base + " --suite missing --fail-on failed").exit_code, 1);
  EXPECT_EQ(Run(base + " --suite types --fail-on degraded").exit_code, 1);
  EXPECT_EQ(Run(base + " --suite types --fail-on 'cases.zero:Time.status==failed'").exit_code, 0);
  const RunResult bad = Run(base + " --suite types --fail-on 'cases.nope.status==failed'");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("does not exist"), std::string::npos) << bad.err;
}

TEST_F(ChaosCliTest, BadInputIsExitTwoAndWritesNothing) {
  const std::string data = SourcePath("examples/credit/current.csv");
  const std::string bad_constraints = Path("bad.yaml");
  std::ofstream(bad_constraints) << "features:\n  Income: {range: [10, 1]}\n";
  const std::string unknown_feature = Path("unknown.yaml");
  std::ofstream(unknown_feature) << "features:\n  Nope: {immutable: true}\n";
  const std::map<std::string, std::string> cases = {
      {"--model " + XgboostSpec() + " --data /no/such.csv --target Status", "/no/such.csv"},
      {"--model " + XgboostSpec() + " --data " + data + " --target Nope", "'Nope'"},
      {"--model foo:bar --data " + data + " --target Status", "foo:bar"},
      {"--model xgboost:/no/model.json --data " + data + " --target Status", "/no/model.json"},
      {"--model " + XgboostSpec() + " --data " + data + " --target Status --suite nope",
       "unknown family 'nope'"},
      {"--model " + XgboostSpec() + " --data " + data + " --target Status --fallback const:x",
       "const:x"},
      {"--model " + XgboostSpec() + " --data " + data + " --target Status --constraints " +
           bad_constraints,
       "bad.yaml"},
      {"--model " + XgboostSpec() + " --data " + data + " --target Status --positive-label x",
       "'x'"},
      {"--model " + XgboostSpec() + " --data " + data + " --target Status --constraints " +
           unknown_feature,
       "feature 'Nope' is not a column sent to the model"},
  };
  for (const auto& [args, needle] : cases) {
    fs::remove(Path("out.json"));
    const RunResult r = Run(args + " --json " + Path("out.json"));
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_NE(r.err.find("airm: error:"), std::string::npos) << args;
    EXPECT_NE(r.err.find(needle), std::string::npos) << args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(Path("out.json"))) << args;
  }
}

TEST_F(ChaosCliTest, ConstraintsAddTheManipulationFamily) {
  const std::string constraints = Path("constraints.yaml");
  std::ofstream(constraints) << "features:\n  Age: {immutable: true}\n"
                                "  Income: {monotone: decreasing}\n";
  const json doc = RunJson("--model " + XgboostSpec() + " " +
                           CreditArgs(SourcePath("examples/credit/current.csv")) +
                           " --suite determinism,manipulation --constraints " + constraints);
  ASSERT_TRUE(doc["manipulation"].is_object());
  EXPECT_EQ(doc["inputs"]["constraints"]["path"], constraints);
  EXPECT_EQ(doc["inputs"]["constraints"]["sha256"].get<std::string>().size(), 64u);
  const json& c = Case(doc, "manipulation");
  EXPECT_EQ(c["family"], "manipulation");
  EXPECT_TRUE(c["answer"]["served"].get<bool>());
  // Its status follows the manipulation findings, which join the report's.
  bool warned = false;
  for (const json& f : doc["findings"]) warned = warned || f["severity"] == "warn";
  EXPECT_EQ(c["status"] == "degraded", warned) << c["reason"];
}

TEST_F(ChaosCliTest, NormalServerAndInjectedUpstreamFaults) {
  airm::testing::ModelServer server = StartServer("normal");
  const std::string args = "--model " + server.url() + " " + CreditArgs(Data("complete300.csv")) +
                           " --suite structure,determinism,upstream --timeout 1";
  json doc = RunJson(args);
  for (const char* name : {"baseline", "shuffled_columns", "extra_columns", "duplicated_rows",
                           "empty_batch", "batch_100x", "repeat"}) {
    EXPECT_EQ(Status(doc, name), "handled") << name << ": " << Case(doc, name)["reason"];
  }
  const std::map<std::string, std::string> faults = {{"refused", "connection_refused"},
                                                     {"timeout", "timeout"},
                                                     {"http_5xx", "http_status"},
                                                     {"malformed_json", "malformed"},
                                                     {"wrong_count", "wrong_count"}};
  for (const auto& [name, kind] : faults) {
    EXPECT_EQ(Status(doc, name), "failed") << name;
    EXPECT_EQ(Kind(doc, name), kind) << name;
    EXPECT_EQ(Case(doc, name)["expected_failure"], kind) << name;
  }
  // The server answered the 100x batch in one request of 10,000 rows.
  auto rows = server.BatchRows();
  ASSERT_TRUE(rows.ok());
  EXPECT_NE(std::find(rows->begin(), rows->end(), 10000), rows->end());

  // With the in-process model as fallback every fault is served: degraded,
  // and the degraded service is exactly as accurate as the model.
  doc = RunJson(args + " --fallback " + XgboostSpec());
  for (const auto& [name, kind] : faults) {
    const json& c = Case(doc, name);
    EXPECT_EQ(c["status"], "degraded") << name << ": " << c["reason"];
    EXPECT_TRUE(c["fallback"]["served"].get<bool>()) << name;
    EXPECT_NEAR(c["fallback"]["metrics"]["roc_auc"]["delta"].get<double>(), 0.0, 1e-6) << name;
  }
  EXPECT_EQ(doc["summary"]["failed"], 0);
}

TEST_F(ChaosCliTest, FragileServerDiesAtItsFirstNull) {
  airm::testing::ModelServer server = StartServer("fragile");
  const json doc = RunJson("--model " + server.url() + " " + CreditArgs(Data("complete300.csv")) +
                           " --suite missing --timeout 1 --retries 0");
  EXPECT_EQ(Status(doc, "baseline"), "handled");
  EXPECT_EQ(Status(doc, "null:Seniority"), "failed");
  EXPECT_EQ(Kind(doc, "null:Seniority"), "crash");
  EXPECT_FALSE(server.IsRunning());
  // Afterwards nothing answers: every later case fails, the connection
  // either cut (a request already on its way) or refused.
  for (const json& c : doc["cases"]) {
    if (c["name"] == "baseline") continue;
    EXPECT_EQ(c["status"], "failed") << c["name"];
    const std::string kind = c["answer"]["failure"]["kind"];
    EXPECT_TRUE(kind == "crash" || kind == "connection_refused") << c["name"] << ": " << kind;
  }
}

TEST_F(ChaosCliTest, FragileServerWithFallbackDegradesWhereTheModelCopes) {
  // What the model itself does with each missing-data case, in-process.
  const json inproc = RunJson("--model " + XgboostSpec() + " " +
                              CreditArgs(Data("complete300.csv")) + " --suite missing");
  airm::testing::ModelServer server = StartServer("fragile");
  const json doc = RunJson("--model " + server.url() + " " + CreditArgs(Data("complete300.csv")) +
                           " --suite missing --timeout 1 --retries 0 --fallback " + XgboostSpec());
  for (const json& c : doc["cases"]) {
    const std::string name = c["name"];
    if (name == "baseline") continue;
    ASSERT_TRUE(c["fallback"].is_object()) << name;
    EXPECT_TRUE(c["fallback"]["served"].get<bool>()) << name;
    // The fallback serves the model's own answers, so it fails exactly where
    // the model's answers fail the metric thresholds, and degrades elsewhere.
    const std::string expected = Status(inproc, name) == "failed" ? "failed" : "degraded";
    EXPECT_EQ(c["status"], expected) << name << ": " << c["reason"];
  }
}

TEST_F(ChaosCliTest, FragileServerAnswersOneRowBatchesWithGarbage) {
  airm::testing::ModelServer server = StartServer("fragile");
  // 201 rows in requests of 100: the last request has one row.
  const json doc = RunJson("--model " + server.url() + " " + CreditArgs(Data("complete201.csv")) +
                           " --suite determinism --batch-size 100 --timeout 1");
  for (const char* name : {"baseline", "repeat"}) {
    EXPECT_EQ(Status(doc, name), "failed") << name;
    EXPECT_EQ(Kind(doc, name), "malformed") << name;
  }
  EXPECT_FALSE(doc["baseline"]["served"].get<bool>());
  EXPECT_TRUE(doc["baseline"]["metrics"].empty());
}

TEST_F(ChaosCliTest, FragileServerOnTypes) {
  airm::testing::ModelServer server = StartServer("fragile");
  const json doc = RunJson("--model " + server.url() + " " + CreditArgs(Data("complete300.csv")) +
                           " --suite types --timeout 1 --retries 0");
  // In catalogue order for the first feature, until NaN kills the server.
  EXPECT_EQ(Status(doc, "string:Seniority"), "failed");
  EXPECT_EQ(Kind(doc, "string:Seniority"), "malformed");
  for (const char* name : {"huge:Seniority", "huge_negative:Seniority"}) {
    EXPECT_EQ(Status(doc, name), "degraded") << name;  // 400: XGBoost refuses ±Inf
    EXPECT_EQ(Case(doc, name)["answer"]["failure"]["http_status"], 400) << name;
  }
  // Zero seniority on these rows costs the model itself 0.033 accuracy.
  EXPECT_EQ(Status(doc, "zero:Seniority"), "degraded");
  EXPECT_EQ(Kind(doc, "zero:Seniority"), "");
  EXPECT_EQ(Status(doc, "nan:Seniority"), "failed");
  EXPECT_EQ(Kind(doc, "nan:Seniority"), "crash");
  EXPECT_EQ(Status(doc, "out_of_range:Price"), "failed");
}

TEST_F(ChaosCliTest, CommandModel) {
  json doc = RunJson("--model " + CmdSpec("") + " " + CreditArgs(Data("complete100.csv")) +
                     " --suite structure,determinism --batch-size 100");
  for (const json& c : doc["cases"]) {
    EXPECT_EQ(c["status"], "handled") << c["name"] << ": " << c["reason"];
  }
  EXPECT_EQ(doc["skipped"].size(), 0u);
  // A process that exits on any null: every case with a null crashes it;
  // leaving a column out sends no null.
  doc =
      RunJson("--model " + CmdSpec(" --crash-on-null") + " " + CreditArgs(Data("complete300.csv")) +
                  " --suite missing --batch-size 300 --features Income,Amount",
              0);
  for (const char* name :
       {"null:Income", "null:Amount", "mcar:10%", "mcar:50%", "mcar:90%", "keep_top:1"}) {
    EXPECT_EQ(Status(doc, name), "failed") << name;
    EXPECT_EQ(Kind(doc, name), "crash") << name;
  }
  EXPECT_EQ(Kind(doc, "absent:Income"), "");
  EXPECT_EQ(doc["importance"][0]["method"], "permutation");
}

}  // namespace
