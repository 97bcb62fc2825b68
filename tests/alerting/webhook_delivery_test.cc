// Delivery through the outbox to a real HTTP receiver on loopback
// (cpp-httplib, in this process): idempotency, retries with backoff, an
// unreachable receiver, ordering within an episode, Slack's payload.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <nlohmann/json.hpp>

#include "airm/alerting/delivery.h"
#include "alerting_test_util.h"
#include "receivers.h"

namespace airm::alerting {
namespace {

using nlohmann::json;
using testing::DriftNotification;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class WebhookDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = testing::FreshDir(std::string("webhook_") + info->name());
    db_ = testing::OpenFreshStore(dir_);
    ASSERT_NE(db_, nullptr);
  }

  static AlertingConfig WebhookConfig(const std::string& url) {
    AlertingConfig config;
    config.retry = {.attempts = 3, .initial_backoff_ms = 100, .max_backoff_ms = 1000};
    Channel channel;
    channel.name = "ops";
    channel.type = ChannelType::kWebhook;
    channel.url = url;
    channel.timeout_seconds = 5;
    config.channels.push_back(channel);
    return config;
  }

  // Delivers with backoff waits recorded in sleeps_ instead of slept.
  DeliveryReport Deliver(const AlertingConfig& config, std::vector<Outgoing> outgoing) {
    DeliveryOptions options;
    options.sleep = [this](std::chrono::milliseconds ms) { sleeps_.push_back(ms.count()); };
    auto report = DeliverNotifications(*db_, config, outgoing, options);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : DeliveryReport{};
  }

  std::vector<OutboxEntry> Outbox() {
    auto entries = ListOutbox(*db_);
    EXPECT_TRUE(entries.ok()) << entries.status().ToString();
    return entries.ok() ? *entries : std::vector<OutboxEntry>{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
  std::vector<int64_t> sleeps_;
};

TEST_F(WebhookDeliveryTest, DeliversEachNotificationOnceAcrossRuns) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  const AlertingConfig config = WebhookConfig((*receiver)->url());
  const Outgoing firing{DriftNotification(AlertState::kFiring)};

  DeliveryReport first = Deliver(config, {firing});
  EXPECT_EQ(first.queued, 1);
  EXPECT_EQ(first.Delivered(), 1);
  // The same notification again, as a restarted monitor run would produce it.
  DeliveryReport second = Deliver(config, {firing});
  EXPECT_EQ(second.queued, 0);
  EXPECT_EQ(second.duplicates, 1);
  EXPECT_TRUE(second.records.empty());
  DeliveryReport resolved = Deliver(config, {firing, {DriftNotification(AlertState::kResolved)}});
  EXPECT_EQ(resolved.duplicates, 1);
  EXPECT_EQ(resolved.Delivered(), 1);

  const auto requests = (*receiver)->Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].path, "/hook");
  EXPECT_EQ(requests[0].content_type, "application/json");
  EXPECT_EQ(json::parse(requests[0].body)["dedup_key"], "ep-1:firing");
  EXPECT_EQ(json::parse(requests[1].body)["dedup_key"], "ep-1:resolved");
  const auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 2u);
  EXPECT_EQ(outbox[0].status, "delivered");
  EXPECT_EQ(outbox[0].attempts, 1);
  EXPECT_TRUE(outbox[0].delivered_at.has_value());
  EXPECT_TRUE(sleeps_.empty());
}

