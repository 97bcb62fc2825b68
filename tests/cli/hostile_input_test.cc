// Issue 17 end to end: hostile inputs and outputs give exit 2 with a message
// naming what was wrong, never exit 3, and outputs never damage a file.
// Every input is generated here.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/cli_fixture.h"

namespace {

namespace fs = std::filesystem;
using airm::testing::RunResult;
using airm::testing::ShellQuote;
using airm::testing::Slurp;
using nlohmann::json;

// Two small batches with a numeric, a text and a segment column; the
// current batch's `a` is shifted so that drift is certain.
std::string Batch(int shift) {
  std::string text = "a,b,region\n";
  for (int i = 0; i < 120; ++i) {
    text += std::to_string((i * 37) % 101 + shift) + "," + (i % 3 == 0 ? "x" : "y") + "," +
            (i % 2 == 0 ? "north" : "south") + "\n";
  }
  return text;
}

class HostileInputTest : public airm::testing::CliTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ref_ = Write("ref.csv", Batch(0));
    cur_ = Write("cur.csv", Batch(60));
  }
  std::string Drift(const std::string& extra) const {
    return "drift --no-multivariate -r " + ref_ + " -c " + cur_ + " " + extra;
  }
  RunResult InWorkspace(const std::string& args) const {
    return airm::testing::RunShell(
        "cd " + ShellQuote(Path("ws")) + " && " + std::string(AIRM_BINARY) + " " + args, dir_,
        "_ws");
  }
  void MakeWorkspace() const { ASSERT_EQ(Run("init " + Path("ws")).exit_code, 0); }

  std::string ref_, cur_;
};

