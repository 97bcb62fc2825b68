// Numbers as text on the wire: the shortest decimal that reads back to the
// same double, and a strict whole-string parser. Shared by the JSON, CSV and
// XGBoost-encoding code so that every adapter writes and reads numbers alike.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace airm::chaos {

// Shortest round-trip decimal ("0.1", "3", "1e+21"). REQUIRES: finite value;
// callers spell NaN and ±Inf in their own format's way.
std::string ShortestNumber(double value);

// The number `text` spells in full (std::from_chars general format, which
// also accepts "nan", "inf" and "infinity" in any case), or nullopt. No
// whitespace is skipped: callers trim when their format allows it.
std::optional<double> ParseNumber(std::string_view text);

// `text` without leading and trailing spaces, tabs, CR and LF.
std::string_view TrimSpace(std::string_view text);

}  // namespace airm::chaos
