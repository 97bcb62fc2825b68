// The findings of an evaluation: what a reviewer should look at first.
#pragma once

#include <vector>

#include "airm/eval_result.h"

namespace airm {

// Fail: a group fails the four-fifths rule. Warn: significant weak slices
// (worst first), errors concentrated on groups, miscalibration (ECE > 0.05),
// much worse metrics on unusual rows. Info: excluded rows, small groups.
std::vector<Finding> CollectEvalFindings(const EvalResult& result);

}  // namespace airm