// The monitor run's split: QueueNotifications inside the caller's transaction
// (rolled back with it), DrainOutbox afterwards, counted per channel.
TEST_F(WebhookDeliveryTest, QueueingFollowsTheCallersTransactionAndTheDrainCountsPerChannel) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  AlertingConfig config = WebhookConfig((*receiver)->url());
  config.retry.attempts = 1;
  Channel down = config.channels[0];
  down.name = "down";
  down.url = "http://127.0.0.1:" + std::to_string(testing::UnusedLoopbackPort()) + "/hook";
  config.channels.push_back(down);
  const std::vector<Outgoing> outgoing = {{DriftNotification(AlertState::kFiring)}};

  DeliveryReport rolled_back;
  Status failed = db_->WriteTransaction([&](store::Database& tx) -> Status {
    EXPECT_TRUE(QueueNotifications(tx, config, outgoing, {}, &rolled_back).ok());
    return Status::InvalidArgument("the window could not be stored");
  });
  EXPECT_FALSE(failed.ok());
  EXPECT_TRUE(Outbox().empty());

  DeliveryReport report;
  ASSERT_TRUE(db_->WriteTransaction([&](store::Database& tx) {
                   return QueueNotifications(tx, config, outgoing, {}, &report);
                 })
                  .ok());
  EXPECT_EQ(report.queued, 2);
  ASSERT_TRUE(DrainOutbox(*db_, config, {}, &report).ok());
  ASSERT_EQ(report.channels.size(), 2u);
  EXPECT_EQ(report.channels[0].channel, "ops");
  EXPECT_EQ(report.channels[0].queued, 1);
  EXPECT_EQ(report.channels[0].delivered, 1);
  EXPECT_EQ(report.channels[0].pending, 0);
  EXPECT_EQ(report.channels[1].channel, "down");
  EXPECT_EQ(report.channels[1].delivered, 0);
  EXPECT_EQ(report.channels[1].pending, 1);
  EXPECT_EQ((*receiver)->Requests().size(), 1u);

  DeliveryReport again = Deliver(config, outgoing);
  EXPECT_EQ(again.channels[0].duplicates, 1);
  EXPECT_EQ(again.channels[1].duplicates, 1);
  EXPECT_EQ(again.channels[0].delivered, 0);
}

TEST_F(WebhookDeliveryTest, ARepeatReminderIsItsOwnDelivery) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  const AlertingConfig config = WebhookConfig((*receiver)->url());
  Deliver(config, {{DriftNotification(AlertState::kFiring)}});
  DeliveryReport reminder = Deliver(config, {{DriftNotification(AlertState::kFiring), 1}});
  ASSERT_EQ(reminder.records.size(), 1u);
  EXPECT_EQ(reminder.records[0].dedup_key, "ep-1:firing:repeat-1");
  EXPECT_EQ((*receiver)->Requests().size(), 2u);
}

TEST_F(WebhookDeliveryTest, RetriesWithBackoffWithinARun) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  (*receiver)->ScriptStatuses({503, 503});
  DeliveryReport report =
      Deliver(WebhookConfig((*receiver)->url()), {{DriftNotification(AlertState::kFiring)}});
  ASSERT_EQ(report.records.size(), 1u);
  EXPECT_EQ(report.records[0].status, DeliveryStatus::kDelivered);
  EXPECT_EQ(report.records[0].attempts_this_run, 3);
  EXPECT_THAT(report.records[0].backoff_ms, ElementsAre(100, 200));
  EXPECT_THAT(sleeps_, ElementsAre(100, 200));
  EXPECT_EQ((*receiver)->Requests().size(), 3u);
  EXPECT_EQ(Outbox()[0].attempts, 3);
}

TEST_F(WebhookDeliveryTest, FailedDeliveryIsKeptAndSentOnTheNextRun) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  const AlertingConfig config = WebhookConfig((*receiver)->url());
  (*receiver)->ScriptStatuses({500, 500, 500});
  DeliveryReport failed = Deliver(config, {{DriftNotification(AlertState::kFiring)}});
  ASSERT_EQ(failed.records.size(), 1u);
  EXPECT_EQ(failed.records[0].status, DeliveryStatus::kPending);
  EXPECT_THAT(failed.records[0].error, HasSubstr("HTTP 500: scripted failure"));
  auto outbox = Outbox();
  ASSERT_EQ(outbox.size(), 1u);
  EXPECT_EQ(outbox[0].status, "pending");
  EXPECT_EQ(outbox[0].attempts, 3);
  EXPECT_THAT(outbox[0].last_error.value_or(""), HasSubstr("HTTP 500"));

  DeliveryReport next = Deliver(config, {});  // the next run, with nothing new to say
  ASSERT_EQ(next.records.size(), 1u);
  EXPECT_EQ(next.records[0].status, DeliveryStatus::kDelivered);
  EXPECT_EQ(next.records[0].attempts_total, 4);
  outbox = Outbox();
  EXPECT_EQ(outbox[0].status, "delivered");
  EXPECT_FALSE(outbox[0].last_error.has_value());
  EXPECT_EQ((*receiver)->Requests().size(), 4u);
}

