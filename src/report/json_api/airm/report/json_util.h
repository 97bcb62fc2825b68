// Helpers shared by the JSON renderers: the null conventions for undefined
// numbers, the blocks every document carries (inputs, findings) and a dump
// that cannot fail on bad bytes.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "airm/finding.h"
#include "airm/input_info.h"
#include "airm/report.h"

namespace airm::report {

// Insertion-ordered, so documents read top-down as documented (kind first).
using Json = nlohmann::ordered_json;

// A finite number, or null for NaN and ±inf (JSON has neither).
Json JsonNumber(double x);
// JsonNumber of the value, null when the optional is empty.
Json JsonNumber(std::optional<double> x);

// {"path", "sha256", "rows", "columns", "bytes"}
Json InputInfoJson(const InputInfo& input);

// {"severity", "code", "subject", "message", "evidence": {name: number|null}}
Json FindingJson(const Finding& finding);

// The header every document starts with: kind, schema_version, airm_version,
// generated_at, command.
Json DocumentHeader(const char* kind, const char* schema_version, const ReportMeta& meta);

// Pretty text with a 2-space indent and a trailing newline. Invalid UTF-8 in
// strings is replaced by U+FFFD instead of throwing.
std::string DumpJson(const Json& doc);

}  // namespace airm::report
