#include "airm/alerting/payloads.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "alerting_test_util.h"

namespace airm::alerting {
namespace {

using nlohmann::json;
using testing::DriftNotification;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(GenericWebhookTest, CarriesEveryFieldAndRoundTrips) {
  const Notification n = DriftNotification(AlertState::kFiring);
  const json doc = json::parse(GenericWebhookJson(n));
  EXPECT_EQ(doc["version"], "airm.alert.v1");
  EXPECT_EQ(doc["alert_name"], "income-drift");
  EXPECT_EQ(doc["severity"], "critical");
  EXPECT_EQ(doc["state"], "firing");
  EXPECT_EQ(doc["observed_value"], 0.31);
  EXPECT_EQ(doc["labels"]["model"], "credit@3");
  EXPECT_EQ(doc["dedup_key"], "ep-1:firing");
  auto back = NotificationFromJson(doc.dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(GenericWebhookJson(*back), doc.dump());
}

TEST(GenericWebhookTest, UndefinedObservedValueIsNull) {
  Notification n = DriftNotification(AlertState::kFiring);
  n.observed.reset();
  const json doc = json::parse(GenericWebhookJson(n));
  EXPECT_TRUE(doc["observed_value"].is_null());
  auto back = NotificationFromJson(doc.dump());
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->observed.has_value());
}

// A notification for one person (a governance escalation) carries their
// addresses through the outbox; a monitor alert has no "recipient" member.
TEST(GenericWebhookTest, RecipientRoundTripsAndIsAbsentOtherwise) {
  Notification n = DriftNotification(AlertState::kFiring);
  EXPECT_FALSE(json::parse(GenericWebhookJson(n)).contains("recipient"));
  n.recipient = Recipient{.person = "erin", .email = "erin@example.org", .webhook = ""};
  const json doc = json::parse(GenericWebhookJson(n));
  EXPECT_EQ(doc["recipient"]["person"], "erin");
  EXPECT_EQ(doc["recipient"]["email"], "erin@example.org");
  auto back = NotificationFromJson(doc.dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_TRUE(back->recipient.has_value());
  EXPECT_EQ(back->recipient->email, "erin@example.org");
  EXPECT_EQ(GenericWebhookJson(*back), doc.dump());
  json damaged = doc;
  damaged["recipient"]["email"] = 7;
  auto bad = NotificationFromJson(damaged.dump());
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("field 'recipient.email': expected a string"));
}

TEST(GenericWebhookTest, DamagedJsonNamesTheField) {
  json doc = json::parse(GenericWebhookJson(DriftNotification(AlertState::kFiring)));
  doc["state"] = "pending";
  auto back = NotificationFromJson(doc.dump());
  ASSERT_FALSE(back.ok());
  EXPECT_THAT(back.status().message(), HasSubstr("field 'state': unknown value 'pending'"));
}

TEST(SlackPayloadTest, TextAndBlocksWithSlackEscapes) {
  Notification n = DriftNotification(AlertState::kResolved);
  n.summary = "accuracy<0.7 & falling";
  const json doc = json::parse(SlackWebhookJson(n));
  const std::string text = doc["text"];
  EXPECT_THAT(text, HasSubstr("[RESOLVED] critical: income-drift on monitor credit-weekly"));
  EXPECT_THAT(text, HasSubstr("accuracy&lt;0.7 &amp; falling"));
  ASSERT_EQ(doc["blocks"].size(), 2u);
  const std::string fields = doc["blocks"][1]["text"]["text"];
  EXPECT_THAT(fields, HasSubstr("`columns.Income.effect_size&gt;0.2`"));
  EXPECT_THAT(fields, HasSubstr("*Observed:* 0.05"));
}

TEST(AlertmanagerPayloadTest, FiringAlertHasLabelsAnnotationsAndNoEnd) {
  Notification n = DriftNotification(AlertState::kFiring);
  n.labels["data-set"] = "x";
  const json doc = json::parse(AlertmanagerJson(n, std::nullopt));
  ASSERT_TRUE(doc.is_array());
  ASSERT_EQ(doc.size(), 1u);
  const json& alert = doc[0];
  EXPECT_EQ(alert["labels"]["alertname"], "income-drift");
  EXPECT_EQ(alert["labels"]["monitor"], "credit-weekly");
  EXPECT_EQ(alert["labels"]["severity"], "critical");
  EXPECT_EQ(alert["labels"]["data_set"], "x");  // made a valid label name
  EXPECT_EQ(alert["annotations"]["episode_id"], "ep-1");
  EXPECT_EQ(alert["annotations"]["observed_value"], "0.31");
  EXPECT_EQ(alert["startsAt"], "2026-03-09T00:00:00Z");
  EXPECT_FALSE(alert.contains("endsAt"));
  const json with_ttl = json::parse(AlertmanagerJson(n, "2026-03-16T00:00:00Z"));
  EXPECT_EQ(with_ttl[0]["endsAt"], "2026-03-16T00:00:00Z");
}

TEST(AlertmanagerPayloadTest, ResolvedAlertEndsAtItsWindowEnd) {
  const json doc = json::parse(AlertmanagerJson(DriftNotification(AlertState::kResolved), {}));
  EXPECT_EQ(doc[0]["startsAt"], "2026-03-09T00:00:00Z");
  EXPECT_EQ(doc[0]["endsAt"], "2026-03-23T00:00:00Z");
}

TEST(EmailMessageTest, HeadersThreadTheEpisodeAndCannotBeInjected) {
  Notification n = DriftNotification(AlertState::kResolved);
  n.monitor = "crédit\r\nBcc: evil@x";
  const std::string mail = EmailMessage(n, {"airm@example", {"a@example", "b@example"}},
                                        "Mon, 23 Mar 2026 00:00:00 +0000");
  EXPECT_THAT(mail, HasSubstr("From: airm@example\r\n"));
  EXPECT_THAT(mail, HasSubstr("To: a@example, b@example\r\n"));
  EXPECT_THAT(mail, HasSubstr("Subject: =?UTF-8?B?"));  // non-ASCII monitor name
  EXPECT_THAT(mail, Not(HasSubstr("\r\nBcc:")));
  EXPECT_THAT(mail, HasSubstr("Message-ID: <ep-1.resolved@airm>\r\n"));
  EXPECT_THAT(mail, HasSubstr("In-Reply-To: <ep-1.firing@airm>\r\n"));
  EXPECT_THAT(mail, HasSubstr("Date: Mon, 23 Mar 2026 00:00:00 +0000\r\n"));
  EXPECT_THAT(mail, HasSubstr("\r\n\r\nIncome drifted"));
  EXPECT_THAT(mail, HasSubstr("Rule:      columns.Income.effect_size>0.2\r\n"));
}

TEST(EmailMessageTest, AsciiSubjectIsPlain) {
  const std::string mail =
      EmailMessage(DriftNotification(AlertState::kFiring), {"a@x", {"b@y"}}, "d");
  EXPECT_THAT(mail,
              HasSubstr("Subject: [airm FIRING] critical: income-drift on credit-weekly\r\n"));
  EXPECT_THAT(mail, Not(HasSubstr("In-Reply-To")));
}

}  // namespace
}  // namespace airm::alerting
