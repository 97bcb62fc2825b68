#include "score_index.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "airm/metrics.h"
#include "metric_kernels.h"
#include "radix_sort.h"

namespace airm {
namespace eval_internal {

namespace {

// One row to sort, with what the index copies from it, so that filling the
// index reads the sorted rows in order instead of the EvalData at random.
struct Keyed {
  double score;
  uint32_t row;
  int8_t y;
  int8_t pred;
};

// The score's IEEE-754 bits made monotone: flip the sign bit of
// non-negatives and every bit of negatives. -0.0 counts as +0.0, since the
// two compare equal.
uint64_t OrderedKey(double x) {
  x += 0.0;
  uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

// Stable LSD radix sort by key, 11 bits per pass (2,048 buckets, whose write
// positions stay in cache); a pass where every key has
// the same digit (common in the high bits of scores in [0, 1]) is skipped.
// Stability keeps equal scores in row order.
void SortByKey(std::vector<Keyed>* items) {
  constexpr unsigned kBits = 11;
  constexpr size_t kBuckets = size_t{1} << kBits;
  std::vector<Keyed> scratch(items->size());
  std::vector<uint32_t> start(kBuckets + 1);
  for (unsigned shift = 0; shift < 64; shift += kBits) {
    std::fill(start.begin(), start.end(), 0u);
    for (const Keyed& k : *items) ++start[((OrderedKey(k.score) >> shift) & (kBuckets - 1)) + 1];
    if (std::find(start.begin(), start.end(), items->size()) != start.end()) continue;
    for (size_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
    for (const Keyed& k : *items) {
      scratch[start[(OrderedKey(k.score) >> shift) & (kBuckets - 1)]++] = k;
    }
    items->swap(scratch);
  }
}

}  // namespace

std::shared_ptr<const ScoreIndex> BuildScoreIndex(const EvalData& data) {
  const size_t n = data.size();
  if (data.task != TaskType::kBinary || data.classes.size() != 2 || data.score.size() != n ||
      data.y_true.size() != n || data.y_pred.size() != n) {
    return nullptr;
  }
  for (double s : data.score) {
    if (std::isnan(s)) return nullptr;  // no total order: metrics sort as they always did
  }
  std::vector<Keyed> keyed(n);
  for (size_t i = 0; i < n; ++i) {
    const int32_t y = data.y_true[i], pred = data.y_pred[i];
    if ((y != 0 && y != 1) || (pred != 0 && pred != 1)) return nullptr;  // not class indices
    keyed[i] = {data.score[i], static_cast<uint32_t>(i), static_cast<int8_t>(y),
                static_cast<int8_t>(pred)};
  }
  SortByKey(&keyed);  // ties by row index: the order std::stable_sort gives
  auto index = std::make_shared<ScoreIndex>();
  index->order.resize(n);
  index->rank.resize(n);
  index->y.resize(n);
  index->pred.resize(n);
  index->score.resize(n);
  index->log_loss.resize(n);
  index->brier.resize(n);
  for (size_t r = 0; r < n; ++r) {
    const Keyed& k = keyed[r];
    const bool positive = k.y == 1;
    index->order[r] = k.row;
    index->rank[k.row] = static_cast<uint32_t>(r);
    index->y[r] = k.y;
    index->pred[r] = k.pred;
    index->score[r] = k.score;
    index->log_loss[r] = BinaryLogLoss(k.score, positive);
    const double d = (positive ? 1.0 : 0.0) - k.score;
    index->brier[r] = d * d;
  }
  return index;
}

const ScoreIndex* UsableScoreIndex(const EvalData& data) {
  const ScoreIndex* index = data.score_index.get();
  return index != nullptr && index->rank.size() == data.size() ? index : nullptr;
}

std::vector<uint32_t> SortedRanks(const ScoreIndex& index, std::span<const uint32_t> rows) {
  std::vector<uint32_t> ranks(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) ranks[i] = index.rank[rows[i]];
  RadixSortBelow(static_cast<uint32_t>(index.rank.size()), &ranks);
  return ranks;
}

}  // namespace eval_internal

std::vector<double> SortedScores(const EvalData& data, std::span<const uint32_t> rows) {
  if (data.task != TaskType::kBinary) return {};
  const eval_internal::ScoreIndex* index = eval_internal::UsableScoreIndex(data);
  if (index != nullptr && rows.empty()) return index->score;
  if (index != nullptr && std::is_sorted(rows.begin(), rows.end())) {
    std::vector<uint32_t> ranks = eval_internal::SortedRanks(*index, rows);
    std::vector<double> out(ranks.size());
    for (size_t i = 0; i < ranks.size(); ++i) out[i] = index->score[ranks[i]];
    return out;
  }
  std::vector<double> out;
  if (rows.empty()) {
    out = data.score;
  } else {
    out.reserve(rows.size());
    for (uint32_t r : rows) out.push_back(data.score[r]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace airm