TEST_F(WebhookDeliveryTest, AChannelThatIsDownCostsOneRowsRetriesPerRun) {
  const int port = testing::UnusedLoopbackPort();
  const AlertingConfig config = WebhookConfig("http://127.0.0.1:" + std::to_string(port) + "/h");
  DeliveryReport report = Deliver(config, {{DriftNotification(AlertState::kFiring, "ep-1")},
                                           {DriftNotification(AlertState::kFiring, "ep-2")}});
  ASSERT_EQ(report.records.size(), 2u);
  EXPECT_EQ(report.records[0].attempts_this_run, 3);
  EXPECT_EQ(report.records[1].attempts_this_run, 0);
  EXPECT_THAT(report.records[1].error, HasSubstr("not tried: channel 'ops' failed earlier"));
  EXPECT_THAT(sleeps_, ElementsAre(100, 200));
  EXPECT_EQ(Outbox().size(), 2u);
}

TEST_F(WebhookDeliveryTest, ClientErrorIsNotRetriedWithinTheRun) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  (*receiver)->ScriptStatuses({400});
  DeliveryReport report =
      Deliver(WebhookConfig((*receiver)->url()), {{DriftNotification(AlertState::kFiring)}});
  ASSERT_EQ(report.records.size(), 1u);
  EXPECT_EQ(report.records[0].attempts_this_run, 1);
  EXPECT_EQ(report.records[0].status, DeliveryStatus::kPending);
  EXPECT_THAT(report.records[0].error, HasSubstr("HTTP 400"));
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(WebhookDeliveryTest, UnreachableReceiverDelaysDeliveryWithoutLosingIt) {
  const int port = testing::UnusedLoopbackPort();
  ASSERT_GT(port, 0);
  const AlertingConfig config = WebhookConfig("http://127.0.0.1:" + std::to_string(port) + "/hook");
  DeliveryReport down = Deliver(config, {{DriftNotification(AlertState::kFiring)},
                                         {DriftNotification(AlertState::kResolved)}});
  EXPECT_EQ(down.queued, 2);
  EXPECT_EQ(down.Delivered(), 0);
  ASSERT_EQ(down.records.size(), 2u);
  EXPECT_THAT(down.records[0].error, HasSubstr("onnect"));  // curl: "Failed to connect ..."
  EXPECT_EQ(down.records[0].attempts_this_run, 3);
  // The resolved notice waits for the firing one instead of overtaking it.
  EXPECT_EQ(down.records[1].attempts_this_run, 0);
  EXPECT_THAT(down.records[1].error, HasSubstr("waiting for an earlier notification"));

  // A restart: the store is closed and opened again; the receiver is up now.
  db_.reset();
  db_ = testing::OpenFreshStore(dir_);
  ASSERT_NE(db_, nullptr);
  auto receiver = testing::WebhookReceiver::Start({.port = port});
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  DeliveryReport up = Deliver(config, {});
  EXPECT_EQ(up.Delivered(), 2);
  const auto requests = (*receiver)->Requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(json::parse(requests[0].body)["state"], "firing");
  EXPECT_EQ(json::parse(requests[1].body)["state"], "resolved");
  EXPECT_TRUE(Deliver(config, {}).records.empty());
}

