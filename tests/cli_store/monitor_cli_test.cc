// `airm monitor` and `airm alerts` end to end: the real binary on a small
// generated stream of weekly batches (x shifts by 2 sd from week 3 on).
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <thread>

#include "cli_store/monitor_stream.h"
#include "support/child_process.h"

namespace airm::cli_store_test {
namespace {

class MonitorCliTest : public MonitorStreamTest {
 protected:
  void SetUp() override {
    MonitorStreamTest::SetUp();
    WriteStream(9, 4, [](int week) { return week >= 3 ? 2.0 : 0.0; });
    AppendConfig(StreamMonitorYaml(2));
  }
};

// The text of `path`, "" when it does not exist yet.
std::string ReadLog(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST_F(MonitorCliTest, DaemonCatchesUpHoldsTheLockAndStopsCleanlyOnSigterm) {
  const std::string log = Path("daemon.log");
  pid_t pid = airm::testing::SpawnInProcessGroup(
      {AIRM_BINARY, "monitor", "daemon", "--store", Workspace(), "--no-domain-classifier"}, log);
  ASSERT_GT(pid, 0);
  // The first tick computes every window since 2025-12-01 (its last line
  // names the next due time); polled, not timed: the test's own timeout
  // bounds a daemon that never gets there.
  while (ReadLog(log).find("next due") == std::string::npos &&
         airm::testing::ChildIsRunning(&pid)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(pid, 0) << "the daemon exited early:\n" << ReadLog(log);
  EXPECT_NE(ReadLog(log).find("x-drift fired (2025-W52)"), std::string::npos) << ReadLog(log);

  RunResult second = Run("monitor daemon");
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.err.find("holds the lock"), std::string::npos) << second.err;
  RunResult cron = Run("monitor run");
  EXPECT_EQ(cron.exit_code, 2) << cron.err;

  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << ReadLog(log);
  EXPECT_EQ(WEXITSTATUS(status), 0) << ReadLog(log);
  EXPECT_NE(ReadLog(log).find("SIGTERM received"), std::string::npos) << ReadLog(log);
  EXPECT_NE(ReadLog(log).find("airm monitor daemon: stopped"), std::string::npos);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE status = 'ok'"), 4);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_notifications"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_run_lock"), 0);  // released

  RunResult after = Run("monitor run");  // the lock is free, nothing is due
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("nothing due"), std::string::npos) << after.out;
}

TEST_F(MonitorCliTest, ReportWritesTheTrendPageAndItsJson) {
  ASSERT_EQ(Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier").exit_code, 0);
  RunResult report =
      Run("monitor report --html " + Path("trend.html") + " --json " + Path("trend.json"));
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("stream  week-drift: 4 window(s)"), std::string::npos) << report.out;
  const std::string html = ReadLog(Path("trend.html"));
  EXPECT_NE(html.find("x effect size"), std::string::npos);
  EXPECT_NE(html.find("class=\"threshold sev-warning\""), std::string::npos);  // effect_size>1
  EXPECT_NE(html.find("class=\"band-firing\""), std::string::npos);
  const json doc = json::parse(ReadLog(Path("trend.json")));
  EXPECT_EQ(doc["kind"], "monitor_report");
  EXPECT_EQ(doc["monitors"][0]["schedules"][0]["windows"].size(), 4u);

  RunResult neither = Run("monitor report");
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("--html"), std::string::npos) << neither.err;
}

// `make demo`'s monitoring part: seven weeks built from the bundled example,
// the alert firing in week 6 and resolving in week 7, and its report.
TEST_F(MonitorCliTest, TheDemoStreamFiresAndResolvesOneAlert) {
  const std::string script = std::string(AIRM_SOURCE_DIR) + "/scripts/demo_monitor.sh";
  RunResult demo = airm::testing::RunShell(
      script + " " + AIRM_BINARY + " " + Quote(Path("demo-ws")) + " " + Quote(Path("demo-out")),
      dir_, "demo");
  ASSERT_EQ(demo.exit_code, 0) << demo.out << demo.err;
  EXPECT_NE(demo.out.find("7 window(s) computed, 2 notification(s)"), std::string::npos)
      << demo.out;
  const json doc = json::parse(ReadLog(Path("demo-out/monitor.json")));
  const json& alerts = doc["monitors"][0]["schedules"][0]["alerts"];
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0]["alert"], "age-shift");
  EXPECT_EQ(alerts[0]["state"], "resolved");
  EXPECT_EQ(alerts[0]["fired_at"], "2026-02-16T00:00:00Z");
  EXPECT_NE(ReadLog(Path("demo-out/monitor.html")).find("band-firing"), std::string::npos);
  EXPECT_NE(ReadLog(Path("demo-out/monitor.prom")).find("airm_monitor_alert_firing"),
            std::string::npos);
}

