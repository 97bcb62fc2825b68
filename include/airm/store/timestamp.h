// Times in the store: ISO 8601 UTC text with a "Z" and whole seconds, e.g.
// "2026-11-27T04:33:16Z". Text in that one form sorts in time order, so SQL
// compares times as strings on SQLite and PostgreSQL alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::store {

// The current time, e.g. "2026-11-27T04:33:16Z".
std::string UtcNow();

// Parses an ISO 8601 date-time and returns it in the canonical UTC form.
// Accepts "YYYY-MM-DDTHH:MM:SS" with an optional fraction (dropped, not
// rounded) and a zone "Z", "+HH:MM", "-HH:MM" or "+HHMM"; a space may stand
// for the "T"; a bare date "YYYY-MM-DD" means midnight UTC. A time without a
// zone is rejected: guessing the zone would silently shift it. Returns
// nullopt for anything else, including impossible dates (2026-02-30).
std::optional<std::string> ParseIso8601(std::string_view text);

// ParseIso8601 writing into *out (reusing its capacity, for bulk loads);
// false, with *out unspecified, when `text` is not accepted.
bool ParseIso8601Into(std::string_view text, std::string* out);

// The canonical form of a time given as whole seconds since 1970-01-01 UTC;
// false when it falls outside years 0000-9999.
bool FormatUtcSeconds(int64_t seconds, std::string* out);

}  // namespace airm::store
