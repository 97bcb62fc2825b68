// The life of one alert rule across windows: a pure state machine.
//
//   none ──held──► pending ──held for N windows──► firing ──not held──► resolved (none)
//                    └──not held──► none (cancelled; nothing was sent)
//
// An episode is the span from the first window in which the condition held
// to the window in which it stopped holding. Exactly two notifications
// belong to an episode that fired: one when it fires, one when it resolves.
// An empty window (no rows) is not evidence either way and leaves the state
// as it was (callers do not step on it).
#pragma once

namespace airm::monitor {

enum class AlertPhase { kNone, kPending, kFiring };
const char* AlertPhaseName(AlertPhase phase);

struct RuleState {
  AlertPhase phase = AlertPhase::kNone;
  int consecutive = 0;  // windows in a row the condition held (0 in kNone)
};

enum class AlertEvent {
  kNothing,   // no episode, condition does not hold
  kPending,   // an episode started or continues, not firing yet
  kFired,     // the episode reached `for` windows: send the firing notification
  kFiring,    // still firing: nothing to send
  kResolved,  // a firing episode ended: send the resolved notification
  kCancelled  // a pending episode ended before firing: nothing to send
};
const char* AlertEventName(AlertEvent event);

struct AlertStep {
  RuleState next;
  AlertEvent event = AlertEvent::kNothing;
};

// REQUIRES: for_windows >= 1.
AlertStep StepAlert(const RuleState& state, bool held, int for_windows);

}  // namespace airm::monitor
