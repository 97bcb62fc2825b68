// The "what needs attention" list every report page shows: findings, most
// severe first, each with its badge, subject, message, code and evidence.
#pragma once

#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/report/html_page.h"

namespace airm::report {

Tone SeverityTone(Severity severity);

// "<p>Nothing needs attention.</p>" when empty. Escapes all text.
std::string FindingsListHtml(const std::vector<Finding>& findings);

}  // namespace airm::report
