// Email delivery to a real SMTP server on loopback (Debian's aiosmtpd, via
// tests/alerting/smtp_receiver.py): plain SMTP, and STARTTLS with AUTH.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "airm/alerting/delivery.h"
#include "alerting_test_util.h"
#include "receivers.h"

namespace airm::alerting {
namespace {

using testing::DriftNotification;
using ::testing::HasSubstr;

class SmtpDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::HaveAiosmtpd()) {
      GTEST_SKIP() << "Debian's python3-aiosmtpd is not installed for /usr/bin/python3 "
                      "(scripts/bootstrap.sh installs it)";
    }
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = testing::FreshDir(std::string("smtp_") + info->name());
    db_ = testing::OpenFreshStore(dir_);
    ASSERT_NE(db_, nullptr);
  }

  static AlertingConfig MailConfig(int port, SmtpSecurity security) {
    AlertingConfig config;
    config.retry = {.attempts = 2, .initial_backoff_ms = 0, .max_backoff_ms = 0};
    Channel channel;
    channel.name = "mail";
    channel.type = ChannelType::kEmail;
    channel.email.host = "127.0.0.1";
    channel.email.port = port;
    channel.email.security = security;
    channel.email.from = "airm@example.org";
    channel.email.to = {"ml-team@example.org", "risk@example.org"};
    channel.timeout_seconds = 10;
    config.channels.push_back(channel);
    return config;
  }

  DeliveryReport Deliver(const AlertingConfig& config, std::vector<Outgoing> outgoing) {
    auto report = DeliverNotifications(*db_, config, outgoing, {});
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : DeliveryReport{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Database> db_;
};

TEST_F(SmtpDeliveryTest, PlainSmtpDeliversOneMailPerNotification) {
  auto server = testing::SmtpReceiver::Start(dir_ / "smtp", {});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  const AlertingConfig config = MailConfig((*server)->port(), SmtpSecurity::kNone);
  DeliveryReport report = Deliver(config, {{DriftNotification(AlertState::kFiring)},
                                           {DriftNotification(AlertState::kResolved)}});
  EXPECT_EQ(report.Delivered(), 2);
  Deliver(config, {{DriftNotification(AlertState::kFiring)}});  // a duplicate: not sent

  const auto messages = (*server)->Messages();
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0]["mail_from"], "airm@example.org");
  EXPECT_EQ(messages[0]["rcpt_tos"], (nlohmann::json{"ml-team@example.org", "risk@example.org"}));
  const std::string firing = messages[0]["data"];
  EXPECT_THAT(firing, HasSubstr("Subject: [airm FIRING] critical: income-drift on credit-weekly"));
  EXPECT_THAT(firing, HasSubstr("Observed:  0.31"));
  EXPECT_EQ(messages[0]["tls"], false);
  EXPECT_THAT(messages[1]["data"].get<std::string>(), HasSubstr("In-Reply-To: <ep-1.firing@airm>"));
}

TEST_F(SmtpDeliveryTest, StartTlsWithAuth) {
  auto server = testing::SmtpReceiver::Start(
      dir_ / "smtp", {.starttls = true, .auth_user = "airm", .auth_password = "s3cret"});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  AlertingConfig config = MailConfig((*server)->port(), SmtpSecurity::kStartTls);
  config.channels[0].ca_file = (*server)->cert_file();
  config.channels[0].email.username = "airm";
  config.channels[0].email.password_env = "AIRM_TEST_SMTP_PASSWORD";
  setenv("AIRM_TEST_SMTP_PASSWORD", "s3cret", 1);
  DeliveryReport report = Deliver(config, {{DriftNotification(AlertState::kFiring)}});
  unsetenv("AIRM_TEST_SMTP_PASSWORD");
  ASSERT_EQ(report.records.size(), 1u);
  EXPECT_EQ(report.records[0].status, DeliveryStatus::kDelivered) << report.records[0].error;
  const auto messages = (*server)->Messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0]["tls"], true);
  EXPECT_EQ(messages[0]["authenticated"], true);
  EXPECT_EQ(messages[0]["auth_user"], "airm");
}

TEST_F(SmtpDeliveryTest, ServerRequiringStartTlsRefusesPlainMailWhichStaysQueued) {
  auto server = testing::SmtpReceiver::Start(dir_ / "smtp", {.starttls = true});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  AlertingConfig plain = MailConfig((*server)->port(), SmtpSecurity::kNone);
  DeliveryReport refused = Deliver(plain, {{DriftNotification(AlertState::kFiring)}});
  ASSERT_EQ(refused.records.size(), 1u);
  EXPECT_EQ(refused.records[0].status, DeliveryStatus::kPending);
  EXPECT_THAT(refused.records[0].error, HasSubstr("530"));  // "Must issue a STARTTLS command first"
  EXPECT_TRUE((*server)->Messages().empty());

  AlertingConfig tls = MailConfig((*server)->port(), SmtpSecurity::kStartTls);
  tls.channels[0].ca_file = (*server)->cert_file();
  EXPECT_EQ(Deliver(tls, {}).Delivered(), 1);
  EXPECT_EQ((*server)->Messages().size(), 1u);
}

}  // namespace
}  // namespace airm::alerting