TEST_F(WebhookDeliveryTest, HttpsReceiverIsVerifiedAgainstTheChannelsCaFile) {
  ASSERT_TRUE(testing::MakeSelfSignedCertificate(dir_).ok());
  auto receiver = testing::WebhookReceiver::Start(
      {.cert_file = (dir_ / "cert.pem").string(), .key_file = (dir_ / "key.pem").string()});
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  AlertingConfig config = WebhookConfig((*receiver)->url());
  config.retry.attempts = 1;
  // Without the CA the self-signed certificate is refused: nothing is sent in the clear.
  DeliveryReport refused = Deliver(config, {{DriftNotification(AlertState::kFiring)}});
  ASSERT_EQ(refused.records.size(), 1u);
  EXPECT_EQ(refused.records[0].status, DeliveryStatus::kPending);
  EXPECT_THAT(refused.records[0].error, HasSubstr("certificate"));
  EXPECT_TRUE((*receiver)->Requests().empty());

  config.channels[0].ca_file = (dir_ / "cert.pem").string();
  EXPECT_EQ(Deliver(config, {}).Delivered(), 1);
  ASSERT_EQ((*receiver)->Requests().size(), 1u);
  EXPECT_EQ(json::parse((*receiver)->Requests()[0].body)["state"], "firing");
}

TEST_F(WebhookDeliveryTest, SlackChannelReadsItsUrlFromTheEnvironment) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  AlertingConfig config = WebhookConfig("");
  config.channels[0].type = ChannelType::kSlack;
  config.channels[0].url.clear();
  config.channels[0].url_env = "AIRM_TEST_SLACK_URL";
  unsetenv("AIRM_TEST_SLACK_URL");
  DeliveryReport missing = Deliver(config, {{DriftNotification(AlertState::kFiring)}});
  ASSERT_EQ(missing.records.size(), 1u);
  EXPECT_THAT(missing.records[0].error,
              HasSubstr("environment variable AIRM_TEST_SLACK_URL is not set"));

  setenv("AIRM_TEST_SLACK_URL", (*receiver)->url().c_str(), 1);
  DeliveryReport sent = Deliver(config, {});
  unsetenv("AIRM_TEST_SLACK_URL");
  EXPECT_EQ(sent.Delivered(), 1);
  const auto requests = (*receiver)->Requests();
  ASSERT_EQ(requests.size(), 1u);
  const json body = json::parse(requests[0].body);
  EXPECT_THAT(body["text"].get<std::string>(), HasSubstr("[FIRING] critical: income-drift"));
  EXPECT_EQ(body["blocks"].size(), 2u);
}

TEST_F(WebhookDeliveryTest, WebhookSendsConfiguredHeaders) {
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  AlertingConfig config = WebhookConfig((*receiver)->url());
  config.channels[0].headers["Authorization"] = "Bearer t0ken";
  Deliver(config, {{DriftNotification(AlertState::kFiring)}});
  const auto requests = (*receiver)->Requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.at("Authorization"), "Bearer t0ken");
}

TEST_F(WebhookDeliveryTest, UnknownChannelNameIsAnInputError) {
  DeliveryOptions options;
  options.only_channels = {"pager"};
  auto report = DeliverNotifications(*db_, WebhookConfig("http://127.0.0.1:1/h"),
                                     std::vector<Outgoing>{}, options);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(report.status().message(), HasSubstr("unknown alerting channel 'pager'"));
  EXPECT_TRUE(Outbox().empty());
}

TEST_F(WebhookDeliveryTest, RowsOfARemovedChannelAreKeptNotSent) {
  const int port = testing::UnusedLoopbackPort();
  AlertingConfig old_config = WebhookConfig("http://127.0.0.1:" + std::to_string(port) + "/h");
  old_config.retry.attempts = 1;
  Deliver(old_config, {{DriftNotification(AlertState::kFiring)}});
  auto receiver = testing::WebhookReceiver::Start();
  ASSERT_TRUE(receiver.ok()) << receiver.status().ToString();
  AlertingConfig new_config = WebhookConfig((*receiver)->url());
  new_config.channels[0].name = "ops-new";
  DeliveryReport report = Deliver(new_config, {});
  EXPECT_EQ(report.orphaned, 1);
  EXPECT_TRUE(report.records.empty());
  EXPECT_EQ(Outbox()[0].status, "pending");
}

}  // namespace
}  // namespace airm::alerting
