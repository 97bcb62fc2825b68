// Test helpers: small tables, EvalData and a platform-independent RNG.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/eval_data.h"
#include "airm/splitmix64.h"
#include "airm/table.h"

namespace airm::testing {

// The library's SplitMix64: the same numbers on every platform (std
// distributions are implementation-defined).
using Rng = SplitMix64;

// A categorical column; std::nullopt entries are null.
Column Cat(const std::string& name, const std::vector<std::optional<std::string>>& values);
Column Num(const std::string& name, const std::vector<std::optional<double>>& values);
Table MakeTable(std::vector<Column> columns);

// Binary EvalData over rows 0..n-1 whose misclassifications are `errors`
// (1 = wrong); labels alternate so both classes are present.
EvalData BinaryEval(const std::vector<double>& errors);

}  // namespace airm::testing
