// Delivery to Debian's prometheus-alertmanager on loopback: the firing alert
// arrives through POST /api/v2/alerts and is active in GET /api/v2/alerts;
// the resolved notification (endsAt set) makes it leave the active list.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include "airm/alerting/delivery.h"
#include "alerting_test_util.h"
#include "receivers.h"

namespace airm::alerting {
namespace {

using testing::DriftNotification;

TEST(AlertmanagerDeliveryTest, AlertArrivesAndLaterResolves) {
  if (access(testing::kAlertmanagerBinary, X_OK) != 0) {
    GTEST_SKIP() << testing::kAlertmanagerBinary
                 << " is missing: Debian's prometheus-alertmanager (scripts/bootstrap.sh)";
  }
  const auto dir = testing::FreshDir("alertmanager");
  auto db = testing::OpenFreshStore(dir);
  ASSERT_NE(db, nullptr);
  auto am = testing::Alertmanager::Start(dir / "am");
  ASSERT_TRUE(am.ok()) << am.status().ToString();

  AlertingConfig config;
  Channel channel;
  channel.name = "am";
  channel.type = ChannelType::kAlertmanager;
  channel.url = (*am)->url() + "/";
  channel.firing_ttl_seconds = 3600;
  config.channels.push_back(channel);
  // The firing window ends in the past; the TTL keeps the alert active an hour from now.
  Notification firing = DriftNotification(AlertState::kFiring);
  auto sent = DeliverNotifications(*db, config, std::vector<Outgoing>{{firing}}, {});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();
  ASSERT_EQ(sent->Delivered(), 1) << (sent->records.empty() ? "" : sent->records[0].error);

  auto active = (*am)->Alerts();
  ASSERT_TRUE(active.ok()) << active.status().ToString();
  ASSERT_EQ(active->size(), 1u) << active->dump();
  const nlohmann::json& alert = (*active)[0];
  EXPECT_EQ(alert["labels"]["alertname"], "income-drift");
  EXPECT_EQ(alert["labels"]["monitor"], "credit-weekly");
  EXPECT_EQ(alert["labels"]["severity"], "critical");
  EXPECT_EQ(alert["labels"]["model"], "credit@3");
  EXPECT_EQ(alert["annotations"]["episode_id"], "ep-1");
  EXPECT_EQ(alert["annotations"]["expression"], "columns.Income.effect_size>0.2");
  EXPECT_EQ(alert["status"]["state"], "active");
  EXPECT_EQ(alert["startsAt"], "2026-03-09T00:00:00.000Z");

  auto resolved = DeliverNotifications(
      *db, config, std::vector<Outgoing>{{firing}, {DriftNotification(AlertState::kResolved)}}, {});
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->duplicates, 1);
  EXPECT_EQ(resolved->Delivered(), 1);
  auto after = (*am)->Alerts();
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->empty()) << after->dump();
}

}  // namespace
}  // namespace airm::alerting
