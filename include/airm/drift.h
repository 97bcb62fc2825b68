// AnalyzeDrift: compare a current batch with a reference batch.
//
// A pure function: tables and options in, a DriftResult out; no I/O, no
// printing. The steps:
//   1. Select columns: the reference's columns minus id/timestamp roles and
//      config.exclude (or exactly config.columns). A requested column the
//      reference lacks is a usage error; one the current batch lacks is a
//      finding (status missing_in_current), as is a retyped column.
//   2. Per column: classify (continuous / categorical / binary), choose a
//      significance test and an effect size (docs/drift-methods.md), compute
//      them on a binning shared by both sides.
//   3. Per family (inputs; outputs = target, prediction, score): adjust
//      p-values for multiple testing, decide each column, then the batch.
//   4. Data-quality checks, the multivariate domain classifier, and the same
//      per-column analysis within each value of every segment column.
//   5. Findings, most severe first.
// InputInfo fields of the result are left for the caller to fill.
#pragma once

#include <map>
#include <string>

#include "airm/drift_result.h"
#include "airm/quality.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

// InvalidArgument naming the option when a value is out of range.
Status ValidateDriftConfig(const DriftConfig& config);

// Segment columns are the reference's columns with role kSegment.
Result<DriftResult> AnalyzeDrift(const Table& reference, const Table& current,
                                 const DriftConfig& config,
                                 const std::map<std::string, QualityThreshold>& quality_thresholds);

}  // namespace airm