TEST_F(MonitorCliTest, SilencesByLabelMatchersHoldBackTheFiringNotice) {
  RunResult silence = Run(
      "alerts silence --match alert=x-drift --match monitor=stream --until 2099-01-01T00:00:00Z "
      "--by oncall --comment 'planned change'");
  ASSERT_EQ(silence.exit_code, 0) << silence.err;
  EXPECT_NE(silence.out.find("(alert=x-drift, monitor=stream) until 2099-01-01T00:00:00Z"),
            std::string::npos)
      << silence.out;
  RunResult run = Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier --json -");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.Json()["notifications"].size(), 0u);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_notifications"), 1);  // recorded, held back

  RunResult list = Run("alerts silences --json -");
  ASSERT_EQ(list.exit_code, 0) << list.err;
  const json doc = list.Json();
  ASSERT_EQ(doc["silences"].size(), 1u);
  EXPECT_EQ(doc["silences"][0]["matchers"][0], "alert=x-drift");
  const std::string uid = doc["silences"][0]["silence_id"];
  EXPECT_EQ(Run("alerts unsilence " + uid).exit_code, 0);
  EXPECT_NE(Run("alerts silences").out.find("no active silences"), std::string::npos);

  RunResult neither = Run("alerts silence --until 2099-01-01T00:00:00Z");
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("an episode id or --match"), std::string::npos) << neither.err;
  RunResult bad = Run("alerts silence --match 'alert' --until 2099-01-01T00:00:00Z");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("expected LABEL=VALUE"), std::string::npos) << bad.err;
}

TEST_F(MonitorCliTest, RunFiresOnceThenHasNothingToDo) {
  RunResult run = Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier --json -");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json doc = run.Json();
  ASSERT_EQ(doc["windows"].size(), 4u);
  EXPECT_EQ(doc["windows"][3]["label"], "2025-W52");
  ASSERT_EQ(doc["notifications"].size(), 1u);
  EXPECT_EQ(doc["notifications"][0]["state"], "firing");
  EXPECT_EQ(doc["notifications"][0]["window_start"], "2025-12-22T00:00:00Z");
  EXPECT_GT(doc["notifications"][0]["observed"].get<double>(), 1.0);

  RunResult again = Run("monitor run --as-of 2025-12-29T00:00:00Z");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing due"), std::string::npos) << again.out;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 4);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_notifications"), 1);

  RunResult csv = Run("monitor history stream --metric columns.x.effect_size --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("schedule,window,window_start,window_end,version,status,value\n", 0), 0u);
  EXPECT_NE(csv.out.find("week-drift,2025-W49,2025-12-01T00:00:00Z,2025-12-08T00:00:00Z,1,ok,"),
            std::string::npos)
      << csv.out;

  RunResult status = Run("monitor status --as-of 2025-12-29T00:00:00Z --json -");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const json s = status.Json();
  EXPECT_EQ(s["monitors"][0]["schedules"][0]["next_window"], "2026-W01");
  ASSERT_EQ(s["monitors"][0]["open_alerts"].size(), 1u);
  const std::string episode = s["monitors"][0]["open_alerts"][0]["episode_id"];

  RunResult ack = Run("alerts ack " + episode.substr(0, 8) + " --by alice");
  ASSERT_EQ(ack.exit_code, 0) << ack.err;
  EXPECT_EQ(QueryText("SELECT acked_by FROM alert_episodes"), "alice");
  RunResult unknown = Run("alerts ack zzzzzzzz");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find(episode), std::string::npos) << unknown.err;  // the candidates
}

