// Renderers for the load and manipulation results, for embedding in the
// chaos report: a JSON object each (a part of the chaos document, not a
// whole document) and an HTML fragment each (a section body with inline SVG
// charts, no external assets, every piece of user data escaped).
//
// JSON conventions as in every airm document: undefined and non-finite
// numbers are null; seconds are plain numbers; field names are documented
// in docs/chaos-load.md and docs/chaos-manipulation.md.
// Thread-safety: reentrant, no state. Part of report (src/report/chaos/).
#pragma once

#include <string>

#include "airm/chaos/load_test.h"
#include "airm/chaos/manipulation.h"

namespace airm::chaos {

// Compact JSON object text ("{...}"), parse it to embed it in a document.
std::string LoadResultToJson(const LoadResult& result);
std::string ManipulationResultToJson(const ManipulationResult& result);

// HTML fragments (no <section> frame or heading): an explanation, the
// findings' numbers in tables and charts (latency percentiles and throughput
// vs concurrency; flip rate vs budget, cheapest flips, monotonicity).
std::string LoadHtmlSection(const LoadResult& result);
std::string ManipulationHtmlSection(const ManipulationResult& result);

}  // namespace airm::chaos
