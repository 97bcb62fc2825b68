// Upper-tail probabilities of the standard normal and Student's t
// distributions, for stating how often a threshold is crossed by chance
// (learned alert thresholds, docs/monitoring.md). Nothing throws: Boost.Math
// runs under the library's no-throw policy and a NaN result is undefined.
#pragma once

#include <optional>

namespace airm::stats {

// P(Z > z) for Z ~ N(0, 1) (scipy.stats.norm.sf(z)); NaN z is undefined.
std::optional<double> NormalUpperTail(double z);

// P(T > t) for T ~ Student's t with `dof` degrees of freedom
// (scipy.stats.t.sf(t, dof)). Undefined unless dof > 0 and t is not NaN.
std::optional<double> StudentTUpperTail(double t, double dof);

}  // namespace airm::stats