// Issue 9: a critical alert firing on a model that a system links opens an
// incident, and `monitor run` names it in its text and its JSON (schema 1.1).
TEST_F(MonitorCliTest, RunNamesTheIncidentsItOpens) {
  ASSERT_EQ(Run("dataset register " + Quote(Path("ws/ref.csv")) + " --name ref").exit_code, 0);
  ASSERT_EQ(Run("model register --name scorer --version 1 --artifact " + Write("m.bin", "w") +
                " --training-data ref")
                .exit_code,
            0);
  ASSERT_EQ(Run("system add credit-scoring --owner Dana --purpose 'Scores credit' "
                "--decision-type human-in-the-loop --data-category personal --lifecycle "
                "production --actor alice")
                .exit_code,
            0);
  ASSERT_EQ(Run("system link credit-scoring --model scorer --actor alice").exit_code, 0);
  std::string yaml = Slurp(Path("ws/airm.yaml"));
  for (auto [from, to] : {std::pair<std::string, std::string>{"  - name: stream\n",
                                                              "  - name: stream\n"
                                                              "    model: scorer@1\n"},
                          {"for: 2}", "for: 2, severity: critical}"}}) {
    const size_t at = yaml.find(from);
    ASSERT_NE(at, std::string::npos) << yaml;
    yaml.replace(at, from.size(), to);
  }
  Write("ws/airm.yaml", yaml);

  RunResult run = Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier --json " +
                      Quote(Path("run.json")));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("INCIDENT I-001 opened on system credit-scoring (critical, robustness): "
                         "Critical alert x-drift fired on monitor stream [episode "),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("4 window(s) computed, 1 notification(s), 1 incident(s) opened\n"),
            std::string::npos)
      << run.out;
  const json doc = json::parse(Slurp(Path("run.json")));
  EXPECT_EQ(doc["schema_version"], "1.1");
  ASSERT_EQ(doc["incidents"].size(), 1u) << doc.dump(2);
  const json& incident = doc["incidents"][0];
  EXPECT_EQ(incident["id"], "I-001");
  EXPECT_EQ(incident["system"], "credit-scoring");
  EXPECT_EQ(incident["model"], "scorer@1");
  EXPECT_EQ(incident["severity"], "critical");
  EXPECT_EQ(incident["source"], "alert");
  EXPECT_EQ(incident["opened_at"], "2025-12-29T00:00:00Z");  // the end of 2025-W52
  ASSERT_EQ(doc["notifications"].size(), 1u);
  EXPECT_EQ(incident["episodes"], json::array({doc["notifications"][0]["episode_id"]}));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM incidents"), 1);

  // Nothing fires again: the next run opens and names none.
  RunResult again = Run("monitor run --as-of 2026-01-05T00:00:00Z --no-domain-classifier --json " +
                        Quote(Path("again.json")));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out.find("INCIDENT"), std::string::npos) << again.out;
  EXPECT_EQ(json::parse(Slurp(Path("again.json")))["incidents"], json::array());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM incidents"), 1);
}

