// Internal: the one Boost.Math error policy of the library. Every Boost.Math
// call sits in src/stats and uses it; other modules call stats functions
// instead of Boost.Math, so no other policy exists.
//
// Semantics: Boost throws on domain, pole, overflow and evaluation errors by
// default; library code must never let an exception escape, so each of those
// sets errno and returns a value instead -- NaN for a domain or evaluation
// error, +-inf for a pole or overflow. A stats function whose inputs can reach
// such an error checks the value and returns undefined (nullopt, with a note
// where the result type has one) rather than the number. Underflow returns 0, which is the right
// answer for a p-value too small to represent. promote_double<false> keeps the
// arithmetic in double, so results match scipy's double computations and do
// not depend on the platform's long double.
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
