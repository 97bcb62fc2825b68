// BinaryResampler: drawing and scoring binary bootstrap resamples chunk by
// chunk. The formulas are those of metric_kernels.cc (docs/metrics.md); this
// file only changes how the weighted sums are gathered.
#include "binary_resample.h"

#include <algorithm>
#include <boost/random/binomial_distribution.hpp>
#include <cmath>
#include <limits>

#include "resample_rng.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace airm::eval_internal {
namespace {

constexpr double kUndefined = std::numeric_limits<double>::quiet_NaN();

double RatioOrNaN(double num, double den) { return den == 0 ? kUndefined : num / den; }

// Adds `draws` uniform draws over positions [0, count) to w and, with
// scores, each draw's log loss and Brier term to *sums. Two draws per 64-bit
// output, each by Lemire's (2019) multiply-shift with its rejection step, so
// every position is exactly equally likely. This loop is most of the
// bootstrap's time and is bound by instruction throughput, so the generator
// is copied into registers for its duration (through the pointer its state
// would be stored back after every output) and both loss terms of a draw
// come from one 16-byte load. REQUIRES: count > 0.
template <bool kWithScores>
void PlaceDraws(uint64_t draws, uint32_t count, const LossTerms* loss, uint32_t* w, Rng* rng,
                LossTerms* loss_sum) {
  const uint32_t threshold = static_cast<uint32_t>(-count) % count;  // 2^32 mod count
  Rng local = *rng;
  // Two partial sums per quantity, one per draw of a pair, so no
  // floating-point add waits on the previous one.
  LossTerms lane[2];
  auto place = [&](uint32_t word, int l) {
    uint64_t m = uint64_t{word} * count;
    while (static_cast<uint32_t>(m) < threshold) {
      m = uint64_t{static_cast<uint32_t>(local.Next())} * count;
    }
    const size_t at = static_cast<size_t>(m >> 32);
    ++w[at];
    if constexpr (kWithScores) {
      lane[l].log_loss += loss[at].log_loss;
      lane[l].brier += loss[at].brier;
    }
  };
  for (; draws >= 2; draws -= 2) {
    const uint64_t x = local.Next();
    place(static_cast<uint32_t>(x >> 32), 0);
    place(static_cast<uint32_t>(x), 1);
  }
  if (draws == 1) place(static_cast<uint32_t>(local.Next() >> 32), 0);
  *rng = local;
  if constexpr (kWithScores) {
    loss_sum->log_loss += lane[0].log_loss + lane[1].log_loss;
    loss_sum->brier += lane[0].brier + lane[1].brier;
  }
}

// out[j] = w[j] + ... + w[count - 1] for j in [0, count], out[count] = 0;
// returns out[0]. The running sum is a chain of dependent adds, one per
// negative of every chunk of every resample, so four are done at a time:
// each block's own suffix sums by two shifted adds, plus the carry from
// above. Integers, so exactly what the one-at-a-time loop gives.
// REQUIRES: the sum fits in 32 bits (it is at most a class's size).
uint32_t SuffixSums(const uint32_t* w, uint32_t count, uint32_t* out) {
  out[count] = 0;
  size_t j = count;
  uint32_t total = 0;
#if defined(__SSE2__)
  __m128i carry = _mm_setzero_si128();
  for (; j >= 4; j -= 4) {
    // Lanes w[j-4], w[j-3], w[j-2], w[j-1]; lane i becomes the sum of lanes i..3.
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + j - 4));
    v = _mm_add_epi32(v, _mm_srli_si128(v, 4));
    v = _mm_add_epi32(v, _mm_srli_si128(v, 8));
    v = _mm_add_epi32(v, carry);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out + j - 4), v);
    carry = _mm_shuffle_epi32(v, 0);
  }
  total = static_cast<uint32_t>(_mm_cvtsi128_si32(carry));
#endif
  while (j-- > 0) {
    total += w[j];
    out[j] = total;
  }
  return total;
}

}  // namespace

// One resample's generator, its progress through the multinomial draw of
// each class, and its sums.
struct BinaryResampler::Resample {
  explicit Resample(Rng r) : rng(r) {}
  Rng rng;
  std::array<uint64_t, 2> draws_left{};  // draws of the class not yet placed
  std::array<uint64_t, 2> cells_left{};  // rows of the class not yet visited
  Sums sums;
};

BinaryResampler::Scratch::Scratch(size_t max_chunk)
    : negatives_from(max_chunk + 1),
      term_group(max_chunk),
      term_tp(max_chunk),
      term_negatives(max_chunk) {
  for (std::vector<uint32_t>& w_class : w) w_class.assign(max_chunk, 0);
}