TEST_F(HostileInputTest, ExitTwoLeavesNoOutputBehind) {
  Write("kept.json", "keep me");
  RunResult r = Run(Drift("--json " + Path("ok.json") + " --html " + Path("missing-dir/x.html")));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--html"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("missing-dir"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(Path("ok.json")));
  r = Run(Drift("--json " + Path("kept.json") + " --html " + Path("missing-dir/x.html")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(Slurp(Path("kept.json")), "keep me");
}

TEST_F(HostileInputTest, SymlinkDeviceAndPipeOutputs) {
  fs::create_symlink("target.json", Path("link.json"));
  RunResult r = Run(Drift("--json " + Path("link.json")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_symlink(Path("link.json")));
  EXPECT_EQ(json::parse(Slurp(Path("target.json")))["kind"], "drift_report");

  // Only when /dev/null is the device (a broken sandbox may have a file).
  if (fs::is_character_file("/dev/null")) {
    r = Run(Drift("--json /dev/null"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(fs::is_character_file("/dev/null"));
  }

  r = Run(Drift("--json /dev/stdout"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.Json()["kind"], "drift_report") << "the report alone on stdout";

  ASSERT_EQ(::mkfifo(Path("pipe").c_str(), 0600), 0);
  r = airm::testing::RunShell("cat " + ShellQuote(Path("pipe")) + " > " +
                                  ShellQuote(Path("from_pipe.json")) + " & " +
                                  std::string(AIRM_BINARY) + " " + Drift("--json " + Path("pipe")) +
                                  "; rc=$?; wait; exit $rc",
                              dir_, "_fifo");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::is_fifo(Path("pipe")));
  EXPECT_EQ(json::parse(Slurp(Path("from_pipe.json")))["kind"], "drift_report");
}

TEST_F(HostileInputTest, GatesCompareQuotedStringsAndRejectWhatTheyCannotRead) {
  EXPECT_EQ(Run(Drift("--fail-on 'verdict.quality!=\"nonsense\"'")).exit_code, 1);
  EXPECT_EQ(Run(Drift("--fail-on \"verdict.quality=='nonsense'\"")).exit_code, 0);
  RunResult bad = Run(Drift("--fail-on 'verdict.quality=<\"fail\"'"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("position 16"), std::string::npos) << bad.err;
  RunResult mismatched = Run(Drift("--fail-on 'verdict.quality>3'"));
  EXPECT_EQ(mismatched.exit_code, 2);
  EXPECT_NE(mismatched.err.find("cannot be evaluated"), std::string::npos) << mismatched.err;
  // Segments are addressed by their name COLUMN=VALUE.
  RunResult seg = Run(Drift("--segment region --json " + Path("s.json") +
                            " --fail-on 'segments.`region=north`.verdict.drifted'"));
  EXPECT_EQ(seg.exit_code, 1) << seg.err;
  EXPECT_EQ(json::parse(Slurp(Path("s.json")))["segments"][0]["name"], "region=north");
}

TEST_F(HostileInputTest, YamlAndConfigFilesThatAreNotConfigs) {
  Write("nonscalar.yaml", "? [a, b]\n: c\n");
  RunResult r = Run(Drift("--schema " + Path("nonscalar.yaml")));
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("nonscalar.yaml:1:"), std::string::npos) << r.err;
  fs::create_directory(Path("adir"));
  r = Run(Drift("--schema " + Path("adir")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  r = Run(Drift("--schema /dev/zero"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("character device"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, LineageImportOfWhatIsNotAnEventsFile) {
  MakeWorkspace();
  fs::create_directory(Path("ws/events"));
  RunResult r = InWorkspace("lineage import events");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("is a directory"), std::string::npos) << r.err;
  r = InWorkspace("lineage import /dev/zero");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("character device"), std::string::npos) << r.err;
  Write("ws/big.jsonl",
        R"({"eventType":"COMPLETE","eventTime":"2026-01-01T00:00:00Z","run":{"runId":"r"},)"
        R"("job":{"namespace":"n","name":"j"},"inputs":[{"namespace":"n","name":"d","x":1e400}]})"
        "\n");
  r = InWorkspace("lineage import big.jsonl");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("big.jsonl:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("1e400"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, NamesThatCouldNeverBeReferencedAreRefused) {
  MakeWorkspace();
  RunResult r = InWorkspace("dataset register " + ref_ + " --name 'a@b'");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("contains '@'"), std::string::npos) << r.err;
  r = InWorkspace("dataset register " + ref_ + " --name $(printf 'x\\377')");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("UTF-8"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, CardsAndMetricsFilesThatLibrariesThrowOn) {
  MakeWorkspace();
  ASSERT_EQ(InWorkspace("dataset register " + ref_ + " --name train").exit_code, 0);
  Write("ws/art.bin", "model bytes");
  Write("ws/typed.json", R"({"kind": 5, "metrics": 3})");
  Write("ws/card.yaml", "overview: ok\nowners: \"\xff\"\n");
  const std::string base = "model register --name m --artifact art.bin --training-data train@1 ";
  struct Case {
    std::string args, message;
  };
  for (const Case& c :
       {Case{"--version 1 --metrics typed.json", "typed.json: unexpected field type"},
        Case{"--version 2 --card card.yaml", "card.yaml: the model card is not valid"},
        Case{"--version 3 --card /tmp", "is a directory"},
        Case{"--version 4 --metrics /dev/zero", "character device"},
        Case{"--version 5@x", "contains '@'"}}) {
    RunResult r = InWorkspace(base + c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args << ": " << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << ": " << r.err;
  }
}

TEST_F(HostileInputTest, NonsenseOptionValuesNameTheFlag) {
  struct Case {
    std::string args, flag;
  };
  for (const Case& c :
       {Case{"profile " + ref_ + " --stream --chunk-rows -1", "--chunk-rows"},
        Case{Drift("--alpha nan"), "--alpha"}, Case{Drift("--drift-share -0.5"), "--drift-share"},
        Case{Drift("--bins inf"), "--bins"},
        Case{"evaluate -d " + ref_ + " --target b --tail-share inf", "--tail-share"},
        Case{"evaluate -d " + ref_ + " --target b --threshold nan", "--threshold"},
        Case{"evaluate -d " + ref_ + " --target b --bootstrap -5", "--bootstrap"}}) {
    RunResult r = Run(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.flag), std::string::npos) << c.args << ": " << r.err;
  }
}

TEST_F(HostileInputTest, EscapeSequencesInNamesNeverReachTheTerminal) {
  const std::string evil = "\x1b]0;owned\x07name";
  Write("e_ref.csv", "\"" + evil + "\",b\n1,x\n2,y\n3,x\n");
  Write("e_cur.csv", "\"" + evil + "\",b\n1,x\n2,y\n3,y\n");
  RunResult r = Run("drift --no-multivariate -r " + Path("e_ref.csv") + " -c " + Path("e_cur.csv"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  EXPECT_NE(r.out.find("\\x1b]0;owned\\x07name"), std::string::npos) << r.out;
  r = Run("profile " + Path("e_ref.csv"));
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos);
  r = Run("drift --no-multivariate -r " + Path("e_ref.csv") + " -c " + Path("e_cur.csv") +
          " --id $(printf 'no\\033[2J')");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, EvaluateMinimalScoredFileAndHugeRegressionValues) {
  Write("min.csv", "y,s\n1,0.9\n0,0.2\n1,0.7\n0,0.4\n");
  RunResult r = Run("evaluate -d " + Path("min.csv") + " --target y --score s --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string notes = r.Json()["notes"].dump();
  EXPECT_NE(notes.find("slice search: skipped"), std::string::npos) << notes;

  std::string reg = "y,p,g\n";
  for (int i = 0; i < 40; ++i) {
    reg += std::to_string(i) + "." + std::to_string(i % 7) + "," +
           (i == 5 ? std::string("1e160") : std::to_string(i + 1)) + "," + (i % 2 ? "a" : "b") +
           "\n";
  }
  Write("reg.csv", reg);
  r = Run("evaluate -d " + Path("reg.csv") + " --target y --prediction p --task regression");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_NE(r.err.find("reg.csv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("prediction 'p'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("data row 6"), std::string::npos) << r.err;
}

TEST_F(HostileInputTest, NonUtf8FileNamesAndFlagValuesAreNotInternalErrors) {
  const std::string odd = Path("bad\xff.csv");
  Write("bad\xff.csv", Batch(0));
  RunResult r = Run("drift --no-multivariate -r " + ShellQuote(odd) + " -c " + cur_ + " --json " +
                    Path("o.json"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Run("profile " + ShellQuote(odd) + " --json " + Path("p.json"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = Run(Drift("--fail-on $(printf 'columns.\\377.psi>1')"));
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

// Issue 12 §4: a working directory and arguments that are not UTF-8 reach the
// store's JSON (the run's environment, --param) and were nlohmann exceptions
// (exit 3); they are recorded with U+FFFD in place of the bad bytes.
TEST_F(HostileInputTest, NonUtf8WorkingDirectoryAndParametersAreRecorded) {
  const std::string odd = Path("ws\xff");
  ASSERT_EQ(Run("init " + ShellQuote(odd)).exit_code, 0);
  const std::string in_odd = "cd " + ShellQuote(odd) + " && " + std::string(AIRM_BINARY) + " ";
  RunResult r = airm::testing::RunShell(
      in_odd + "run exec --job j --param $(printf 'k=v\\377') --json run.json -- true", dir_, "_x");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const json run = json::parse(Slurp(odd + "/run.json"));
  EXPECT_NE(run.dump().find("ws\xef\xbf\xbd"), std::string::npos) << run.dump();
  Write("ws\xff/d.csv", Batch(0));
  ASSERT_EQ(
      airm::testing::RunShell(in_odd + "dataset register d.csv --name d", dir_, "_d").exit_code, 0);
  r = airm::testing::RunShell(in_odd +
                                  "model register --name m --version 1 --artifact d.csv "
                                  "--training-data d@1 --param $(printf 'k=v\\377')",
                              dir_, "_m");
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

// Issue 17: the store and lineage commands print names that files chose (a
// column, a tag, a source); escape sequences in them reach the terminal
// escaped, as in the analysis commands.
TEST_F(HostileInputTest, StoreCommandsEscapeNamesFromFiles) {
  MakeWorkspace();
  Write("ws/evil.csv",
        "\"\x1b]0;owned\x07"
        "col\",b\n1,x\n2,y\n");
  RunResult r = InWorkspace(
      "dataset register evil.csv --name e --tag $(printf 'k=\\033[2J') "
      "--source $(printf 'src\\302\\233x')");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  for (const char* command : {"dataset show e@1", "dataset list"}) {
    r = InWorkspace(command);
    ASSERT_EQ(r.exit_code, 0) << command << ": " << r.err;
    EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << command << ": " << r.out;
    EXPECT_EQ(r.out.find("\xc2\x9b"), std::string::npos) << command << ": " << r.out;
  }
  r = InWorkspace("dataset show e@1");
  EXPECT_NE(r.out.find("\\x1b]0;owned\\x07col"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("k=\\x1b[2J"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("src\\x9bx"), std::string::npos) << r.out;
}

// The limits of docs/limits.md that had no flag: each is raised by its flag.
TEST_F(HostileInputTest, ReaderLimitFlagsRaiseTheirLimits) {
  RunResult r = airm::testing::RunShell(
      "printf 'a\\n1\\n2\\n3\\n' | " + std::string(AIRM_BINARY) + " profile - --max-pipe-bytes 4",
      dir_, "_pipe");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("input longer than 4 bytes"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--max-pipe-bytes"), std::string::npos) << r.err;
  r = airm::testing::RunShell(
      "printf 'a\\n1\\n2\\n3\\n' | " + std::string(AIRM_BINARY) + " profile - --max-pipe-bytes 8",
      dir_, "_pipe2");
  EXPECT_EQ(r.exit_code, 0) << r.err;

  // Three rows, each with a key of its own: 3 x 3 cells, 6 without a value.
  const std::string sparse = Write("sparse.jsonl", "{\"k0\":1}\n{\"k1\":2}\n{\"k2\":3}\n");
  r = Run("profile " + sparse + " --max-missing-cells 5");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("6 cells without a value, more than the limit of 5"), std::string::npos)
      << r.err;
  EXPECT_EQ(Run("profile " + sparse + " --max-missing-cells 6").exit_code, 0);
  EXPECT_EQ(Run("profile " + sparse + " --max-missing-cells 0").exit_code, 2);
}

}  // namespace
