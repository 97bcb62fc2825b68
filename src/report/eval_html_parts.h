// Pieces of the evaluation HTML page (RenderEvalHtml), split by section so
// each file stays about one concept: eval_html.cc holds the page, the verdict
// area, findings, the metrics table and the inputs; eval_html_sections.cc the
// analyses (segments, slices, fairness, calibration, tail).
//
// Every function returns markup with all user data escaped.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/eval_result.h"

namespace airm::report {

// CSS rules the evaluation page adds to the shared style sheet.
extern const char* const kEvalStyle;

// "0.8123" style value, "—" when undefined.
std::string MetricValueText(const MetricValue& m);
// "0.78 – 0.84", or "" when the interval is not computable.
std::string IntervalText(const MetricValue& m);
// A table cell: the value, the interval in small print beneath, and the
// note as a tooltip (why it is undefined, or a caveat).
std::string MetricCell(const MetricValue& m);

// True for a slice that can be the worst case: significant, and confirmed on
// the held-out half when that check ran (slices' WorstSliceIndex rule).
bool SliceCounts(const SliceResult& s);
// Indices of r.slices as the weak-slice table lists them: the slices that
// count by error rate (highest first), then the others by error rate. The
// first, when it counts, is the evaluation's worst case.
std::vector<size_t> SliceDisplayOrder(const EvalResult& r);
// That first slice, or nullptr when no slice counts.
const SliceResult* HeadlineSlice(const EvalResult& r);

// Section bodies (without the <section> frame).
std::string EvalSegmentsBody(const EvalResult& r);
std::string EvalSlicesBody(const EvalResult& r);
std::string EvalFairnessBody(const EvalResult& r);
std::string EvalCalibrationBody(const EvalResult& r);
std::string EvalTailBody(const EvalResult& r);

// The heat-map colour of a metric value compared with the overall value:
// green when better, red when worse, white when equal or undefined, the
// intensity growing with the gap (full at 0.2 for proportions, at 50% of the
// overall value otherwise). Neutral metrics (selection rate) stay white.
std::string HeatColor(std::string_view metric, std::optional<double> value,
                      std::optional<double> overall);

}  // namespace airm::report
