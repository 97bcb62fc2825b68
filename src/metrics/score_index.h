// Internal: EvalData::score_index, the one sort by score that every metric
// view of a binary EvalData reuses.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "airm/eval_data.h"

namespace airm::eval_internal {

// The rows in ascending score order, ties by row index (the order
// std::stable_sort gives ascending rows), and, in that order, what a binary
// metric view holds per position.
struct ScoreIndex {
  std::vector<uint32_t> order;  // rank -> row
  std::vector<uint32_t> rank;   // row -> rank
  std::vector<int32_t> y, pred;
  std::vector<double> score;
  std::vector<double> log_loss;  // BinaryLogLoss of each row
  std::vector<double> brier;     // (y - score)^2
};

// Null unless `data` is binary with one score per row.
std::shared_ptr<const ScoreIndex> BuildScoreIndex(const EvalData& data);

// The index of `data` when it is present and matches data's size, else null.
const ScoreIndex* UsableScoreIndex(const EvalData& data);

// The ranks of `rows`, ascending (a radix sort). Among equal scores ranks
// follow row indices, so for ascending rows this is the order
// std::stable_sort by score gives.
std::vector<uint32_t> SortedRanks(const ScoreIndex& index, std::span<const uint32_t> rows);

}  // namespace airm::eval_internal
