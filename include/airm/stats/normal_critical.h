// Critical values of the standard normal distribution, for the closed-form
// intervals (Wilson, DeLong) of eval.
#pragma once

#include <optional>

namespace airm::stats {

// The two-sided critical value z_{1 - (1 - confidence) / 2} of the standard
// normal, e.g. 1.959963984540054 for 0.95 (scipy.stats.norm.ppf(0.975)).
// Undefined (nullopt) unless 0 < confidence < 1.
std::optional<double> TwoSidedNormalCritical(double confidence);

}  // namespace airm::stats
