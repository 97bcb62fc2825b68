// Hand-built DriftResults covering what the renderers must handle: drift and
// no drift, too little data, a column missing in the current batch, undefined
// and non-finite numbers, hostile names and many categories.
#pragma once

#include "airm/drift_result.h"
#include "airm/report.h"

namespace airm::testing {

inline constexpr const char* kScriptName = "<script>alert(1)</script>";
inline constexpr const char* kQuotedCategory = "Tom & \"Jerry's\"";

// Inputs: "age" (numeric, drifted, large effect), "income" (numeric,
// drifted, smaller effect), kScriptName (categorical, no drift, a category
// kQuotedCategory), "city" (30 categories, no drift), "tiny" (insufficient
// data, all optionals empty), "legacy_code" (missing in current).
// Outputs: "score" (drifted). Input verdict drifted (2 of 4 tested).
DriftResult SampleDrift();

// Same columns, nothing drifted, no outputs, no findings.
DriftResult NoDriftSample();

ReportMeta SampleMeta();

}  // namespace airm::testing
