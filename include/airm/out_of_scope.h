// Out-of-scope ranges: the card's "do not use for" uses that name a column
// condition (issue 16), measured on current data.
//
// A model card's out_of_scope_uses item may carry, beside its free text, a
// column and a condition: `above: X` (value > X), `below: X` (value < X),
// both (inside the interval (above, below)), or `values: [a, b]` (the value
// is one of them). The share of current rows
// whose column meets the condition says how much of the data the owners
// ruled out, e.g. every current applicant is older than 45.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/drift_result.h"
#include "airm/profile.h"
#include "airm/table.h"

namespace airm {

// The condition in words, e.g. "Age > 45", "45 < Age < 60", "Home is rent or other".
std::string ScopeConditionText(const ScopeRange& range);

// The share of `current` rows inside each range: rows_known counts rows
// with a value in the column; share = rows_inside / rows_known, nullopt when
// no row has a value or the column is absent (note says which). A numeric
// condition on a text column (or values on a number column, compared as
// text) follows the column's type: numbers are compared as numbers, text by
// exact match.
std::vector<ScopeRangeShare> MeasureScopeRanges(const Table& current,
                                                const std::vector<ScopeRange>& ranges);

// The interval [low, high] that holds the true number of rows inside a
// range measured from sketches.
struct ScopeCountBounds {
  uint64_t low = 0;
  uint64_t high = 0;
};

// The same from the current data's profile, for comparisons from sketches:
// a numeric condition from the KLL sketch's ranks (strict bounds: the rank
// just below `below`; the interval at about 99% confidence), values from the
// frequent-items counts (guaranteed bounds). rows_inside is the estimate and
// the note gives the interval ("estimated from the sketches: between 1032
// and 1068 rows (96.6% to 100.0%)"; "counted from the sketches, which kept
// every value" when low == high). rows_known = rows with a value
// (count - null_count). `bounds` (optional) receives each range's interval,
// {0, 0} for ranges that could not be measured.
std::vector<ScopeRangeShare> MeasureScopeRanges(const Profile& current,
                                                const std::vector<ScopeRange>& ranges,
                                                std::vector<ScopeCountBounds>* bounds = nullptr);

// Sets result->out_of_scope and adds one warn finding "drift.out_of_scope"
// (subject: the column) per range with current rows inside it.
void AddScopeFindings(std::vector<ScopeRangeShare> shares, DriftResult* result);

}  // namespace airm
