// RunMonitors (`airm monitor run`): compute every due, not yet computed
// window of the workspace's monitors (airm.yaml `monitors:`), evaluate their
// alert rules, and return the notifications to send.
//
// Steps, per monitor and schedule:
//   1. Due windows: calendar windows from the monitor's `start` (or
//      `backfill_from`) whose end is at or before `as_of`, minus those stored.
//      Nothing due: no data is read, nothing is written.
//   2. The reference (a file or a dataset version) and the current files
//      (glob) are read once; each row goes to its window by the timestamp column.
//   3. Per window, oldest first: the analysis (drift: AnalyzeDrift against the
//      reference), its JSON document, and each alert rule's gate on that
//      document; then, in ONE write transaction, the window, the rules'
//      episodes, the notifications and the incidents of critical episodes
//      that fired (with their audit entries). A crash leaves a window stored
//      whole or not at all; the next run computes what is missing.
//   4. A window without rows is stored as `empty` and does not step alerts.
//   5. Delivery (airm.yaml `alerting:`, docs/alerting.md): each window's
//      notifications are queued in the channels' outbox in that same
//      transaction; after the last window, still under the run lock, every
//      pending outbox row (this run's and those earlier runs could not
//      deliver) is sent — also when no window was due. A receiver that fails
//      never fails the run: its rows stay pending for the next run, and the
//      outcome is in `delivery`. Without channels nothing is queued or sent.
// Idempotent: a second run with nothing new writes nothing and returns no
// notifications. A lock row keeps two runs apart (kUnavailable when a live
// run holds it; a dead holder's lock is taken over).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/alerting/delivery.h"
#include "airm/alerting/notification.h"
#include "airm/drift_result.h"
#include "airm/governance/incidents.h"
#include "airm/monitor/learned_threshold.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/monitor_run_lock.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RunMonitorsOptions {
  store::LocateOptions store = {};
  std::string monitor = "";        // "" = every monitor
  std::string as_of = "";          // ISO 8601; "" = now
  std::string backfill_from = "";  // ISO 8601; "" = each monitor's `start`
  // ISO 8601; "" = none. Stored windows starting at or after this time are
  // computed again; one whose inputs changed (late labels or rows: another
  // file digest or row count) is stored as its next version, the old kept.
  // Recomputed windows do not step alerts again.
  std::string recompute_from = "";
  size_t max_windows = 5000;  // per schedule and run; more is refused
  DriftConfig drift = {};     // the base drift configuration of every window
  ReadOptions read = {};
  ProgressFn progress = {};
  // How delivery waits between retries and reads the clock (tests record the
  // waits); the channels and the retry policy come from airm.yaml `alerting:`.
  alerting::DeliveryOptions delivery = {};
  // The caller already holds the run lock as this holder (the daemon holds
  // it across runs): the run re-enters it and leaves it held. nullptr = the
  // run takes the lock and releases it.
  const store::RunLockHolder* lock_holder = nullptr;
  // Checked before each window: when it returns true the run stops there
  // (every stored window complete), skips delivery and sets `interrupted`.
  std::function<bool()> stop_requested = {};
  Status Validate() const;
};

// One alert rule's step on one window.
struct AlertEvaluation {
  std::string alert = {};
  bool held = false;
  std::optional<double> observed = {};
  // airm/monitor/alert_state.h AlertEventName, or "insufficient_evidence": a
  // learned rule without enough earlier windows, which does not step.
  std::string event = {};
  // A learned rule (`learn:`): the threshold of this window; nullopt for a
  // rule with a fixed number.
  std::optional<monitor::LearnedThreshold> learned = {};
  std::string expression = {};  // the expression evaluated (a learned rule's with its number)
};

struct ComputedWindow {
  std::string monitor = {};
  std::string schedule = {};  // "week-drift"
  std::string label = {};     // "2026-W10"
  std::string window_start = {};
  std::string window_end = {};
  int64_t version = 1;
  // "ok"; "empty" (no rows; evaluation: no labelled rows and no estimate);
  // "estimated" (evaluation: no labelled rows yet, a CBPE estimate only).
  std::string status = {};
  int64_t rows = 0;  // evaluation: the labelled rows; "estimated": the rows estimated on
  // With the monitor's `fdr:` (airm/monitor/fdr_family.h) these are the
  // false-discovery-controlled verdicts (the window's `fdr.input_drift` /
  // `fdr.output_drift`), else the window's own drift report's.
  std::optional<bool> input_drift = {};   // nullopt when empty
  std::optional<bool> output_drift = {};  // nullopt when empty or without output columns
  std::optional<double> fdr_level = {};   // the `fdr:` level the verdicts above are under
  // vs_previous schedules: the earlier window compared with ("2026-W09") and
  // whether the inputs drifted from it; nullopt without one.
  std::optional<std::string> previous_window = {};
  std::optional<bool> input_drift_vs_previous = {};
  std::vector<AlertEvaluation> alerts = {};
};

// A reminder of an episode still firing (a rule's `repeat`): the firing
// notification again, numbered; the outbox keys it by (episode, firing, repeat).
struct FiringReminder {
  alerting::Notification notification = {};
  int repeat = 0;
};

struct RunMonitorsResult {
  std::string as_of = {};
  std::vector<std::string> monitors = {};                  // the monitors considered
  std::vector<ComputedWindow> windows = {};                // computed by this run, in order
  std::vector<alerting::Notification> notifications = {};  // produced by this run, in order
  std::vector<FiringReminder> reminders = {};              // produced by this run
  // Opened by this run for its critical episodes that fired, in order: one
  // per system linking the monitor's model (airm/usecases/incidents.h), each
  // stored in its window's transaction.
  std::vector<governance::Incident> incidents = {};
  // The outbox's outcome: this run's notifications queued per channel and
  // every pending row tried; nullopt when airm.yaml declares no alerting
  // channels (then `no_delivery` says so).
  std::optional<alerting::DeliveryReport> delivery = {};
  std::string no_delivery = {};
  // When the next window of the monitors considered closes after as_of (the
  // time it is due), or the next reminder is due if sooner; nullopt without
  // schedules.
  std::optional<std::string> next_due = {};
  // stop_requested ended the run early; the remaining windows are due still.
  bool interrupted = false;
};

// Errors: the workspace's (NotFound / ParseError), the monitors config's
// (ParseError naming file, line, key), NotFound naming the known monitors for
// an unknown `monitor`, the store's for unknown model / dataset references
// (with the candidates), readers' errors, kUnavailable for the lock, the
// `alerting:` section's (ParseError naming file, line, key). Receivers'
// failures are never errors (see step 5).
Result<RunMonitorsResult> RunMonitors(const RunMonitorsOptions& options);

// The gate aliases of a drift window (as `airm drift --fail-on`).
const std::map<std::string, std::vector<std::string>>& DriftWindowAliases();

}  // namespace airm::usecases
