// Missing data: what the model does when values it relies on are null or
// never sent at all.
#include <algorithm>
#include <cmath>
#include <string>

#include "airm/splitmix64.h"
#include "catalogue.h"

namespace airm::chaos::internal {
namespace {

constexpr uint64_t kMcarSalt = 0x6d636172;         // "mcar"
constexpr uint64_t kPermutationSalt = 0x7065726d;  // "perm"

bool IsNull(const Cell& cell) { return std::holds_alternative<std::monostate>(cell); }

std::string Percent(double rate) {
  const double p = rate * 100.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g%%", std::round(p * 100.0) / 100.0);
  return buf;
}

// Sets the cell to null, recording whether that changed the row.
void Nullify(CaseInput* in, size_t row, size_t column) {
  Cell& cell = in->batch.rows[row][column];
  if (IsNull(cell)) return;
  cell = std::monostate{};
  if (!in->affected[row]) {
    in->affected[row] = 1;
    ++in->rows_affected;
  }
}

}  // namespace

std::vector<CasePlan> NullOneCases(const ModelInput& input) {
  std::vector<CasePlan> plans;
  for (size_t f = 0; f < input.features.size(); ++f) {
    const std::string& name = input.features[f].name;
    plans.push_back(MakePlan(Family::kMissing, "null:" + name, "null", name,
                             "'" + name + "' set to null (JSON null) in every row",
                             Invariance::kMayChange, [&input, f] {
                               CaseInput in = CopyOfBase(input);
                               for (size_t r = 0; r < in.batch.rows.size(); ++r) Nullify(&in, r, f);
                               return in;
                             }));
  }
  return plans;
}

std::vector<CasePlan> AbsentCases(const ModelInput& input) {
  std::vector<CasePlan> plans;
  for (size_t f = 0; f < input.features.size(); ++f) {
    const std::string& name = input.features[f].name;
    plans.push_back(MakePlan(Family::kMissing, "absent:" + name, "absent", name,
                             "column '" + name + "' left out of the payload",
                             Invariance::kMayChange, [&input, f] {
                               CaseInput in = CopyOfBase(input);
                               in.batch.columns.erase(in.batch.columns.begin() + f);
                               for (std::vector<Cell>& row : in.batch.rows)
                                 row.erase(row.begin() + f);
                               std::fill(in.affected.begin(), in.affected.end(), 1);
                               in.rows_affected = in.affected.size();
                               return in;
                             }));
  }
  return plans;
}

std::vector<CasePlan> McarCases(const ModelInput& input, const ChaosOptions& options) {
  std::vector<CasePlan> plans;
  for (double rate : options.mcar_rates) {
    const uint64_t seed = options.seed ^ (kMcarSalt + static_cast<uint64_t>(rate * 1e6));
    plans.push_back(MakePlan(Family::kMissing, "mcar:" + Percent(rate), "mcar", "",
                             "each feature value independently set to null with probability " +
                                 Percent(rate) + " (missing completely at random)",
                             Invariance::kMayChange, [&input, rate, seed] {
                               CaseInput in = CopyOfBase(input);
                               SplitMix64 rng(seed);
                               for (size_t r = 0; r < in.batch.rows.size(); ++r) {
                                 for (size_t c = 0; c < in.batch.columns.size(); ++c) {
                                   if (rng.Uniform() < rate) Nullify(&in, r, c);
                                 }
                               }
                               return in;
                             }));
  }
  return plans;
}

std::vector<CasePlan> KeepTopKCases(const ModelInput& input, const std::vector<size_t>& ranked,
                                    const ChaosOptions& options) {
  std::vector<CasePlan> plans;
  for (size_t k : options.keep_top_k) {
    if (k >= ranked.size()) continue;
    std::vector<size_t> kept(ranked.begin(), ranked.begin() + k);
    std::string names;
    for (size_t f : kept) names += (names.empty() ? "" : ", ") + input.features[f].name;
    plans.push_back(MakePlan(
        Family::kMissing, "keep_top:" + std::to_string(k), "keep_top", "",
        "every feature null except the " + std::to_string(k) + " most important (" + names + ")",
        Invariance::kMayChange, [&input, kept] {
          CaseInput in = CopyOfBase(input);
          for (size_t c = 0; c < in.batch.columns.size(); ++c) {
            if (std::find(kept.begin(), kept.end(), c) != kept.end()) continue;
            for (size_t r = 0; r < in.batch.rows.size(); ++r) Nullify(&in, r, c);
          }
          return in;
        }));
  }
  return plans;
}

CaseInput PermutedFeature(const ModelInput& input, size_t feature, uint64_t seed) {
  CaseInput in = CopyOfBase(input);
  SplitMix64 rng(seed ^ (kPermutationSalt + feature));
  std::vector<Cell> column;
  column.reserve(in.batch.rows.size());
  for (const std::vector<Cell>& row : in.batch.rows) column.push_back(row[feature]);
  for (size_t i = column.size(); i > 1; --i) std::swap(column[i - 1], column[rng.Below(i)]);
  for (size_t r = 0; r < column.size(); ++r) {
    if (column[r] != in.batch.rows[r][feature]) {
      in.affected[r] = 1;
      ++in.rows_affected;
    }
    in.batch.rows[r][feature] = std::move(column[r]);
  }
  return in;
}

}  // namespace airm::chaos::internal
