#include "airm/monitor/silences.h"

namespace airm::monitor {

Result<store::SilenceMatcher> ParseSilenceMatcher(const std::string& text) {
  const size_t eq = text.find('=');
  const bool not_equal = eq != std::string::npos && eq > 0 && text[eq - 1] == '!';
  const std::string label = eq == std::string::npos ? "" : text.substr(0, not_equal ? eq - 1 : eq);
  bool valid = !label.empty() && !(label[0] >= '0' && label[0] <= '9');
  for (char c : label) {
    valid &= (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  if (!valid || text.find('\n') != std::string::npos) {
    return Status::InvalidArgument("--match '" + text +
                                   "': expected LABEL=VALUE or LABEL!=VALUE (labels: monitor, "
                                   "schedule, alert, severity, model, window)");
  }
  return store::SilenceMatcher{.label = label, .equal = !not_equal, .value = text.substr(eq + 1)};
}

bool SilenceMatches(const std::vector<store::SilenceMatcher>& matchers,
                    const std::map<std::string, std::string>& labels) {
  for (const store::SilenceMatcher& m : matchers) {
    auto it = labels.find(m.label);
    const bool same = it != labels.end() && it->second == m.value;
    if (same != m.equal) return false;
  }
  return !matchers.empty();
}

}  // namespace airm::monitor
