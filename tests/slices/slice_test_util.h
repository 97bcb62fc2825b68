// Test helpers: small tables, EvalData and a platform-independent RNG.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/eval_data.h"
#include "airm/table.h"

namespace airm::testing {

// SplitMix64 stream: the same numbers on every platform (std distributions
// are implementation-defined).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  size_t Below(size_t k) { return static_cast<size_t>(Next() % k); }

 private:
  uint64_t state_;
};

// A categorical column; std::nullopt entries are null.
Column Cat(const std::string& name, const std::vector<std::optional<std::string>>& values);
Column Num(const std::string& name, const std::vector<std::optional<double>>& values);
Table MakeTable(std::vector<Column> columns);

// Binary EvalData over rows 0..n-1 whose misclassifications are `errors`
// (1 = wrong); labels alternate so both classes are present.
EvalData BinaryEval(const std::vector<double>& errors);

}  // namespace airm::testing
