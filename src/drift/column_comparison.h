// CompareColumn: every number of one column's reference-vs-current
// comparison (tests, effect size, shared binning), before the verdict.
//
// The verdict needs the p-values of all columns (multiple-testing control),
// so it is taken afterwards by DecideColumns (verdict.h).
#pragma once

#include <cstdint>
#include <vector>

#include "airm/drift_result.h"
#include "column_sample.h"
#include "method_choice.h"

namespace airm::drift {

// REQUIRES: both columns numeric, or both text (retyped pairs are reported,
// not compared). Row lists restrict the comparison to a segment; nullptr
// means every row.
// `buffers` (optional) lends the arrays the samples are sorted in.
ColumnDrift CompareColumn(const Column& reference, const Column& current, ColumnKind kind,
                          const MethodPlan& plan, const DriftConfig& config,
                          const std::vector<uint32_t>* reference_rows,
                          const std::vector<uint32_t>* current_rows,
                          SampleBuffers* buffers = nullptr);

// The kind of a column pair: text on either side -> categorical; two or
// fewer distinct values overall -> binary; integers (or bools) with few
// distinct values -> categorical; everything else continuous.
ColumnKind ClassifyColumns(const Column& reference, const Column& current);

}  // namespace airm::drift
