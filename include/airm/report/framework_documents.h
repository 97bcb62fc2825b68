// Documents of `airm framework controls|coverage`: the control library and the
// framework coverage of the inventory's systems, as JSON (kind
// "control_library" / "framework_coverage", schema 1.0, shapes in
// docs/governance.md) and as text. Text is plain; user text is not escaped
// here (the face's stdout passes through TerminalSafe).
#pragma once

#include <string>
#include <vector>

#include "airm/gate.h"
#include "airm/governance/control_library.h"
#include "airm/governance/coverage.h"
#include "airm/report.h"

namespace airm::report {

// frameworks [{id, title, source, applies_to_tier, items [{id, group, title,
// controls}]}], controls [{id, title, evidence, max_age_days, maps}].
std::string RenderControlLibraryJson(const governance::ControlLibrary& library,
                                     const ReportMeta& meta);
// One line per framework, then per control: id, evidence, what it maps to.
std::string ControlLibraryText(const governance::ControlLibrary& library);

// summary {systems, gaps}, portfolio [{framework, items, covered, partial,
// gap, not_addressed, coverage}], systems [{name, tier, evidence [...],
// controls [...], frameworks [{framework, applicable, counts, coverage,
// items [...]}]}], gaps [{system, framework, id, title, status, controls}],
// findings.
std::string RenderFrameworkCoverageJson(const governance::ControlLibrary& library,
                                        const governance::CoverageReport& report,
                                        const ReportMeta& meta);
// Per system: coverage per framework, controls not met with what is missing,
// then the gaps (at most 20 per system) and the gates.
std::string FrameworkCoverageText(const governance::CoverageReport& report,
                                  const std::vector<GateOutcome>& gates);

}  // namespace airm::report
