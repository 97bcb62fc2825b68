// CLI11 validators for numeric flags, applied to the text as typed so that
// "-1" never wraps around into an unsigned count and "nan" or "inf" never
// reaches an analysis. A failed check is a CLI11 parse error naming the flag
// (exit 2).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace airm::cli {

// A whole number >= `min` (digits only: no sign, no exponent).
CLI::Validator Count(unsigned long long min);
// A finite number (no nan, no inf).
CLI::Validator FiniteNumber();
// A finite number in [low, high].
CLI::Validator ClosedInterval(double low, double high);
// A finite number in (low, high).
CLI::Validator OpenInterval(double low, double high);

// List flags: every one takes comma lists and repeats (`--segment a,b` is
// `--segment a --segment b`), one value per occurrence (a following word is
// never swallowed). `what` names one item; the help text says the rest.
CLI::Option* AddListOption(CLI::App* sub, const std::string& name, std::vector<std::string>* values,
                           const std::string& what);

// The same for KEY=VALUE items whose VALUE may itself hold commas
// (--param, --tag, --quality-threshold NAME=WARN,FAIL, --derive OUT=IN,IN):
// a comma starts a new item only when the text after it has a '=' before the
// next comma, so `--param a=1,b=2` is two items and `a=0.1,0.2` one.
CLI::Option* AddPairListOption(CLI::App* sub, const std::string& name,
                               std::vector<std::string>* values, const std::string& what);
// The splitting rule of AddPairListOption, for one flag value.
std::vector<std::string> SplitPairList(const std::string& text);

}  // namespace airm::cli
