// Silence matchers (airm/store/alert_silences.h) read from the command line
// and matched against a notification's labels.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/alert_silences.h"

namespace airm::monitor {

// "alert=x-drift", "severity!=info". Labels: [A-Za-z_][A-Za-z0-9_]*.
// InvalidArgument naming the text otherwise.
Result<store::SilenceMatcher> ParseSilenceMatcher(const std::string& text);

// True when every matcher holds: `=` needs the label present with the value,
// `!=` holds when the label is absent or has another value (as Alertmanager).
bool SilenceMatches(const std::vector<store::SilenceMatcher>& matchers,
                    const std::map<std::string, std::string>& labels);

}  // namespace airm::monitor
