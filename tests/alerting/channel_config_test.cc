#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "airm/alerting/channels.h"

namespace airm::alerting {
namespace {

using ::testing::HasSubstr;

constexpr const char* kFull = R"(name: demo
store: .airm/airm.db
alerting:
  retry: {attempts: 4, initial_backoff_ms: 100, max_backoff_ms: 300}
  channels:
    - name: ops
      type: webhook
      url: https://hooks.example/airm
      headers: {Authorization: "Bearer x"}
      timeout_seconds: 5
    - name: team
      type: slack
      url_env: SLACK_WEBHOOK_URL
    - name: mail
      type: email
      host: smtp.example
      port: 587
      security: starttls
      username: airm
      password_env: AIRM_SMTP_PASSWORD
      from: airm@example
      to: [ml@example, risk@example]
    - name: am
      type: alertmanager
      url: http://127.0.0.1:9093
      firing_ttl_seconds: 604800
)";

TEST(ChannelConfigTest, ReadsEveryChannelType) {
  auto config = ParseAlertingConfig(kFull, "airm.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->retry.attempts, 4);
  EXPECT_EQ(config->retry.initial_backoff_ms, 100);
  ASSERT_EQ(config->channels.size(), 4u);
  const Channel& ops = config->channels[0];
  EXPECT_EQ(ops.type, ChannelType::kWebhook);
  EXPECT_EQ(ops.url, "https://hooks.example/airm");
  EXPECT_EQ(ops.headers.at("Authorization"), "Bearer x");
  EXPECT_EQ(ops.timeout_seconds, 5);
  EXPECT_EQ(ops.line, 6);
  EXPECT_EQ(config->channels[1].type, ChannelType::kSlack);
  EXPECT_EQ(config->channels[1].url_env, "SLACK_WEBHOOK_URL");
  const Channel* mail = config->Find("mail");
  ASSERT_NE(mail, nullptr);
  EXPECT_EQ(mail->email.security, SmtpSecurity::kStartTls);
  EXPECT_EQ(mail->email.port, 587);
  EXPECT_EQ(mail->email.to, (std::vector<std::string>{"ml@example", "risk@example"}));
  EXPECT_EQ(mail->email.password_env, "AIRM_SMTP_PASSWORD");
  EXPECT_EQ(config->Find("am")->firing_ttl_seconds, 604800);
  EXPECT_EQ(config->Find("nope"), nullptr);
}

TEST(ChannelConfigTest, NoAlertingSectionIsAnEmptyConfig) {
  auto config = ParseAlertingConfig("name: demo\nstore: x.db\n", "airm.yaml");
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->channels.empty());
  EXPECT_EQ(config->retry.attempts, 3);
}

struct BadConfig {
  const char* yaml;
  const char* message;  // the expected substring: file, line and key path
};

class ChannelConfigErrorTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(ChannelConfigErrorTest, NamesFileLineAndKey) {
  auto config = ParseAlertingConfig(GetParam().yaml, "ws/airm.yaml");
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.status().code(), StatusCode::kParseError);
  EXPECT_THAT(config.status().message(), HasSubstr(GetParam().message));
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ChannelConfigErrorTest,
    ::testing::Values(
        BadConfig{"alerting:\n  channels:\n    - name: a\n      type: webhook\n      url: "
                  "http://x\n      timeout_secs: 3\n",
                  "ws/airm.yaml:6: alerting.channels[0].timeout_secs: unknown key"},
        BadConfig{"alerting:\n  channels:\n    - name: m\n      type: email\n      host: h\n"
                  "      from: a@b\n      to: c@d\n      port: 99999\n",
                  "ws/airm.yaml:8: alerting.channels[0].port: expected an integer from 1 to 65535"},
        BadConfig{"alerting:\n  channels:\n    - name: m\n      type: email\n      host: h\n"
                  "      from: a@b\n",
                  "ws/airm.yaml:3: alerting.channels[0]: channel 'm' (email): missing key 'to'"},
        BadConfig{"alerting:\n  channels:\n    - name: m\n      type: email\n      host: h\n"
                  "      from: a@b\n      to: c@d\n      security: ssl\n",
                  "ws/airm.yaml:8: alerting.channels[0].security: expected none, starttls or tls"},
        BadConfig{"alerting:\n  channels:\n    - name: a\n      type: pager\n",
                  "ws/airm.yaml:4: alerting.channels[0].type: expected webhook, slack, email or "
                  "alertmanager, got 'pager'"},
        BadConfig{"alerting:\n  channels:\n    - {name: a, type: webhook, url: 'http://x'}\n"
                  "    - {name: a, type: slack, url: 'http://y'}\n",
                  "ws/airm.yaml:4: alerting.channels[1].name: duplicate channel name 'a'"},
        BadConfig{"alerting:\n  channels:\n    - {name: a, type: webhook, url: 'ftp://x'}\n",
                  "alerting.channels[0]: channel 'a': url must start with http:// or https://"},
        BadConfig{"alerting:\n  channels:\n    - {name: a, type: slack}\n",
                  "missing key 'url' or 'url_env'"},
        BadConfig{"alerting:\n  retry: {attempts: 0}\n",
                  "ws/airm.yaml:2: alerting.retry.attempts: expected an integer from 1 to 100"},
        BadConfig{"alerting:\n  retry: {initial_backoff_ms: 900, max_backoff_ms: 10}\n",
                  "alerting.retry: max_backoff_ms must be at least initial_backoff_ms"},
        BadConfig{"alerting:\n  channel: []\n", "ws/airm.yaml:2: alerting.channel: unknown key"},
        BadConfig{"alerting:\n  channels: {a: 1}\n", "alerting.channels: expected a list"},
        BadConfig{"alerting:\n  channels:\n    - [name, a\n", "ws/airm.yaml:4:"}));

TEST(ChannelConfigTest, LoadNamesTheFileItRead) {
  const std::filesystem::path path =
      std::filesystem::path(::testing::TempDir()) / "airm_alerting_load" / "airm.yaml";
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path) << "name: w\nalerting:\n  channels:\n    - {name: a, type: webhook}\n";
  auto config = LoadAlertingConfig(path.string());
  ASSERT_FALSE(config.ok());
  EXPECT_THAT(config.status().message(),
              HasSubstr(path.string() + ":4: alerting.channels[0]: channel 'a' (webhook): "
                                        "missing key 'url' or 'url_env'"));
  auto missing = LoadAlertingConfig(path.string() + ".nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

TEST(RetryPolicyTest, BackoffDoublesUpToTheCap) {
  RetryPolicy retry{.attempts = 6, .initial_backoff_ms = 500, .max_backoff_ms = 3000};
  EXPECT_EQ(retry.BackoffAfter(1), 500);
  EXPECT_EQ(retry.BackoffAfter(2), 1000);
  EXPECT_EQ(retry.BackoffAfter(3), 2000);
  EXPECT_EQ(retry.BackoffAfter(4), 3000);
  EXPECT_EQ(retry.BackoffAfter(50), 3000);
}

}  // namespace
}  // namespace airm::alerting
