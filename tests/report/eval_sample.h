// Hand-built EvalResults covering what the evaluation renderers must handle:
// a binary result with every analysis filled in, a regression result without
// scores (calibration unavailable), a result whose numbers are all undefined,
// and hostile names everywhere.
#pragma once

#include "airm/eval_result.h"
#include "airm/report.h"

namespace airm::testing {

inline constexpr const char* kEvalScriptName = "<script>alert('x')</script>";

// Binary (positive "bad", threshold 0.5): metrics with intervals, segments
// on "Home" (one insufficient) and "Home & Job", three slices (the worst
// "Home = rent & Job = partime" significant and confirmed), worst case,
// fairness for "afam" (four-fifths fails, errors systematic) and for
// kEvalScriptName, calibration with 10 bins (two empty), tail, findings.
EvalResult SampleBinaryEval();

// Regression with no scores: calibration and tail unavailable, no
// fairness, no slices.
EvalResult SampleRegressionEval();

// Everything undefined: nullopt metrics, NaN/inf doubles, empty bins.
EvalResult SampleUndefinedEval();

ReportMeta SampleEvalMeta();

}  // namespace airm::testing
