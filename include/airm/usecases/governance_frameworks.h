// Framework coverage as a use case:
//   airm framework coverage [--system S] [--framework ID …] [--today YYYY-MM-DD]
// For each AI system of the inventory, collects the evidence airm holds in its
// store (airm/governance/coverage.h lists the kinds), then judges the control
// library's controls and each framework's items on it. Reads only.
//
// Evidence per kind, for a system's linked models (the newest version of each
// unless said otherwise):
//   inventory            the inventory record (owner, purpose, lifecycle)
//   classification       an EU AI Act tier (`airm system classify`)
//   risk_register        at least one registered risk
//   risk_treatment       every risk has a residual rating and none is overdue
//   approval             a review board approves the newest version of every model
//   model_card           every newest version has a card (`model register --card`)
//   training_lineage     every newest version records its training data
//   data_quality         a data-quality check ran on that training data (newest run)
//   prediction_log       predictions were logged for a version of a model (newest batch)
//   drift_monitoring     a monitor of airm.yaml on one of the models computed a window
//   performance_evaluation  overall metrics recorded for every newest version
//   fairness_evaluation  per-segment metrics recorded for a newest version
//   failure_mode_testing a chaos verdict (model_version_results, kind chaos) on
//                        every version that serves (an open deployment; the
//                        newest version of a model not deployed)
//   audit_trail          audit-log entries about the system, its risks or models
//   human_oversight      decision type human-in-the-loop
// and the manual evidence people added (`airm evidence add`), which meets its
// control or covers its framework item until it expires.
#pragma once

#include <string>
#include <vector>

#include "airm/governance/control_library.h"
#include "airm/governance/coverage.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct FrameworkCoverageOptions {
  store::LocateOptions store = {};
  std::string system = "";                   // "" = every system
  std::vector<std::string> frameworks = {};  // --framework; empty = all
  std::string today = "";                    // YYYY-MM-DD; "" = today (UTC)
  Status Validate() const;                   // --today's form
};

struct FrameworkCoverageResult {
  governance::ControlLibrary library;
  governance::CoverageReport report;
};

// NotFound for an unknown --system; InvalidArgument for an unknown --framework.
Result<FrameworkCoverageResult> GetFrameworkCoverage(const FrameworkCoverageOptions& options);

}  // namespace airm::usecases
