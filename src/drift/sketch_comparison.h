// CompareColumnSketches: one column's reference-vs-current comparison from the
// sketches of two column profiles, with bounds on how far every number can be
// from the one the exact path (CompareColumn) computes on the rows.
//
// Numeric columns: KS D and the Wasserstein distance from the two KLL
// sketches' step CDFs; categories: chi-square, z, JS, TVD and PSI from the
// Space-Saving counts. When a sketch kept every value (a KLL with n equal to
// its retained items, a Space-Saving summary that never evicted) the numbers
// are the exact path's and the bounds have zero width. The method and bounds
// are in docs/statistics.md ("Drift from sketches"). The verdict is taken
// afterwards, with the bounds, by CompareProfiles.
#pragma once

#include "airm/drift_result.h"
#include "airm/profile.h"

namespace airm::drift {

// Methods the sketch path can compute with bounds; --method naming another
// falls back to the automatic choice with a note.
bool SketchMethodApplies(std::string_view method, bool continuous);

// REQUIRES: both profiles numeric or both text (retyped pairs are reported by
// the caller, not compared).
ColumnDrift CompareColumnSketches(const ColumnProfile& reference, const ColumnProfile& current,
                                  const DriftConfig& config);

}  // namespace airm::drift
