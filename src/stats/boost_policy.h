// Internal: the Boost.Math policy used by airm/stats. Boost throws on domain
// and overflow errors by default; library code must not throw, so errors
// are reported through errno and the returned value (NaN/inf/0) instead,
// which the callers check.
#pragma once

#include <boost/math/policies/policy.hpp>

namespace airm::stats::internal {

using NoThrowPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::errno_on_error>,
    boost::math::policies::promote_double<false>>;

}  // namespace airm::stats::internal