BinaryResampler::BinaryResampler(const MetricView& view) : has_scores_(!view.score.empty()) {
  const size_t n = view.size;
  std::vector<size_t> bounds = {0};
  while (bounds.back() < n) {
    size_t end = std::min(n, bounds.back() + kChunk);
    while (has_scores_ && end < n && view.score[end] == view.score[end - 1]) ++end;
    bounds.push_back(end);
  }
  num_chunks_ = bounds.size() - 1;
  for (size_t c = 0; c < 2; ++c) {
    const size_t rows = c < view.strata.size() ? view.strata[c].size() : 0;
    rows_[c].predicted.reserve(rows);
    if (has_scores_) {
      rows_[c].loss.reserve(rows);
    }
    first_[c].reserve(num_chunks_ + 1);
  }
  closes_group_.reserve(view.strata.size() > kPositive ? view.strata[kPositive].size() : 0);
  group_negatives_from_.reserve(closes_group_.capacity());
  std::array<uint32_t, 2> count{};
  for (size_t k = 0; k < num_chunks_; ++k) {
    for (size_t c = 0; c < 2; ++c) first_[c].push_back(count[c]);
    uint32_t group_negatives_from = 0;
    bool group_has_positive = false;
    for (size_t i = bounds[k]; i < bounds[k + 1]; ++i) {
      // Without scores every row is its own group (average precision is
      // not computed then).
      if (!has_scores_ || i == bounds[k] || view.score[i] != view.score[i - 1]) {
        group_negatives_from = count[kNegative] - first_[kNegative][k];
        group_has_positive = false;
      }
      const size_t c = view.y[i] == 1 ? kPositive : kNegative;
      ClassRows& rows = rows_[c];
      rows.predicted.push_back(view.pred[i] == 1 ? ~0u : 0u);
      if (has_scores_) {
        rows.loss.push_back({.log_loss = view.log_loss[i], .brier = view.brier[i]});
      }
      if (c == kPositive) {
        closes_group_.push_back(group_has_positive ? 0 : 1);
        group_negatives_from_.push_back(group_negatives_from);
        group_has_positive = true;
      }
      ++count[c];
    }
    for (size_t c = 0; c < 2; ++c) {
      const uint32_t rows = count[c] - first_[c][k];
      max_chunk_ = std::max<size_t>(max_chunk_, rows);
      const auto chunk = rows_[c].predicted.end() - rows;
      const auto on = static_cast<uint32_t>(std::count(chunk, rows_[c].predicted.end(), ~0u));
      predicted_[c].push_back(on == 0      ? Predicted::kNone
                              : on == rows ? Predicted::kAll
                                           : Predicted::kSome);
    }
  }
  for (size_t c = 0; c < 2; ++c) first_[c].push_back(count[c]);
}

void BinaryResampler::Accumulate(size_t k, Scratch* scratch, Sums* sums) const {
  const uint32_t negative_count = ChunkCount(kNegative, k);
  const uint32_t positive_count = ChunkCount(kPositive, k);
  const uint32_t negative_first = first_[kNegative][k], positive_first = first_[kPositive][k];
  uint32_t* wn = scratch->w[kNegative].data();
  uint32_t* wp = scratch->w[kPositive].data();
  // Negatives, walking down: the weight from each one up to the chunk top.
  const uint32_t* negative_predicted = rows_[kNegative].predicted.data() + negative_first;
  uint32_t* negatives_from = scratch->negatives_from.data();
  const uint64_t negatives = SuffixSums(wn, negative_count, negatives_from);

  // Positives, walking down. Where a tie group closes with positives in it,
  // they count at the precision of the threshold at the group's score:
  // positives and negatives at or above it. The terms are gathered without a
  // branch (an unpredictable one per row otherwise) and summed afterwards.
  const uint32_t* positive_predicted = rows_[kPositive].predicted.data() + positive_first;
  const uint8_t* closes = closes_group_.data() + positive_first;
  const uint32_t* group_negatives_from = group_negatives_from_.data() + positive_first;
  uint64_t* term_group = scratch->term_group.data();
  uint64_t* term_tp = scratch->term_tp.data();
  uint32_t* term_negatives = scratch->term_negatives.data();
  uint64_t positives = sums->ranked[kPositive], group = 0;
  size_t terms = 0;
  for (size_t q = positive_count; q-- > 0;) {
    const uint64_t w = wp[q];
    positives += w;
    group += w;
    term_group[terms] = group;
    term_tp[terms] = positives;
    term_negatives[terms] = group_negatives_from[q];
    const uint64_t close = closes[q];
    terms += close & static_cast<uint64_t>(group != 0);
    group &= close - 1;  // cleared where the group closes
  }
  const uint64_t negatives_above = sums->ranked[kNegative];
  for (size_t t = 0; t < terms; ++t) {
    const uint64_t fp = negatives_above + negatives_from[term_negatives[t]];
    sums->ap_sum += static_cast<double>(term_group[t]) * static_cast<double>(term_tp[t]) /
                    static_cast<double>(term_tp[t] + fp);
  }
  // Predicted-positive weight: the class's whole chunk weight when the
  // chunk's rows of that class are all predicted positive (the usual case
  // away from the threshold), a masked sum only where they are mixed.
  const std::array<uint64_t, 2> chunk_weight = {negatives, positives - sums->ranked[kPositive]};
  const std::array<const uint32_t*, 2> predicted = {negative_predicted, positive_predicted};
  for (size_t c = 0; c < 2; ++c) {
    if (predicted_[c][k] == Predicted::kAll) {
      sums->predicted[c] += chunk_weight[c];
    } else if (predicted_[c][k] == Predicted::kSome) {
      const uint32_t* w = scratch->w[c].data();
      uint64_t sum = 0;
      for (uint32_t j = 0; j < ChunkCount(c, k); ++j) sum += w[j] & predicted[c][j];
      sums->predicted[c] += sum;
    }
  }
  sums->ranked[kNegative] += negatives;
  sums->ranked[kPositive] = positives;
  std::fill(wn, wn + negative_count, 0u);
  std::fill(wp, wp + positive_count, 0u);
}

