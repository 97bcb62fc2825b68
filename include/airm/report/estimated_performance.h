// CBPE estimates (airm/cbpe.h) in monitoring documents, always marked as
// estimates: `is_estimate: true`, the method, and each metric's sampling error
// and band beside the number.
//
// The `estimated` object of an evaluation window:
//   {is_estimate, method: "CBPE", status: ok|unavailable, note, rows,
//    labelled_rows, rows_without_score, reference_rows, positive_label,
//    threshold, calibration: "isotonic", band_sigmas,
//    accuracy, precision, recall, f1, roc_auc          (numbers or null; gates
//                                                       read estimated.roc_auc)
//    bands: {METRIC: {sampling_error, lower, upper}},
//    expected_confusion: {true_positives, false_positives, false_negatives,
//                         true_negatives},
//    with segment columns: min_segment_rows, and
//    segments: [{name: "COLUMN=VALUE", column, value, rows, sufficient, note,
//                the metrics, bands and expected_confusion as above}]}
// A segment below min_segment_rows has its point values with null bands
// (insufficient evidence); an empty pair of values has null metrics. Gates
// reach a segment by its name: estimated.segments["region=north"].roc_auc.
// A window with no labelled rows is a document of its own, kind
// "performance_estimate": the header, data, reference and `estimated`.
#pragma once

#include <string>

#include "airm/cbpe.h"
#include "airm/input_info.h"
#include "airm/report.h"

namespace airm::report {

// The `estimated` object as JSON text.
std::string RenderEstimatedPerformanceJson(const EstimatedPerformance& estimate);

// The document of a window evaluated by estimate only.
std::string RenderPerformanceEstimateDocument(const EstimatedPerformance& estimate,
                                              const InputInfo& data, const InputInfo& reference,
                                              const ReportMeta& meta);

}  // namespace airm::report
