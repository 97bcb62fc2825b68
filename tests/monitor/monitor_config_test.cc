#include "airm/monitor/monitor_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::monitor {
namespace {

using ::testing::HasSubstr;

const char* kGood =
    "name: ws\n"
    "monitors:\n"
    "  - name: credit\n"
    "    model: credit@1\n"
    "    reference: {dataset: train@2}\n"
    "    current: {files: \"b/*.csv\", timestamp: ts}\n"
    "    roles: {target: y, segment: [region]}\n"
    "    time_zone: \"+02:00\"\n"
    "    start: 2026-01-05\n"
    "    schedules:\n"
    "      - {every: week}\n"
    "      - {every: month, analysis: drift}\n"
    "    alerts:\n"
    "      - {name: d, when: drift, severity: critical, for: 3}\n";

TEST(MonitorConfigTest, ParsesAMonitor) {
  auto config = ParseMonitorsConfig(kGood, "airm.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  ASSERT_EQ(config->monitors.size(), 1u);
  const MonitorSpec& m = config->monitors[0];
  EXPECT_EQ(m.model, "credit@1");
  EXPECT_EQ(m.reference.dataset, "train@2");
  EXPECT_EQ(m.zone.DayStart(0), -7200);  // local midnight of 1970-01-01 at +02:00
  EXPECT_EQ(m.start, "2026-01-05T00:00:00Z");
  ASSERT_EQ(m.schedules.size(), 2u);
  EXPECT_EQ(m.schedules[1].Key(), "month-drift");
  EXPECT_EQ(m.roles.segment, std::vector<std::string>{"region"});
  ASSERT_EQ(m.alerts.size(), 1u);
  EXPECT_EQ(m.alerts[0].for_windows, 3);
  EXPECT_EQ(m.alerts[0].severity, Severity::kCritical);
  EXPECT_EQ(m.line, 3);
}

TEST(MonitorConfigTest, AWorkspaceWithoutMonitorsHasNone) {
  auto config = ParseMonitorsConfig("name: ws\nstore: .airm/airm.db\n", "airm.yaml");
  ASSERT_TRUE(config.ok());
  EXPECT_TRUE(config->monitors.empty());
}

struct BadCase {
  std::string from, to, message;
};

TEST(MonitorConfigTest, ErrorsNameFileLineAndKey) {
  const std::vector<BadCase> cases = {
      {"for: 3", "for: zero", "airm.yaml:14: monitors[0].alerts[0].for: expected a number"},
      {"severity: critical", "severity: loud", "monitors[0].alerts[0].severity: expected info"},
      {"every: week", "every: fortnight", "airm.yaml:11: monitors[0].schedules[0].every"},
      {"\"+02:00\"", "Mars/Olympus_Mons",
       "airm.yaml:8: monitors[0].time_zone: expected UTC, a fixed offset like +02:00 or an IANA "
       "time zone name"},
      {"start: 2026-01-05", "start: soon", "airm.yaml:9: monitors[0].start"},
      {"{dataset: train@2}", "{dataset: a@1, file: x.csv}",
       "monitors[0].reference: expected exactly one of file or dataset"},
      {"timestamp: ts", "stamp: ts", "monitors[0].current.stamp: unknown key"},
      {"    roles:", "    rolez:", "airm.yaml:7: monitors[0].rolez: unknown key"},
      {"analysis: drift", "analysis: fairness", "monitors[0].schedules[1].analysis"},
      {"analysis: drift", "analysis: evaluation",
       "airm.yaml:11: monitors[0].schedules: an evaluation schedule needs roles.target and "
       "roles.prediction"},
      {"{name: d,", "{name: [d],", "monitors[0].alerts[0].name: expected a single value"},
      {"schedules:\n      - {every: week}\n      - {every: month, analysis: drift}",
       "schedules:\n      - {every: week}\n      - {every: week}", "is declared twice"},
      {"  - name: credit", "  - name: credit\n   bad: [", "airm.yaml:"},
      {"{every: week}", "{every: week, vs_previous: maybe}",
       "airm.yaml:11: monitors[0].schedules[0].vs_previous: expected true (from the previous "
       "window's stored profile), rows (its rows read again) or false"},
      {"for: 3", "for: 3, repeat: soon",
       "airm.yaml:14: monitors[0].alerts[0].repeat: expected a duration of at least a minute"},
      {"for: 3", "for: 3, repeat: 5s", "monitors[0].alerts[0].repeat: expected a duration"},
      {"{every: week}", "{every: week, rolling: 0}",
       "monitors[0].schedules[0].rolling: expected a number of periods from 1 to 366"},
      {"{every: week}", "{every: week, rolling: 4, vs_previous: true}",
       "monitors[0].schedules[0].vs_previous: rolling windows overlap"},
  };
  for (const BadCase& c : cases) {
    std::string text = kGood;
    const size_t at = text.find(c.from);
    ASSERT_NE(at, std::string::npos) << c.from;
    text.replace(at, c.from.size(), c.to);
    auto config = ParseMonitorsConfig(text, "airm.yaml");
    ASSERT_FALSE(config.ok()) << c.to;
    EXPECT_EQ(config.status().code(), StatusCode::kParseError) << c.to;
    EXPECT_THAT(config.status().message(), HasSubstr(c.message)) << c.to;
  }
}

TEST(MonitorConfigTest, ParsesVsPreviousAndRepeat) {
  std::string text = kGood;
  text.replace(text.find("{every: week}"), 13, "{every: week, vs_previous: true}");
  text.replace(text.find("for: 3"), 6, "for: 3, repeat: 12h");
  auto config = ParseMonitorsConfig(text, "airm.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_TRUE(config->monitors[0].schedules[0].vs_previous);
  EXPECT_FALSE(config->monitors[0].schedules[0].vs_previous_rows);
  EXPECT_FALSE(config->monitors[0].schedules[1].vs_previous);
  EXPECT_EQ(config->monitors[0].alerts[0].repeat_seconds, 12 * 3600);
  std::string rows = kGood;
  rows.replace(rows.find("{every: week}"), 13, "{every: week, vs_previous: rows}");
  auto exact = ParseMonitorsConfig(rows, "airm.yaml");
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_TRUE(exact->monitors[0].schedules[0].vs_previous);
  EXPECT_TRUE(exact->monitors[0].schedules[0].vs_previous_rows);
  EXPECT_EQ(ParseDurationSeconds("7d"), 7 * 86400);
  EXPECT_EQ(ParseDurationSeconds("2w"), 14 * 86400);
  EXPECT_EQ(ParseDurationSeconds("30m"), 1800);
  EXPECT_FALSE(ParseDurationSeconds("h").has_value());
  EXPECT_FALSE(ParseDurationSeconds("-3h").has_value());
  EXPECT_FALSE(ParseDurationSeconds("3 days").has_value());
}

TEST(MonitorConfigTest, AcceptsIanaTimeZoneNames) {
  std::string text = kGood;
  text.replace(text.find("\"+02:00\""), 8, "Europe/Paris");
  auto config = ParseMonitorsConfig(text, "airm.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->monitors[0].time_zone, "Europe/Paris");
  EXPECT_FALSE(config->monitors[0].zone.fixed());
  EXPECT_EQ(config->monitors[0].zone.DayStart(20538), 1774479600);  // 2026-03-26, +01:00
}

TEST(MonitorConfigTest, ParsesUtcOffsets) {
  EXPECT_EQ(ParseUtcOffset("UTC"), 0);
  EXPECT_EQ(ParseUtcOffset("-05:30"), -330);
  EXPECT_FALSE(ParseUtcOffset("+25:00").has_value());
  EXPECT_FALSE(ParseUtcOffset("CET").has_value());
}

}  // namespace
}  // namespace airm::monitor