BinaryResampleValues BinaryResampler::Finish(const Sums& s) const {
  // After the whole walk the ranked counts are the resample's class sizes.
  const double p = static_cast<double>(s.ranked[kPositive]);
  const double q = static_cast<double>(s.ranked[kNegative]);
  const double tp = static_cast<double>(s.predicted[kPositive]);
  const double fp = static_cast<double>(s.predicted[kNegative]);
  const double fn = p - tp, tn = q - fp;
  BinaryResampleValues v;
  v.fill(kUndefined);
  if (p > 0 && q > 0) v[0] = (tp / p + tn / q) / 2;
  v[1] = RatioOrNaN(2 * tp, 2 * tp + fp + fn);
  if (has_scores_) {
    if (p > 0) v[2] = s.ap_sum / p;
    v[3] = RatioOrNaN(s.loss_sum.log_loss, p + q);
    v[4] = RatioOrNaN(s.loss_sum.brier, p + q);
  }
  return v;
}

void BinaryResampler::Run(uint64_t seed, size_t first, size_t last,
                          std::vector<BinaryResampleValues>* out) const {
  std::vector<Resample> resamples;
  resamples.reserve(last - first);
  for (size_t b = first; b < last; ++b) {
    Resample& r = resamples.emplace_back(Rng::ForResample(seed, b));
    for (size_t c = 0; c < 2; ++c) r.draws_left[c] = r.cells_left[c] = first_[c].back();
  }
  Scratch scratch(max_chunk_);
  // Chunks from the highest scores down, the direction of the walk. Within
  // a class, the number of its draws landing in this chunk given those left
  // is binomial (the multinomial split into a chain of conditional
  // binomials, exact); the draws are then placed uniformly on the class's
  // rows in the chunk.
  for (size_t k = num_chunks_; k-- > 0;) {
    for (Resample& r : resamples) {
      for (size_t c = 0; c < 2; ++c) {
        const uint32_t count = ChunkCount(c, k);
        if (count == 0) continue;
        uint64_t draws = r.draws_left[c];
        if (count < r.cells_left[c] && draws > 0) {
          boost::random::binomial_distribution<int64_t, double> split(
              static_cast<int64_t>(draws),
              static_cast<double>(count) / static_cast<double>(r.cells_left[c]));
          draws = static_cast<uint64_t>(split(r.rng));
        }
        const ClassRows& rows = rows_[c];
        if (has_scores_) {
          PlaceDraws<true>(draws, count, rows.loss.data() + first_[c][k], scratch.w[c].data(),
                           &r.rng, &r.sums.loss_sum);
        } else {
          PlaceDraws<false>(draws, count, nullptr, scratch.w[c].data(), &r.rng, nullptr);
        }
        r.draws_left[c] -= draws;
        r.cells_left[c] -= count;
      }
      Accumulate(k, &scratch, &r.sums);
    }
  }
  for (size_t i = 0; i < resamples.size(); ++i) (*out)[i] = Finish(resamples[i].sums);
}

BinaryResampleValues BinaryResampler::Evaluate(const MetricView& view,
                                               std::span<const uint32_t> weights) const {
  Sums sums;
  Scratch scratch(max_chunk_);
  for (size_t k = num_chunks_; k-- > 0;) {
    for (size_t c = 0; c < 2; ++c) {
      for (uint32_t j = 0; j < ChunkCount(c, k); ++j) {
        const uint32_t row = first_[c][k] + j;
        const uint32_t w = weights[view.strata[c][row]];
        scratch.w[c][j] = w;
        if (has_scores_) {
          sums.loss_sum.log_loss += w * rows_[c].loss[row].log_loss;
          sums.loss_sum.brier += w * rows_[c].loss[row].brier;
        }
      }
    }
    Accumulate(k, &scratch, &sums);
  }
  return Finish(sums);
}

}  // namespace airm::eval_internal
