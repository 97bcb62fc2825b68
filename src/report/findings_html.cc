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

std::string GroupedFindingsHtml(
    const std::vector<Finding>& findings,
    const std::function<std::optional<FindingTarget>(const Finding&)>& target) {
  if (findings.empty()) return "<p>Nothing needs attention.</p>\n";
  struct Group {
    FindingTarget target;
    Severity worst = Severity::kInfo;
    std::vector<const Finding*> members;
  };
  std::vector<Group> groups;
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& f = findings[i];
    std::optional<FindingTarget> t = target(f);
    if (!t) t = FindingTarget{"#finding" + std::to_string(i), f.subject, "", ""};
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const Group& g) { return g.target.key == t->key; });
    if (it == groups.end()) {
      groups.push_back({*t, f.severity, {}});
      it = groups.end() - 1;
    }
    it->worst = std::max(it->worst, f.severity);
    it->members.push_back(&f);
  }
  std::stable_sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    if (a.worst != b.worst) return static_cast<int>(a.worst) > static_cast<int>(b.worst);
    // Unweighted first, then heaviest first: a strict weak order on
    // (has weight, -weight).
    if (a.target.weight.has_value() != b.target.weight.has_value()) return !a.target.weight;
    return a.target.weight && *a.target.weight > *b.target.weight;
  });
  std::string out = "<ul class=\"findings\">\n";
  for (Group& g : groups) {
    std::stable_sort(g.members.begin(), g.members.end(), [](const Finding* a, const Finding* b) {
      return static_cast<int>(a->severity) > static_cast<int>(b->severity);
    });
    out += "<li" + StatusAttribute(SeverityTone(g.worst)) + ">" +
           Badge(SeverityName(g.worst), SeverityTone(g.worst)) + " ";
    const std::string label = "<strong>" + HtmlEscape(g.target.label) + "</strong>";
    if (!g.target.label.empty()) {
      out += g.target.href.empty()
                 ? label
                 : "<a href=\"" + HtmlEscape(g.target.href) + "\">" + label + "</a>";
    }
    if (!g.target.status_html.empty()) out += " " + g.target.status_html;
    out += g.members.size() == 1 ? " " : "<ul class=\"messages\">";
    for (const Finding* f : g.members) {
      std::string line = HtmlEscape(f->message) + " <span class=\"small\"><code>" +
                         HtmlEscape(f->code) + "</code></span>";
      out += g.members.size() == 1 ? line : "<li>" + line + "</li>";
    }
    if (g.members.size() > 1) out += "</ul>";
    out += "</li>\n";
  }
  return out + "</ul>\n";
}

}  // namespace airm::report
