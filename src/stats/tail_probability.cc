#include "airm/stats/tail_probability.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "boost_policy.h"

namespace airm::stats {

std::optional<double> NormalUpperTail(double z) {
  if (std::isnan(z)) return std::nullopt;
  const boost::math::normal_distribution<double, internal::NoThrowPolicy> standard;
  const double p = boost::math::cdf(boost::math::complement(standard, z));
  if (std::isnan(p)) return std::nullopt;
  return p;
}

std::optional<double> StudentTUpperTail(double t, double dof) {
  if (std::isnan(t) || !(dof > 0) || std::isinf(dof)) return std::nullopt;
  const boost::math::students_t_distribution<double, internal::NoThrowPolicy> dist(dof);
  const double p = boost::math::cdf(boost::math::complement(dist, t));
  if (std::isnan(p)) return std::nullopt;
  return p;
}

}  // namespace airm::stats
