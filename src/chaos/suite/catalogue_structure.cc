// Structure: the same rows in a different shape. Except for the empty batch,
// none of these changes what a row means, so every score must come back
// unchanged (the plans are "invariant").
#include <algorithm>
#include <numeric>
#include <string>

#include "airm/splitmix64.h"
#include "catalogue.h"

namespace airm::chaos::internal {
namespace {

constexpr uint64_t kShuffleSalt = 0x73687566;    // "shuf"
constexpr uint64_t kExtraSalt = 0x65787472;      // "extr"
constexpr uint64_t kDuplicateSalt = 0x64757073;  // "dups"

// A seeded permutation of n columns that differs from the identity (n >= 2).
std::vector<size_t> ShuffledOrder(size_t n, uint64_t seed) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), size_t{0});
  if (n < 2) return order;
  SplitMix64 rng(seed);
  const auto is_identity = [&] {
    for (size_t i = 0; i < n; ++i) {
      if (order[i] != i) return false;
    }
    return true;
  };
  do {
    for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);
  } while (is_identity());
  return order;
}

std::string UniqueName(const Batch& batch, std::string name) {
  while (std::find(batch.columns.begin(), batch.columns.end(), name) != batch.columns.end()) {
    name += "_";
  }
  return name;
}

void MarkAll(CaseInput* in) {
  std::fill(in->affected.begin(), in->affected.end(), 1);
  in->rows_affected = in->affected.size();
}

}  // namespace

std::vector<CasePlan> StructureCases(const ModelInput& input, const ChaosOptions& options) {
  std::vector<CasePlan> plans;
  const uint64_t seed = options.seed;
  if (input.features.size() >= 2) {
    plans.push_back(MakePlan(Family::kStructure, "shuffled_columns", "shuffled_columns", "",
                             "the payload's columns in a shuffled order", Invariance::kMustMatch,
                             [&input, seed] {
                               CaseInput in = CopyOfBase(input);
                               const std::vector<size_t> order =
                                   ShuffledOrder(input.features.size(), seed ^ kShuffleSalt);
                               for (size_t c = 0; c < order.size(); ++c) {
                                 in.batch.columns[c] = input.base.columns[order[c]];
                               }
                               for (size_t r = 0; r < in.batch.rows.size(); ++r) {
                                 for (size_t c = 0; c < order.size(); ++c) {
                                   in.batch.rows[r][c] = input.base.rows[r][order[c]];
                                 }
                               }
                               MarkAll(&in);
                               return in;
                             }));
  }
  plans.push_back(MakePlan(Family::kStructure, "extra_columns", "extra_columns", "",
                           "two columns the model does not know added to the payload (a random "
                           "number and a constant text)",
                           Invariance::kMustMatch, [&input, seed] {
                             CaseInput in = CopyOfBase(input);
                             in.batch.columns.push_back(UniqueName(in.batch, "airm_extra_number"));
                             in.batch.columns.push_back(UniqueName(in.batch, "airm_extra_text"));
                             SplitMix64 rng(seed ^ kExtraSalt);
                             for (std::vector<Cell>& row : in.batch.rows) {
                               row.emplace_back(rng.Uniform());
                               row.emplace_back(std::string("chaos"));
                             }
                             MarkAll(&in);
                             return in;
                           }));
  const std::vector<size_t> duplicated =
      SampleRows(input.rows(), options.duplicate_share, seed ^ kDuplicateSalt);
  plans.push_back(MakePlan(Family::kStructure, "duplicated_rows", "duplicated_rows", "",
                           std::to_string(duplicated.size()) +
                               " sampled rows sent a second time at the end of the batch; "
                               "each copy must score as its original",
                           Invariance::kMustMatch, [&input, duplicated] {
                             CaseInput in = CopyOfBase(input);
                             for (size_t r : duplicated) {
                               in.batch.rows.push_back(input.base.rows[r]);
                               in.source_rows.push_back(static_cast<int64_t>(r));
                               in.affected[r] = 1;
                             }
                             in.rows_affected = duplicated.size();
                             return in;
                           }));
  plans.push_back(MakePlan(Family::kStructure, "empty_batch", "empty_batch", "",
                           "a request with the columns and no rows", Invariance::kMayChange,
                           [&input] {
                             CaseInput in;
                             in.batch.columns = input.base.columns;
                             in.affected.assign(input.rows(), 0);
                             in.single_request = true;
                             return in;
                           }));
  const size_t big = options.batch_rows * options.big_batch_factor;
  if (input.rows() > 0) {
    plans.push_back(
        MakePlan(Family::kStructure, "batch_" + std::to_string(options.big_batch_factor) + "x",
                 "big_batch", "",
                 "one request of " + std::to_string(big) + " rows (" +
                     std::to_string(options.big_batch_factor) + " times the usual " +
                     std::to_string(options.batch_rows) + "), the data's rows repeated in order",
                 Invariance::kMustMatch, [&input, big] {
                   CaseInput in;
                   in.batch.columns = input.base.columns;
                   in.batch.rows.reserve(big);
                   for (size_t i = 0; i < big; ++i) {
                     in.batch.rows.push_back(input.base.rows[i % input.rows()]);
                     in.source_rows.push_back(static_cast<int64_t>(i % input.rows()));
                   }
                   in.affected.assign(input.rows(), 0);
                   in.single_request = true;
                   return in;
                 }));
  }
  return plans;
}

}  // namespace airm::chaos::internal
