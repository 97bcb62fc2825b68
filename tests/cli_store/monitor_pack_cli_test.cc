// `airm monitor pack` end to end: the real binary on the generated weekly
// stream (four weeks of December 2025, x shifted from week 3; x-drift fires
// in 2025-W52), its quarterly risk pack as JSON, HTML and PDF, and bad flags.
#include "cli_store/monitor_stream.h"
#include "support/pdf_inspect.h"

namespace airm::cli_store_test {
namespace {

class MonitorPackCliTest : public MonitorStreamTest {
 protected:
  void SetUp() override {
    MonitorStreamTest::SetUp();
    WriteStream(9, 4, [](int week) { return week >= 3 ? 2.0 : 0.0; });
    AppendConfig(StreamMonitorYaml(2));
  }
};

TEST_F(MonitorPackCliTest, PackWritesTheQuartersIncidentsAndDrift) {
  ASSERT_EQ(Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier").exit_code, 0);
  RunResult pack = Run("monitor pack --quarter 2025-Q4 --html " + Path("pack.html") + " --json " +
                       Path("pack.json"));
  ASSERT_EQ(pack.exit_code, 0) << pack.err;
  EXPECT_NE(pack.out.find("stream  2025-Q4: 4 window(s), 1 alert episode(s), 1 fired"),
            std::string::npos)
      << pack.out;
  std::ifstream in(Path("pack.json"));
  const json doc = json::parse(in);
  EXPECT_EQ(doc["kind"], "quarterly_risk_pack");
  EXPECT_EQ(doc["quarter"], "2025-Q4");
  const json& m = doc["monitors"][0];
  EXPECT_EQ(m["summary"]["drifted_windows"], 2);  // weeks 3 and 4
  EXPECT_EQ(m["fired"][0]["alert"], "x-drift");
  EXPECT_EQ(m["drift"][0]["column"], "x");
  std::ifstream page(Path("pack.html"));
  const std::string html((std::istreambuf_iterator<char>(page)), std::istreambuf_iterator<char>());
  EXPECT_NE(html.find("Quarterly risk reassessment — 2025-Q4"), std::string::npos);

  // An earlier quarter: no windows, nothing to report, still a pack.
  RunResult empty = Run("monitor pack --quarter 2025-Q3 --json -");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(json::parse(empty.out)["monitors"][0]["summary"]["windows"], 0);
}

TEST_F(MonitorPackCliTest, PackPrintsAsAPdfForTheBoard) {
  ASSERT_EQ(Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier").exit_code, 0);
  RunResult pack = Run("monitor pack --quarter 2025-Q4 --pdf " + Path("pack.pdf"));
  ASSERT_EQ(pack.exit_code, 0) << pack.err;
  ASSERT_EQ(Slurp(Path("pack.pdf")).rfind("%PDF-", 0), 0u);
  const std::string text = airm::testing::PdfText(Path("pack.pdf"), dir_);
  EXPECT_NE(text.find("Quarterly risk reassessment"), std::string::npos) << text;
  EXPECT_NE(text.find("1 alert episode(s), 1 fired"), std::string::npos) << text;
  EXPECT_NE(text.find("Alerts that fired"), std::string::npos) << text;
}

TEST_F(MonitorPackCliTest, BadQuarterOrNoOutputExitsTwoNamingTheFlag) {
  RunResult bad = Run("monitor pack --quarter 2025-13 --json -");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--quarter: expected YYYY-Qn"), std::string::npos) << bad.err;
  RunResult neither = Run("monitor pack --quarter 2025-Q4");
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("--html FILE, --pdf FILE and/or --json FILE"), std::string::npos)
      << neither.err;
}

}  // namespace
}  // namespace airm::cli_store_test
