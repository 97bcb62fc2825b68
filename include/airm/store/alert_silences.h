// Silences by label matchers (`airm alerts silence --match alert=x-drift
// --until T`): while a silence lasts, the notifications of every episode
// whose labels match all its matchers are recorded but not handed out, as
// Alertmanager's silences do. Matching is airm/monitor/silences.h.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

// `label = value` (equal) or `label != value` (not equal).
struct SilenceMatcher {
  std::string label = {};
  bool equal = true;
  std::string value = {};
  std::string ToString() const { return label + (equal ? "=" : "!=") + value; }
};

struct AlertSilence {
  int64_t id = 0;
  std::string silence_uid = {};
  std::vector<SilenceMatcher> matchers = {};
  std::string until = {};  // ISO 8601 UTC
  std::string created_by = {};
  std::string comment = {};
  std::string created_at = {};
  // "alert=x-drift, severity!=info", for people.
  std::string MatchersText() const {
    std::string text;
    for (const SilenceMatcher& m : matchers) text += (text.empty() ? "" : ", ") + m.ToString();
    return text;
  }
};

// Stores a silence; fills id, silence_uid and created_at. InvalidArgument
// without matchers or with a value holding a line break.
Status CreateAlertSilence(Database& db, AlertSilence* silence);

// Silences whose `until` is after `at` ("" = every silence), oldest first.
Result<std::vector<AlertSilence>> ListAlertSilences(Database& db, const std::string& at);

// Ends a silence now (its `until` becomes `at`). NotFound naming the active
// silences when no silence has the uid.
Status ExpireAlertSilence(Database& db, const std::string& uid, const std::string& at);

}  // namespace airm::store
