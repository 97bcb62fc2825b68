// Test helpers: the credit fixture (tests/fixtures/profile, made by
// scripts/fixtures/make_profile_fixtures.py) as Tables built with Column
// factories (the profile tests do not depend on the CSV reader), and small
// column builders.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "airm/table.h"

namespace airm::testing {

// Rows [begin, end) of credit_columns.csv: Age int64, Income float64 (with
// nulls), Price int64, score float64, Home string, Job categorical.
Table CreditTable(size_t begin = 0, size_t end = SIZE_MAX);
size_t CreditRows();
nlohmann::json CreditExpected();

Column F64(const std::string& name, const std::vector<std::optional<double>>& values);
Column I64(const std::string& name, const std::vector<std::optional<int64_t>>& values);
Column Str(const std::string& name, const std::vector<std::optional<std::string>>& values);
Table MakeTable(std::vector<Column> columns);

// The valid finite values of `column` in `table`, sorted (the truth for
// rank-error checks).
std::vector<double> SortedFinite(const Table& table, const std::string& column);
// Distance from q to the interval of true ranks of v in `sorted`.
double RankDistance(const std::vector<double>& sorted, double v, double q);

}  // namespace airm::testing
