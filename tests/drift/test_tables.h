// Small tables built in code for the drift and quality tests.
#pragma once

#include <random>
#include <string>
#include <vector>

#include "airm/table.h"

namespace airm::testing {

inline ValidityBitmap AllValid(size_t n) {
  ValidityBitmap v;
  v.AppendMany(true, n);
  return v;
}

// A seeded table: x ~ Normal(shift, 1), n ~ Poisson-ish integers, cat in {a,b,c}
// with probabilities tilted by `tilt`, flag in {0,1}.
inline Table MakeBatch(size_t rows, uint64_t seed, double shift, double tilt) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(shift, 1.0);
  std::uniform_real_distribution<double> unif(0, 1);
  std::vector<double> x(rows);
  std::vector<int64_t> k(rows);
  std::vector<int32_t> cat(rows);
  std::vector<uint8_t> flag(rows);
  for (size_t i = 0; i < rows; ++i) {
    x[i] = normal(rng);
    k[i] = static_cast<int64_t>(unif(rng) * 1000);
    double u = unif(rng);
    cat[i] = u < 0.5 - tilt ? 0 : (u < 0.8 ? 1 : 2);
    flag[i] = unif(rng) < 0.3 + tilt ? 1 : 0;
  }
  std::vector<Column> cols;
  cols.push_back(Column::Float64("x", std::move(x), AllValid(rows)));
  cols.push_back(Column::Int64("k", std::move(k), AllValid(rows)));
  cols.push_back(Column::Categorical("cat", std::move(cat), {"a", "b", "c"}, AllValid(rows)));
  cols.push_back(Column::Bool("flag", std::move(flag), AllValid(rows)));
  return std::move(Table::Make(std::move(cols))).value();
}

// The rows of `t` in the order given by `order`.
inline Table Permute(const Table& t, const std::vector<size_t>& order) {
  std::vector<Column> cols;
  for (const Column& c : t.columns()) {
    ValidityBitmap v;
    for (size_t i : order) v.Append(c.IsValid(i));
    switch (c.type()) {
      case DataType::kFloat64: {
        std::vector<double> out;
        for (size_t i : order) out.push_back(c.Float64At(i));
        cols.push_back(Column::Float64(c.name(), out, v));
        break;
      }
      case DataType::kInt64: {
        std::vector<int64_t> out;
        for (size_t i : order) out.push_back(c.int64_values()[i]);
        cols.push_back(Column::Int64(c.name(), out, v));
        break;
      }
      case DataType::kBool: {
        std::vector<uint8_t> out;
        for (size_t i : order) out.push_back(c.bool_values()[i]);
        cols.push_back(Column::Bool(c.name(), out, v));
        break;
      }
      case DataType::kCategorical: {
        std::vector<int32_t> out;
        for (size_t i : order) out.push_back(c.codes()[i]);
        cols.push_back(Column::Categorical(c.name(), out, c.dictionary(), v));
        break;
      }
      default:
        break;
    }
  }
  return std::move(Table::Make(std::move(cols))).value();
}

}  // namespace airm::testing
