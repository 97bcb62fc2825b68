#include "airm/stats/normal_critical.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "boost_policy.h"

namespace airm::stats {

std::optional<double> TwoSidedNormalCritical(double confidence) {
  if (!(confidence > 0 && confidence < 1)) return std::nullopt;
  const boost::math::normal_distribution<double, internal::NoThrowPromotingPolicy> standard;
  const double z = boost::math::quantile(standard, 1 - (1 - confidence) / 2);
  if (!std::isfinite(z)) return std::nullopt;
  return z;
}

}  // namespace airm::stats
