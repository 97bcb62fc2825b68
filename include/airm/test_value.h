// TestValue: one statistical test or distance as a result struct carries it
// (drift's per-column tests, eval's fairness tests), rendered by report.
#pragma once

#include <optional>

namespace airm {

// p_value is nullopt for distances; either is nullopt when undefined.
struct TestValue {
  std::optional<double> statistic;
  std::optional<double> p_value;
};

}  // namespace airm
