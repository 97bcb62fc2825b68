// Reading scores out of model answers: the MLflow `predictions` body and the
// KServe v2 `outputs` body.
//
// A prediction becomes one score by these rules (docs/chaos-adapters.md):
//   number                 -> itself; NaN / Infinity tokens -> NaN / ±Inf;
//                             null -> NaN (the model gave no number);
//                             true / false -> 1 / 0
//   list of class probabilities [p0, p1, ...]
//                          -> element positive_label when that is an integer
//                             index in range; else element 1 of two, element
//                             0 of one; longer lists without an index are
//                             malformed
//   object                 -> the first present of: key positive_label,
//                             "probability", "score", then the first field (in
//                             the answer's order) that is a number; a list
//                             value is read by the list rule
//   anything else (a string label, an empty object) -> malformed
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "airm/chaos/model_adapter.h"

namespace airm::chaos {

// Reads `{"predictions": [...]}` or a bare top-level list. A JSON error or
// another shape is kMalformed; a count other than `expected` is kWrongCount.
PredictOutcome ReadMlflowPredictions(std::string_view body, size_t expected,
                                     const std::optional<std::string>& positive_label);

// Reads outputs[0] of a v2 inference response: data (flat or nested, row
// major) with shape [n], [n, 1] or [n, k]; [n, k] uses the list rule per row.
// shape[0] other than `expected` is kWrongCount; data whose length is not the
// product of shape, or another shape, is kMalformed.
PredictOutcome ReadKservePredictions(std::string_view body, size_t expected,
                                     const std::optional<std::string>& positive_label);

}  // namespace airm::chaos
