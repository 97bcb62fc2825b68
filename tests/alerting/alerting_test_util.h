// Shared by the alerting tests: a notification of a drift episode and a
// fresh store to keep the outbox in.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "airm/alerting/notification.h"
#include "airm/store/database.h"

namespace airm::alerting::testing {

inline Notification DriftNotification(AlertState state, const std::string& episode = "ep-1") {
  Notification n;
  n.alert_name = "income-drift";
  n.monitor = "credit-weekly";
  n.severity = AlertSeverity::kCritical;
  n.state = state;
  n.window_start = state == AlertState::kFiring ? "2026-03-02T00:00:00Z" : "2026-03-16T00:00:00Z";
  n.window_end = state == AlertState::kFiring ? "2026-03-09T00:00:00Z" : "2026-03-23T00:00:00Z";
  n.expression = "columns.Income.effect_size>0.2";
  n.observed = state == AlertState::kFiring ? 0.31 : 0.05;
  n.summary = "Income drifted: effect size 0.31 > 0.2";
  n.labels = {{"model", "credit@3"}, {"schedule", "weekly"}};
  n.episode_id = episode;
  n.started_at = "2026-03-09T00:00:00Z";
  return n;
}

inline std::unique_ptr<store::Database> OpenFreshStore(const std::filesystem::path& dir) {
  auto db = store::OpenSqliteStore((dir / "airm.db").string(), {.create = true});
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

}  // namespace airm::alerting::testing
