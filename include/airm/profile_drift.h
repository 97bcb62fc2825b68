// CompareProfiles: drift between two profiles, from their sketches.
//
// The bounded-memory counterpart of AnalyzeDrift (drift.h): a saved reference
// profile, or profiles streamed from both files (`airm drift --sketch`), or
// two window profiles a monitor kept. Steps:
//   1. Select the reference profile's columns as AnalyzeDrift does (roles id
//      and timestamp left out, config.columns / config.exclude).
//   2. Per column: the kind (continuous / categorical / binary) from the
//      sketches, the test and effect size from KLL quantile sketches (KS,
//      Wasserstein) or Space-Saving counts (chi-square, z, PSI, JS, TVD), each
//      with the interval that holds the exact path's value (ColumnDrift::
//      bounds; docs/statistics.md, "Drift from sketches").
//   3. Multiple-testing control at both ends of the p-value bounds; a column
//      drifts only when the end least favourable to drift still drifts (a
//      conservative verdict); `bounds.decided` says whether the other end
//      agrees. Then the batch verdicts and findings.
// Not available without rows: data-quality checks that compare rows, the
// domain classifier and segments (the result says so in its notes).
// A pure function like AnalyzeDrift; InputInfo fields are the caller's.
#pragma once

#include "airm/drift_result.h"
#include "airm/profile.h"
#include "airm/status.h"

namespace airm {

// Errors: InvalidArgument for an invalid config or a --columns / --exclude
// name the reference profile lacks.
Result<DriftResult> CompareProfiles(const Profile& reference, const Profile& current,
                                    const DriftConfig& config);

}  // namespace airm
