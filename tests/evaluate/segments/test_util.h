// Helpers for the groups tests: fixtures, hand-built tables and EvalData.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "airm/eval_data.h"
#include "airm/metric_value.h"
#include "airm/table.h"

namespace airm::groups_testing {

// Parses tests/fixtures/groups/<name>; fails the test if unreadable.
nlohmann::json LoadFixture(const std::string& name);

// Fixture values are computed by numpy / scipy / sklearn in double precision
// with the same formulas, so the only differences are summation order and
// rounding: 1e-9 absolute is far above those and far below any real bug.
inline constexpr double kTol = 1e-9;

// Expected null <=> actual nullopt; otherwise |actual - expected| <= kTol.
::testing::AssertionResult Near(const std::optional<double>& actual,
                                const nlohmann::json& expected);

// A text column (null entries, or std::nullopt, are missing values).
Column TextColumn(const std::string& name, const std::vector<std::optional<std::string>>& values);
Column IntColumn(const std::string& name, const std::vector<int64_t>& values);
Column FloatColumn(const std::string& name, const std::vector<double>& values);
Table MakeTable(std::vector<Column> columns);
// A fixture's array of strings and nulls as TextColumn values.
std::vector<std::optional<std::string>> Texts(const nlohmann::json& array);

// Binary EvalData over rows 0..n-1 of a table (source_rows = identity);
// classes {"neg", "pos"}; `score` may be empty.
EvalData BinaryData(const std::vector<int32_t>& y_true, const std::vector<int32_t>& y_pred,
                    const std::vector<double>& score = {});

}  // namespace airm::groups_testing