TEST_F(MonitorCliTest, PrometheusExportPassesPromtool) {
  ASSERT_EQ(Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier").exit_code, 0);
  RunResult exported = Run("monitor export --prometheus " + Quote(Path("m.prom")));
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = Slurp(Path("m.prom"));
  EXPECT_NE(text.find("airm_monitor_alert_firing{alert=\"x-drift\",monitor=\"stream\","
                      "schedule=\"week-drift\",severity=\"warning\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("airm_monitor_window_rows{monitor=\"stream\",schedule=\"week-drift\"} 100\n"),
            std::string::npos);
  if (!fs::exists("/usr/bin/promtool")) GTEST_SKIP() << "promtool not installed (prometheus)";
  RunResult check = airm::testing::RunShell(
      "/usr/bin/promtool check metrics < " + Quote(Path("m.prom")), dir_, "promtool");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

// Issue 9: the output columns' gauges, under `fdr:` the family's verdicts,
// as promtool reads them. x is the model's output here (role prediction).
TEST_F(MonitorStreamTest, PrometheusOutputColumnGaugesUnderFdrPassPromtool) {
  WriteStream(9, 4, [](int week) { return week >= 3 ? 2.0 : 0.0; });
  AppendConfig(StreamMonitorWithAlerts("      - {name: out-drift, when: drift}\n") +
               "    roles: {prediction: x}\n"
               "    fdr: 0.05\n");
  ASSERT_EQ(Run("monitor run --as-of 2025-12-29T00:00:00Z --no-domain-classifier").exit_code, 0);
  RunResult exported = Run("monitor export --prometheus " + Quote(Path("m.prom")));
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = Slurp(Path("m.prom"));
  EXPECT_NE(text.find("# TYPE airm_monitor_output_column_drifted gauge\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("airm_monitor_output_column_drifted{column=\"x\",monitor=\"stream\","
                      "schedule=\"week-drift\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("airm_monitor_output_column_effect_size{column=\"x\",monitor=\"stream\","),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("airm_monitor_column_drifted{column=\"x\""), std::string::npos) << text;
  if (!fs::exists("/usr/bin/promtool")) GTEST_SKIP() << "promtool not installed (prometheus)";
  RunResult check = airm::testing::RunShell(
      "/usr/bin/promtool check metrics < " + Quote(Path("m.prom")), dir_, "promtool");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(MonitorCliTest, MalformedMonitorConfigExitsTwoNamingLineAndKey) {
  AppendConfig(
      "  - name: second\n"
      "    reference: {file: ref.csv}\n"
      "    current: {files: \"b/*.csv\"}\n");
  RunResult run = Run("monitor run");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("airm.yaml:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("monitors[1].current.timestamp: required key is missing"),
            std::string::npos)
      << run.err;
}

TEST_F(MonitorCliTest, UnknownMonitorExitsTwoWithTheCandidates) {
  RunResult run = Run("monitor history strem --metric verdict.input_drift.drifted");
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("known: stream"), std::string::npos) << run.err;
}

TEST_F(MonitorCliTest, KillNineMidRunLeavesWholeWindowsAndTheNextRunFinishes) {
  // 56 daily windows; the first run is killed with SIGKILL at some point
  // (before, during or after its windows: every case must end the same way).
  Write("ws/airm.yaml",
        "monitors:\n"
        "  - name: daily\n"
        "    reference: {file: ref.csv}\n"
        "    current: {files: \"batches/*.csv\", timestamp: ts}\n"
        "    start: 2025-12-01\n"
        "    schedules: [{every: day}]\n"
        "    alerts:\n"
        "      - {name: x-drift, when: drift, for: 2}\n");
  const std::string airm = AIRM_BINARY;
  airm::testing::RunShell("cd " + Quote(Workspace()) + " && (env -u AIRM_STORE " + airm +
                              " monitor run --as-of 2026-01-26T00:00:00Z >/dev/null 2>&1 & pid=$!;"
                              " sleep 0.3; kill -9 $pid; wait $pid; true)",
                          dir_, "killed");
  const int64_t before = QueryInt("SELECT COUNT(*) FROM monitor_windows");
  EXPECT_LE(before, 56);
  RunResult rerun = Run("monitor run --as-of 2026-01-26T00:00:00Z");
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 56);
  EXPECT_EQ(QueryInt("SELECT COUNT(DISTINCT window_start) FROM monitor_windows"), 56);
  EXPECT_EQ(QueryInt("SELECT MAX(version) FROM monitor_windows"), 1);
  // Every window either holds its result or is empty (weeks 1-4 have rows).
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE status = 'ok' AND "
                     "result_json IS NULL"),
            0);
  EXPECT_EQ(QueryInt("SELECT SUM(row_count) FROM monitor_windows"), 400);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_run_lock"), 0);
  // Each rule stepped each non-empty window once: at most one notification per episode state.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM (SELECT episode_id, state FROM alert_notifications "
                     "GROUP BY episode_id, state HAVING COUNT(*) > 1)"),
            0);
}

}  // namespace
}  // namespace airm::cli_store_test
