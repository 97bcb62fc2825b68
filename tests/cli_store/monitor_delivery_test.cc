// `airm monitor run` delivering its notifications end to end: the real binary,
// a generated weekly stream (x shifts by 2 sd in weeks 3-4 and comes back in
// weeks 5-6, so the alert fires and then resolves) and a real HTTP webhook
// receiver on loopback (tests/alerting/receivers.h, cpp-httplib in this
// process).
#include "alerting/receivers.h"
#include "cli_store/monitor_stream.h"

namespace airm::cli_store_test {
namespace {

using alerting::testing::ReceivedRequest;
using alerting::testing::WebhookReceiver;

constexpr const char* kAfterWeek4 = "2025-12-29T00:00:00Z";
constexpr const char* kAfterWeek6 = "2026-01-12T00:00:00Z";

alerting::testing::WebhookReceiverOptions OnPort(int port) {
  alerting::testing::WebhookReceiverOptions options;
  options.port = port;
  return options;
}

class MonitorDeliveryTest : public MonitorStreamTest {
 protected:
  void SetUp() override {
    MonitorStreamTest::SetUp();
    WriteStream(11, 6, [](int week) { return week == 3 || week == 4 ? 2.0 : 0.0; });
  }

  // airm.yaml: the monitor, and a webhook channel at `url` unless it is empty.
  void Configure(const std::string& url) const {
    std::string yaml = StreamMonitorYaml(1);
    if (!url.empty()) {
      yaml +=
          "alerting:\n"
          "  retry: {attempts: 2, initial_backoff_ms: 10, max_backoff_ms: 10}\n"
          "  channels:\n"
          "    - {name: ops, type: webhook, url: \"" +
          url + "\", timeout_seconds: 5}\n";
    }
    AppendConfig(yaml);
  }

  json MonitorRun(const std::string& as_of) {
    RunResult run =
        Run(std::string("monitor run --no-domain-classifier --as-of ") + as_of + " --json -");
    EXPECT_EQ(run.exit_code, 0) << run.err;
    return run.exit_code == 0 ? run.Json() : json();
  }

  static json OpsChannel(const json& run) {
    for (const json& c : run["delivery"]["channels"]) {
      if (c["channel"] == "ops") return c;
    }
    ADD_FAILURE() << "no delivery summary for channel ops: " << run["delivery"].dump();
    return json();
  }

