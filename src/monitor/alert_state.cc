#include "airm/monitor/alert_state.h"

namespace airm::monitor {

const char* AlertPhaseName(AlertPhase phase) {
  switch (phase) {
    case AlertPhase::kNone:
      return "none";
    case AlertPhase::kPending:
      return "pending";
    case AlertPhase::kFiring:
      return "firing";
  }
  return "none";
}

const char* AlertEventName(AlertEvent event) {
  switch (event) {
    case AlertEvent::kNothing:
      return "nothing";
    case AlertEvent::kPending:
      return "pending";
    case AlertEvent::kFired:
      return "fired";
    case AlertEvent::kFiring:
      return "firing";
    case AlertEvent::kResolved:
      return "resolved";
    case AlertEvent::kCancelled:
      return "cancelled";
  }
  return "nothing";
}

AlertStep StepAlert(const RuleState& state, bool held, int for_windows) {
  if (!held) {
    switch (state.phase) {
      case AlertPhase::kNone:
        return {{}, AlertEvent::kNothing};
      case AlertPhase::kPending:
        return {{}, AlertEvent::kCancelled};
      case AlertPhase::kFiring:
        return {{}, AlertEvent::kResolved};
    }
  }
  const int consecutive = state.consecutive + 1;
  if (state.phase == AlertPhase::kFiring) {
    return {{AlertPhase::kFiring, consecutive}, AlertEvent::kFiring};
  }
  if (consecutive >= for_windows) return {{AlertPhase::kFiring, consecutive}, AlertEvent::kFired};
  return {{AlertPhase::kPending, consecutive}, AlertEvent::kPending};
}

}  // namespace airm::monitor
