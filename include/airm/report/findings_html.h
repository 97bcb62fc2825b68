// The "what needs attention" list every report page shows: findings, most
// severe first, each with its badge, subject, message, code and evidence.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/report/html_page.h"

namespace airm::report {

Tone SeverityTone(Severity severity);

// "<p>Nothing needs attention.</p>" when empty. Escapes all text.
std::string FindingsListHtml(const std::vector<Finding>& findings);

// Where a finding's subject is shown in detail on the page.
struct FindingTarget {
  std::string key;          // findings with the same key are one thing (e.g. "column:Age")
  std::string label;        // the thing's name as shown (plain text)
  std::string href;         // in-page anchor ("#in-3"); empty: no link
  std::string status_html;  // the thing's own status badge (markup); may be empty
  // How much the thing matters beyond its severity (e.g. the share of a
  // model's gain a column carries); nullopt when not known.
  std::optional<double> weight = std::nullopt;
};

// The attention list with each thing once: findings grouped by their
// target's key, the group under its most severe finding's badge, linked to
// its detail, with its own status and every message of the group. Groups
// are ordered most severe first; within a severity, groups without a weight
// keep their place first (summaries such as the inputs as a whole), then
// groups with one, heaviest first; ties keep the order their first finding
// comes in. `target` may return nullopt: the finding stands alone under its
// subject. Escapes all text except status_html.
std::string GroupedFindingsHtml(
    const std::vector<Finding>& findings,
    const std::function<std::optional<FindingTarget>(const Finding&)>& target);

}  // namespace airm::report
