// Findings of a manipulation test, most severe first:
//   manipulation.flip_rate     (warn when the rate at finding_budget >= flip_rate_warn,
//                               else info) how many decisions flip cheaply
//   manipulation.monotonicity  (warn) the score moves against a declared direction
//   manipulation.unconfirmed   (warn) found flips did not flip when scored again
//   manipulation.no_rows       (info) no sampled row could be searched
#pragma once

#include <vector>

#include "airm/chaos/manipulation.h"
#include "airm/finding.h"

namespace airm::chaos::manipulation {

std::vector<Finding> ManipulationFindings(const ManipulationResult& r);

}  // namespace airm::chaos::manipulation
