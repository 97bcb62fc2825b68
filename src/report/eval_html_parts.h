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

#include "airm/eval_result.h"

namespace airm::report {

// CSS rules the evaluation page adds to the shared style sheet.
extern const char* const kEvalStyle;

// FormatShare for a share that may be non-finite: "—" instead of "inf%"
// (FormatShare handles NaN but not infinities).
std::string ShareText(double share);

// "0.8123" style value, "—" when undefined.
std::string MetricValueText(const MetricValue& m);
// "0.78 – 0.84", or "" when the interval is not computable.
std::string IntervalText(const MetricValue& m);
// A table cell: the value, the interval in small print beneath, and the
// note as a tooltip (why it is undefined, or a caveat).
std::string MetricCell(const MetricValue& m);

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
