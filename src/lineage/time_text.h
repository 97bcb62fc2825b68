// Time arithmetic on the store's canonical UTC text (its wording is
// report::DurationText / RelativeText).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace airm::lineage::internal {

// Seconds since the epoch of canonical "YYYY-MM-DDTHH:MM:SSZ" text; nullopt
// for any other form.
std::optional<int64_t> EpochSeconds(std::string_view canonical);

// later - earlier in seconds, when both parse.
std::optional<int64_t> SecondsBetween(std::string_view earlier, std::string_view later);

}  // namespace airm::lineage::internal
