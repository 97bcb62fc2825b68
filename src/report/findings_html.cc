#include "airm/report/findings_html.h"

#include <algorithm>
#include <numeric>

#include "airm/report/format.h"

namespace airm::report {

Tone SeverityTone(Severity severity) {
  switch (severity) {
    case Severity::kFail:
      return Tone::kBad;
    case Severity::kWarn:
      return Tone::kWarn;
    case Severity::kInfo:
      return Tone::kInfo;
  }
  return Tone::kNeutral;
}

std::string FindingsListHtml(const std::vector<Finding>& findings) {
  if (findings.empty()) return "<p>Nothing needs attention.</p>\n";
  std::vector<size_t> order(findings.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return static_cast<int>(findings[a].severity) > static_cast<int>(findings[b].severity);
  });
  std::string out = "<ul class=\"findings\">\n";
  for (size_t i : order) {
    const Finding& f = findings[i];
    out += "<li>" + Badge(SeverityName(f.severity), SeverityTone(f.severity)) + " ";
    if (!f.subject.empty()) out += "<strong>" + HtmlEscape(f.subject) + "</strong>: ";
    out += HtmlEscape(f.message);
    std::string evidence;
    for (const auto& [name, value] : f.evidence) {
      if (!evidence.empty()) evidence += ", ";
      evidence += HtmlEscape(name) + " = " + HtmlEscape(FormatNumber(value));
    }
    out += "<div class=\"small\"><code>" + HtmlEscape(f.code) + "</code>";
    if (!evidence.empty()) out += " &middot; " + evidence;
    out += "</div></li>\n";
  }
  return out + "</ul>\n";
}

}  // namespace airm::report
