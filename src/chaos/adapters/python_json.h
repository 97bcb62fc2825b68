// JSON as Python's json module writes and reads it: standard JSON plus the
// NaN, Infinity and -Infinity tokens.
//
// Model servers are mostly Python (MLflow, KServe, FastAPI), whose json
// module and pandas accept and emit those tokens. A chaos test must be able
// to send a NaN or ±Inf feature value, and to read a NaN score back, but
// nlohmann::json refuses the tokens in both directions. So requests are
// written by the small encoder below, and responses pass through
// StrictJsonFromPython before nlohmann parses them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "airm/chaos/model_adapter.h"

namespace airm::chaos {

// Appends `text` as a JSON string literal ("..." with \", \\ and control
// characters escaped; other bytes, UTF-8 included, pass unchanged).
void AppendJsonString(std::string_view text, std::string* out);

// Appends a number: shortest round-trip decimal, or NaN / Infinity / -Infinity.
void AppendJsonNumber(double value, std::string* out);

// Appends null, a number or a string.
void AppendJsonCell(const Cell& cell, std::string* out);

// {"dataframe_split": {"columns": [...], "data": [[...], ...]}}: the MLflow
// scoring protocol's request body. Rows are written as given, ragged or not.
std::string EncodeDataframeSplit(const std::vector<std::string>& columns,
                                 std::span<const std::vector<Cell>> rows);

// Sentinel strings that stand for the Python number tokens after
// StrictJsonFromPython; JsonNumberOrSentinel turns them back into doubles.
inline constexpr std::string_view kNanSentinel =
    "\x01"
    "airm:NaN";
inline constexpr std::string_view kInfSentinel =
    "\x01"
    "airm:Infinity";
inline constexpr std::string_view kNegInfSentinel =
    "\x01"
    "airm:-Infinity";

// `body` with every NaN, Infinity and -Infinity token outside string literals
// replaced by the quoted sentinel above, so that a strict JSON parser accepts
// it. Anything else is left for the parser to judge.
std::string StrictJsonFromPython(std::string_view body);

// The double a sentinel string stands for, or false when `text` is not one.
bool SentinelNumber(std::string_view text, double* value);

}  // namespace airm::chaos
