// Time arithmetic on the store's canonical UTC text and its wording.
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

// A duration in the largest whole unit: "3 days", "1 hour", "45 seconds".
std::string DurationText(int64_t seconds);

// Where an event sits relative to a reference event called `what`:
// "3 days before training", "2 hours after training", "at training".
std::string RelativeText(int64_t seconds_from_reference, std::string_view what);

}  // namespace airm::lineage::internal
