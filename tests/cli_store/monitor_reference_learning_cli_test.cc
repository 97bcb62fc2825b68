// `learn: {from: reference}` end to end: the real binary learns an alert
// threshold from chunks of the reference before any window exists, a drifted
// week fires against it and the undrifted weeks do not; status and the trend
// report say where the threshold comes from.
#include <fstream>
#include <sstream>

#include "cli_store/monitor_stream.h"

namespace airm::cli_store_test {
namespace {

class MonitorReferenceLearningCliTest : public MonitorStreamTest {
 protected:
  void SetUp() override {
    MonitorStreamTest::SetUp();
    // ws/ref.csv: 200 rows; weekly batches of 100 rows, x shifted by 2 sd in
    // weeks 3 and 4 (2025-W51, 2025-W52).
    WriteStream(17, 4, [](int week) { return week >= 3 ? 2.0 : 0.0; });
  }

  std::string ReadText(const std::string& path) const {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }
};

TEST_F(MonitorReferenceLearningCliTest, ADriftedWeekFiresAgainstTheReferenceLearnedThreshold) {
  AppendConfig(StreamMonitorWithAlerts(
      "      - {name: x-ref, when: \"columns.x.effect_size > learned\",\n"
      "         learn: {from: reference, method: mean_sigma, k: 3, min_windows: 5}}\n"));
  RunResult run = Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier --json -");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json doc = run.Json();
  ASSERT_EQ(doc["windows"].size(), 4u);
  const char* events[] = {"nothing", "nothing", "fired", "firing"};
  double threshold = 0;
  for (size_t week = 0; week < 4; ++week) {
    SCOPED_TRACE(week + 1);
    const json& alert = doc["windows"][week]["alerts"][0];
    EXPECT_EQ(alert["alert"], "x-ref");
    EXPECT_EQ(alert["event"], events[week]);
    EXPECT_EQ(alert["learned"]["status"], "ok");
    EXPECT_EQ(alert["learned"]["windows"], 10);  // the default: 10 chunks of 20 rows
    threshold = alert["learned"]["upper"].get<double>();
    // The undrifted weeks stay below the threshold, the drifted ones above.
    EXPECT_EQ(alert["observed"].get<double>() > threshold, week >= 2);
  }
  ASSERT_EQ(doc["notifications"].size(), 1u);
  EXPECT_EQ(doc["notifications"][0]["window_start"], "2025-12-15T00:00:00Z");

  RunResult status = Run("monitor status --as-of 2025-12-29T00:00:00Z --json -");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const json status_doc = status.Json();
  const json& learned = status_doc["monitors"][0]["schedules"][0]["learned_thresholds"][0];
  EXPECT_EQ(learned["from"], "reference");
  EXPECT_EQ(learned["chunks"], 10);
  EXPECT_EQ(learned["chunk_rows"], 20);
  EXPECT_DOUBLE_EQ(learned["upper"].get<double>(), threshold);
  RunResult text = Run("monitor status --as-of 2025-12-29T00:00:00Z");
  EXPECT_NE(text.out.find("from the reference (10 chunk(s) of 20 rows)"), std::string::npos)
      << text.out;

  RunResult report = Run("monitor report --html " + Path("trend.html"));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(ReadText(Path("trend.html")).find("(learned from reference)"), std::string::npos);

  RunResult again = Run("monitor run --as-of 2025-12-29T00:00:00Z");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing due"), std::string::npos) << again.out;
}

TEST_F(MonitorReferenceLearningCliTest, AMalformedLearnSpecExitsTwoNamingLineAndKey) {
  AppendConfig(
      StreamMonitorWithAlerts("      - {name: x-ref, when: \"columns.x.effect_size > learned\",\n"
                              "         learn: {from: reference, until: 2025-12-15}}\n"));
  RunResult run = Run("monitor run --as-of 2025-12-29T00:00:00Z");
  EXPECT_EQ(run.exit_code, 2) << run.err;
  EXPECT_NE(run.err.find("monitors[0].alerts[0].learn.until: until is for from: backfill"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("airm.yaml:"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace airm::cli_store_test
