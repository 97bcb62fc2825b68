// TestOutcome: the result of one statistical test or distance.
//
// Every function in airm/stats returns a TestOutcome rather than a Status:
// invalid or degenerate input (an empty side, a zero denominator) is not an
// error of the caller but a fact about the data, so the number is nullopt and
// `note` says, in one sentence, why it is undefined. `note` may also carry a
// remark about a defined result (e.g. that a p-value was capped).
#pragma once

#include <optional>
#include <string>

namespace airm::stats {

struct TestOutcome {
  std::optional<double> statistic;
  std::optional<double> p_value;  // nullopt for distances and undefined tests
  std::string note;               // why something is undefined, or a caveat
};

}  // namespace airm::stats
