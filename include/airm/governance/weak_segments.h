// Weak segments as observations of the quarterly reassessment: a segment of
// a monitor's evaluation windows whose realized metric over the quarter is
// clearly below the model's overall realized metric in the same windows is
// a `bias` observation (source "segment"), fed to the rules R1-R3 of
// airm/governance/reassessment.h like any other.
//
// The rule (docs/governance.md, "Weak segments are observations"), per
// monitor, evaluation schedule and segment (column and value, intersections
// "A & B" included):
//   1. Metric: ROC AUC, else accuracy — the first of the two the segment has
//      at least `min_rows` labelled rows for (below).
//   2. Windows: those of the quarter where both the segment's and the whole
//      window's realized value of that metric are defined (undefined is not
//      evidence: a window with one class in the segment has no ROC AUC).
//   3. Evidence: n = the segment's labelled rows summed over those windows;
//      n < min_rows (30, evaluation's min_group_rows) gives no observation.
//   4. Gap = sum_w n_w (overall_w - segment_w) / n: the per-window gaps, each
//      within one window, weighted by the segment's rows (a paired
//      comparison; ROC AUCs of different windows are never pooled into one).
//   5. gap >= critical_gap (0.10) -> critical; >= warning_gap (0.05) ->
//      warning (equal up to 1e-9 counts as reached); else nothing. The
//      segment being better is never an observation.
// One observation per segment: when several schedules qualify, the one with
// the most rows (ties: ROC AUC before accuracy, then schedules by name).
// Thresholds are absolute and no significance test is made (the pack holds
// no per-segment intervals): the observation's detail gives the rows so that
// the board weighs the evidence.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/governance/reassessment.h"

namespace airm::governance {

// A realized metric of one evaluation window, of a segment or of the whole
// window (column and value empty).
struct WindowMetric {
  std::string schedule = "";
  std::string window = "";
  std::string column = "";  // "" for the whole window
  std::string value = "";
  std::string metric = "";  // roc_auc | accuracy | ...
  uint64_t rows = 0;        // the segment's labelled rows (unused for the whole window)
  double realized = 0;      // only defined values are passed
};

struct WeakSegmentRule {
  uint64_t min_rows = 30;
  double warning_gap = 0.05;
  double critical_gap = 0.10;
};

// Pure: the observations of `monitor`'s weak segments, in the order the
// segments first appear in `segments`. Subjects "MONITOR/COLUMN=VALUE".
std::vector<Observation> WeakSegmentObservations(const std::string& monitor,
                                                 const std::vector<WindowMetric>& overall,
                                                 const std::vector<WindowMetric>& segments,
                                                 const WeakSegmentRule& rule = {});

}  // namespace airm::governance