  static std::vector<json> Bodies(const std::vector<ReceivedRequest>& requests) {
    std::vector<json> bodies;
    for (const ReceivedRequest& r : requests) bodies.push_back(json::parse(r.body));
    return bodies;
  }
};

TEST_F(MonitorDeliveryTest, FiringAndResolvedReachTheReceiverOnceAcrossRunsAndARestart) {
  auto receiver = WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().message();
  const int port = (*receiver)->port();
  Configure((*receiver)->url());

  // Weeks 1-4: the alert fires on week 3 (2025-W51); delivered at once.
  json first = MonitorRun(kAfterWeek4);
  ASSERT_EQ(first["notifications"].size(), 1u) << first.dump();
  EXPECT_EQ(first["delivery"]["configured"], true);
  EXPECT_EQ(OpsChannel(first)["queued"], 1);
  EXPECT_EQ(OpsChannel(first)["delivered"], 1);
  EXPECT_EQ(OpsChannel(first)["pending"], 0);

  // The same as-of again: nothing due, nothing queued, nothing sent.
  json again = MonitorRun(kAfterWeek4);
  EXPECT_EQ(again["windows"].size(), 0u);
  EXPECT_EQ(OpsChannel(again)["queued"], 0);
  EXPECT_EQ(OpsChannel(again)["delivered"], 0);
  std::vector<json> before_restart = Bodies((*receiver)->Requests());
  ASSERT_EQ(before_restart.size(), 1u);

  // The receiver restarts on the same port; weeks 5-6 resolve the episode.
  receiver->reset();
  auto restarted = WebhookReceiver::Start(OnPort(port));
  ASSERT_TRUE(restarted.ok()) << restarted.status().message();
  json later = MonitorRun(kAfterWeek6);
  ASSERT_EQ(later["notifications"].size(), 1u) << later.dump();
  EXPECT_EQ(later["notifications"][0]["state"], "resolved");
  EXPECT_EQ(OpsChannel(later)["delivered"], 1);
  json last = MonitorRun(kAfterWeek6);
  EXPECT_EQ(OpsChannel(last)["delivered"], 0);

  std::vector<json> after_restart = Bodies((*restarted)->Requests());
  ASSERT_EQ(after_restart.size(), 1u);
  EXPECT_EQ(before_restart[0]["state"], "firing");
  EXPECT_EQ(before_restart[0]["window_start"], "2025-12-15T00:00:00Z");
  EXPECT_EQ(after_restart[0]["state"], "resolved");
  EXPECT_EQ(after_restart[0]["window_start"], "2025-12-29T00:00:00Z");
  EXPECT_EQ(before_restart[0]["alert_name"], "x-drift");
  ASSERT_FALSE(before_restart[0]["episode_id"].get<std::string>().empty());
  EXPECT_EQ(before_restart[0]["episode_id"], after_restart[0]["episode_id"]);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_outbox WHERE status = 'delivered'"), 2);
}

TEST_F(MonitorDeliveryTest, ReceiverDownOnTheFirstRunGetsTheNotificationOnTheNext) {
  const int port = alerting::testing::UnusedLoopbackPort();
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hook";
  Configure(url);

  // Nothing listens: the run still succeeds and keeps the notification.
  RunResult down = Run(std::string("monitor run --no-domain-classifier --as-of ") + kAfterWeek4);
  ASSERT_EQ(down.exit_code, 0) << down.err;
  EXPECT_NE(down.out.find("delivery ops: 0 delivered, 1 pending"), std::string::npos) << down.out;
  RunResult outbox = Run("alerts outbox --json -");
  ASSERT_EQ(outbox.exit_code, 0) << outbox.err;
  const json rows = outbox.Json()["outbox"];
  ASSERT_EQ(rows.size(), 1u) << rows.dump();
  EXPECT_EQ(rows[0]["status"], "pending");
  EXPECT_EQ(rows[0]["state"], "firing");
  EXPECT_EQ(rows[0]["attempts"], 2);
  EXPECT_FALSE(rows[0]["last_error"].is_null());

  // The receiver is up; no window is due, yet the outbox drains.
  auto receiver = WebhookReceiver::Start(OnPort(port));
  ASSERT_TRUE(receiver.ok()) << receiver.status().message();
  json up = MonitorRun(kAfterWeek4);
  EXPECT_EQ(up["windows"].size(), 0u);
  EXPECT_EQ(OpsChannel(up)["delivered"], 1);
  EXPECT_EQ(OpsChannel(up)["pending"], 0);
  json again = MonitorRun(kAfterWeek4);
  EXPECT_EQ(OpsChannel(again)["delivered"], 0);

  std::vector<json> bodies = Bodies((*receiver)->Requests());
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_EQ(bodies[0]["state"], "firing");
  EXPECT_EQ(bodies[0]["episode_id"], rows[0]["episode_id"]);
  RunResult text = Run("alerts outbox");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("delivered"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("pending"), std::string::npos) << text.out;
}

TEST_F(MonitorDeliveryTest, WithoutAnAlertingSectionTheRunSaysNothingIsDelivered) {
  Configure("");
  RunResult run = Run(std::string("monitor run --no-domain-classifier --as-of ") + kAfterWeek4);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("delivery: none (no alerting channels in "), std::string::npos) << run.out;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_outbox"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_notifications"), 1);
}

TEST_F(MonitorDeliveryTest, MalformedAlertingSectionExitsTwoBeforeAnyWindow) {
  Configure("");
  AppendConfig("alerting:\n  channels:\n    - {name: ops, type: pager}\n");
  RunResult run = Run(std::string("monitor run --as-of ") + kAfterWeek4);
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("airm.yaml:"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("alerting.channels[0].type"), std::string::npos) << run.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 0);
}

}  // namespace
}  // namespace airm::cli_store_test
