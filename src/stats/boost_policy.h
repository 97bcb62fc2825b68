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
// arithmetic in double (the drift tests' numbers are pinned to it).
//
// NoThrowPromotingPolicy has the same error semantics but computes in long
// double where the platform has one. The normal critical values (eval's
// Wilson and DeLong intervals) and the r x c chi-square p-values (fairness)
// were computed that way before the policies were merged, and it is the more
// accurate path: norm.ppf(0.975) is 1.959963984540054 in scipy and here, but
// 1.9599639845400538 with double arithmetic. Keeping it keeps those reports
// bit-identical.
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

using NoThrowPromotingPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::errno_on_error>>;

}  // namespace airm::stats::internal
