#include "airm/monitor/notification_json.h"

#include <nlohmann/json.hpp>

namespace airm::monitor {

std::string RenderNotificationJson(const alerting::Notification& n) {
  nlohmann::ordered_json labels = nlohmann::ordered_json::object();
  for (const auto& [k, v] : n.labels) labels[k] = v;
  return nlohmann::ordered_json{
      {"alert_name", n.alert_name},
      {"monitor", n.monitor},
      {"severity", alerting::AlertSeverityName(n.severity)},
      {"state", alerting::AlertStateName(n.state)},
      {"window_start", n.window_start},
      {"window_end", n.window_end},
      {"expression", n.expression},
      {"observed", n.observed ? nlohmann::ordered_json(*n.observed) : nlohmann::ordered_json()},
      {"summary", n.summary},
      {"labels", labels},
      {"episode_id", n.episode_id},
      {"started_at", n.started_at}}
      .dump();
}

}  // namespace airm::monitor
