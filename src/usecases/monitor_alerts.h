// Alert rules stepped on a monitor's window, inside the window's write
// transaction (RunMonitors): each rule's gate on the window's result JSON, the
// rule's episode moved through the state machine (airm/monitor/alert_state.h),
// and the firing / resolved notifications recorded once per episode.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/alerting/notification.h"
#include "airm/monitor/monitor_config.h"
#include "airm/monitor/windows.h"
#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_learning.h"

namespace airm::usecases::internal {

// The number a gate observed (JSON text), or nullopt for text, booleans, null.
std::optional<double> NumberOf(const std::string& json_text);

// What a window's result holds evidence for. A rule reading a part without
// evidence does not step, as on an empty window:
//   previous  false: a vs_previous window without an earlier window with rows
//             (rules reading `previous.`);
//   estimated false: no CBPE estimate (rules reading `estimated.`);
//   realized  false: a window with no labelled rows, only an estimate (every
//             rule not reading `estimated.`).
struct WindowEvidence {
  bool previous = true;
  bool estimated = true;
  bool realized = true;
};

// Steps every alert rule of `s` on window `w` (result_json nullopt: an empty
// window, which steps nothing). Rules already stepped on this or a later
// window are skipped. Appends the rules' evaluations to computed->alerts and
// the notifications to hand out to *out (a silenced episode's are recorded
// but not handed out). Rules reading a part of the result without evidence
// do not step (WindowEvidence); a learned rule (`learn:`) is evaluated with
// its threshold from `learning`, and without one (insufficient evidence) is
// recorded with that event and does not step. Errors: a rule whose gate cannot be evaluated
// on the result (InvalidArgument naming the monitor and rule); the store's.
Status StepAlerts(store::Database& tx, const monitor::MonitorSpec& m, const monitor::Schedule& s,
                  const monitor::Window& w, const std::optional<std::string>& result_json,
                  const WindowEvidence& evidence, const WindowLearning& learning,
                  ComputedWindow* computed, std::vector<alerting::Notification>* out);

// Reminders of `m`'s episodes still firing as of `as_of` (seconds): a rule
// with a repeat interval whose open episode fires, is not acknowledged and is
// not silenced gets reminder n = floor((as_of - fired) / repeat) when n is
// above the last one produced (reminders missed while nothing ran are not
// sent one by one: one reminder, numbered n). Records n on the episode.
// Appends to *out; lowers *next_due to when the next reminder is due.
Status StepReminders(store::Database& tx, const monitor::MonitorSpec& m, int64_t as_of,
                     std::vector<FiringReminder>* out, std::optional<int64_t>* next_due);

// True when a silence by label matchers active now holds back `n`.
Result<bool> SilencedByMatchers(store::Database& tx, const alerting::Notification& n);

}  // namespace airm::usecases::internal
