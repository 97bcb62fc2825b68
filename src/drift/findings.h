// The findings of a drift report: what a reader should look at first.
#pragma once

#include <vector>

#include "airm/drift_result.h"

namespace airm::drift {

// Most severe first: failed quality checks and missing/retyped columns
// (fail), batch drift (fail), drifted columns, large-but-uncertain shifts,
// drifted segments and multivariate drift (warn), warned quality checks.
std::vector<Finding> CollectFindings(const DriftResult& result);

}  // namespace airm::drift
