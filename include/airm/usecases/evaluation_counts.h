// Evaluating data held in parts (a Dask DataFrame's partitions) by counts
// that merge exactly: each part's binary confusion counts, overall and per
// segment value, added up, and the report of the sums. Its metrics are those
// that are functions of the counts (airm/eval_counts.h), equal to `airm
// evaluate` on all the rows, Wilson intervals included; with a score, also
// log loss and Brier from summed per-row terms (equal up to rounding) and ROC
// AUC from a merged score histogram within a stated bound
// (airm/score_histogram.h).
//
// Two passes over the parts:
//   1. TargetLabels (airm/eval_data.h) of each part, merged by
//      DecideBinaryClasses: the classes and positive label of the whole, so
//      that every part indexes its labels alike (a part may hold one class);
//   2. CountEvaluationPart of each part under those classes, merged by
//      MergeEvaluationCounts, reported by EvaluationFromCounts.
// What needs the rows themselves (average precision, bootstrap and DeLong
// intervals, calibration, slices, fairness, the tail, and segments binned on
// quantiles) is not computed; the report's notes say so.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/eval_counts.h"
#include "airm/eval_data.h"
#include "airm/eval_result.h"
#include "airm/input_info.h"
#include "airm/score_histogram.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::usecases {

using LabelCounts = std::vector<std::pair<std::string, uint64_t>>;

struct BinaryClassChoice {
  std::vector<std::string> classes;  // {negative, positive}
  std::string note;                  // how the positive label was chosen ("" when given)
};

// The labels of every part added up, then BinaryClasses (its errors: not
// exactly two labels over all parts, a positive label that never occurs).
Result<BinaryClassChoice> DecideBinaryClasses(const std::vector<LabelCounts>& parts,
                                              const EvalSpec& spec);

struct EvaluationCounts {
  std::vector<std::string> classes;  // {negative, positive}
  double threshold = 0.5;
  uint64_t rows_total = 0;
  uint64_t rows_excluded = 0;  // missing / invalid target, prediction or score
  ConfusionCounts overall;
  std::vector<std::string> segment_columns;
  // (segment column, value label as AnalyzeSegments names it) -> counts.
  std::map<std::pair<std::string, std::string>, ConfusionCounts> segments;
  // Overall, when counted with a score (set even for a part without rows).
  std::optional<ScoreHistogram> scores;
};

// One part's counts. REQUIRES nothing of the part but the columns: it may be
// empty or hold one class. Errors: spec.classes not set (InvalidArgument),
// BuildEvalData's, and a segment column that is not text or bool (numeric
// segments are binned on quantiles of all the rows, which counts of parts
// cannot reproduce), naming --segment.
Result<EvaluationCounts> CountEvaluationPart(const Table& part, const EvalSpec& spec,
                                             const std::vector<std::string>& segment_columns);

// The sum of the parts. InvalidArgument when parts were counted under other
// classes, thresholds or segment columns, or there are none.
Result<EvaluationCounts> MergeEvaluationCounts(const std::vector<EvaluationCounts>& parts);

// The evaluation report of `counts` (rendered by RenderEvalJson / Html):
// metrics overall, and per segment value with intervals when the segment
// has at least config.min_group_rows rows (point estimates otherwise), as
// AnalyzeSegments decides; `class_note` (DecideBinaryClasses) first among
// the notes.
EvalResult EvaluationFromCounts(const EvaluationCounts& counts, const EvalConfig& config,
                                const InputInfo& data, const std::string& class_note);

}  // namespace airm::usecases
