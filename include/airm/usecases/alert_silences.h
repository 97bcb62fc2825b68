// Silences by label matchers (`airm alerts silence --match L=V --until T`,
// `airm alerts silences`, `airm alerts unsilence UID`): while one lasts, the
// notifications and reminders of every episode whose labels (monitor,
// schedule, alert, severity, model, window) match all its matchers are
// recorded but not handed out, as Alertmanager's silences do.
#pragma once

#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/alert_silences.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct SilenceOptions {
  store::LocateOptions store = {};
  std::vector<std::string> matchers = {};  // "alert=x-drift", "severity!=info"
  std::string until = "";                  // ISO 8601 (required, in the future)
  std::string by = "";
  std::string comment = "";
  std::string now = "";  // "" = the clock; tests pin it
};

// InvalidArgument naming the flag for no matcher, a malformed one, or an
// `until` that is not a time or not after now.
Result<store::AlertSilence> CreateSilence(const SilenceOptions& options);

struct SilenceListOptions {
  store::LocateOptions store = {};
  bool include_expired = false;
};
Result<std::vector<store::AlertSilence>> ListSilences(const SilenceListOptions& options);

// Ends a silence now. NotFound listing the active silences.
Status ExpireSilence(const store::LocateOptions& where, const std::string& uid);

}  // namespace airm::usecases
