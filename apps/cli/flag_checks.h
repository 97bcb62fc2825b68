// CLI11 validators for numeric flags, applied to the text as typed so that
// "-1" never wraps around into an unsigned count and "nan" or "inf" never
// reaches an analysis. A failed check is a CLI11 parse error naming the flag
// (exit 2).
#pragma once

#include <CLI/CLI.hpp>

namespace airm::cli {

// A whole number >= `min` (digits only: no sign, no exponent).
CLI::Validator Count(unsigned long long min);
// A finite number (no nan, no inf).
CLI::Validator FiniteNumber();
// A finite number in [low, high].
CLI::Validator ClosedInterval(double low, double high);
// A finite number in (low, high).
CLI::Validator OpenInterval(double low, double high);

}  // namespace airm::cli
