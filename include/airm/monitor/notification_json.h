// A Notification (airm/alerting/notification.h) as one JSON object: the form
// stored in alert_notifications and printed by `airm monitor run --json`.
// Keys in struct order; `observed` null when the gate read no number.
#pragma once

#include <string>

#include "airm/alerting/notification.h"

namespace airm::monitor {

std::string RenderNotificationJson(const alerting::Notification& n);

}  // namespace airm::monitor
