// SliceLine lattice enumeration (Sagadeeva & Boehm, SIGMOD 2021, sec. 3):
//   1. level 1: evaluate every predicate; slices with size >= sigma are
//      examined, those that also have errors are valid (extendable);
//   2. level L: join valid (L-1)-slices sharing their first L-2 predicates
//      (Apriori prefix join on sorted ids), skip two predicates on one
//      column, require every (L-1)-parent to be valid (a missing parent has
//      too little support, no errors, or was cut by the bound, and so would
//      its child);
//   3. prune by size (min parent size < sigma) and by score (SliceLine's
//      upper bound from the parents' min size / error / max error <= the
//      K-th best score, or <= 0);
//   4. evaluate the survivors exactly (contingency tables for levels 1-2,
//      ANDed bitsets deeper); update the top-K; stop at max_level or when
//      no valid slice is left.
// The top-K is exact: a slice is cut only when its bound proves that it
// cannot enter the top-K.
#include "lattice_search.h"

#include <algorithm>
#include <bit>
#include <limits>
#include <map>
#include <optional>

namespace airm::slices_internal {

double SliceScore(double slice_error_sum, double slice_size, double total_error_sum, double n,
                  double size_weight) {
  const double mean_all = total_error_sum / n;
  const double mean_slice = slice_error_sum / slice_size;
  return size_weight * (mean_slice / mean_all - 1.0) - (1.0 - size_weight) * (n / slice_size - 1.0);
}

double SliceScoreUpperBound(double ss, double se, double sm, double sigma, double total_error_sum,
                            double n, double size_weight) {
  const double mean_all = total_error_sum / n;
  double best = -std::numeric_limits<double>::infinity();
  const double knee = sm > 0 ? std::clamp(se / sm, sigma, ss) : sigma;
  for (double s : {sigma, knee, ss}) {
    const double err = std::min(s * sm, se);
    const double sc =
        size_weight * ((err / s) / mean_all - 1.0) - (1.0 - size_weight) * (n / s - 1.0);
    best = std::max(best, sc);
  }
  return best;
}

SliceStats EvaluateSlice(std::span<const int32_t> predicates, const std::vector<Bitset>& bitsets,
                         std::span<const double> errors, bool binary_errors,
                         const Bitset* error_bits) {
  SliceStats stats;
  const size_t words = BitsetWords(errors.size());
  std::vector<const uint64_t*> sets;
  for (int32_t p : predicates) sets.push_back(bitsets[p].data());
  uint64_t errors_in = 0;
  for (size_t w = 0; w < words; ++w) {
    uint64_t x = sets[0][w];
    for (size_t k = 1; k < sets.size() && x != 0; ++k) x &= sets[k][w];
    if (x == 0) continue;
    stats.size += static_cast<uint64_t>(std::popcount(x));
    if (binary_errors) {
      errors_in += static_cast<uint64_t>(std::popcount(x & (*error_bits)[w]));
      continue;
    }
    while (x != 0) {
      const size_t pos = (w << 6) + static_cast<size_t>(std::countr_zero(x));
      x &= x - 1;
      const double e = errors[pos];
      stats.error_sum += e;
      stats.error_sumsq += e * e;
      stats.error_max = std::max(stats.error_max, e);
    }
  }
  if (binary_errors) {
    stats.error_sum = static_cast<double>(errors_in);
    stats.error_sumsq = stats.error_sum;
    stats.error_max = errors_in > 0 ? 1.0 : 0.0;
  }
  return stats;
}

namespace {

void Accumulate(SliceStats* s, double e) {
  ++s->size;
  s->error_sum += e;
  s->error_sumsq += e * e;
  s->error_max = std::max(s->error_max, e);
}

// For each predicate, its column and local code.
struct PredicateCode {
  const ColumnCodes* codes;
  uint8_t local;
};

std::vector<PredicateCode> CodesOf(std::span<const int32_t> predicates, const SliceSpace& space) {
  std::vector<PredicateCode> out;
  for (int32_t p : predicates) {
    const int32_t c = space.predicate_column[p];
    out.push_back({&(*space.codes)[c], static_cast<uint8_t>(p - space.column_first[c])});
  }
  return out;
}

}  // namespace

SliceStats SliceStatsFromCodes(std::span<const int32_t> predicates, const SliceSpace& space,
                               std::span<const double> errors) {
  SliceStats stats;
  const std::vector<PredicateCode> pc = CodesOf(predicates, space);
  for (size_t i = 0; i < errors.size(); ++i) {
    bool in = true;
    for (const PredicateCode& c : pc) in = in && (*c.codes)[i] == c.local;
    if (in) Accumulate(&stats, errors[i]);
  }
  return stats;
}

std::vector<uint32_t> SlicePositions(std::span<const int32_t> predicates, const SliceSpace& space) {
  std::vector<uint32_t> out;
  const std::vector<PredicateCode> pc = CodesOf(predicates, space);
  const size_t n = space.num_rows();
  for (size_t i = 0; i < n; ++i) {
    bool in = true;
    for (const PredicateCode& c : pc) in = in && (*c.codes)[i] == c.local;
    if (in) out.push_back(static_cast<uint32_t>(i));
  }
  return out;
}

namespace {

// The running top-K, best first: score descending, then larger slices, then
// predicate ids ascending, so ties never depend on evaluation order.
class TopK {
 public:
  TopK(const std::vector<EvaluatedSlice>* examined, size_t k) : examined_(examined), k_(k) {}

  void Offer(size_t idx) {
    const EvaluatedSlice& s = (*examined_)[idx];
    if (!(s.score > 0)) return;
    auto pos = std::lower_bound(top_.begin(), top_.end(), idx,
                                [&](size_t a, size_t b) { return Better(a, b); });
    top_.insert(pos, idx);
    if (top_.size() > k_) top_.pop_back();
  }
  // Candidates must beat this to matter: the K-th score, or 0 (SliceLine
  // only reports positive scores).
  double MinScore() const {
    return top_.size() == k_ ? std::max(0.0, (*examined_)[top_.back()].score) : 0.0;
  }
  const std::vector<size_t>& indices() const { return top_; }

 private:
  bool Better(size_t a, size_t b) const {
    const EvaluatedSlice& x = (*examined_)[a];
    const EvaluatedSlice& y = (*examined_)[b];
    if (x.score != y.score) return x.score > y.score;
    if (x.stats.size != y.stats.size) return x.stats.size > y.stats.size;
    return x.predicates < y.predicates;
  }

  const std::vector<EvaluatedSlice>* examined_;
  size_t k_;
  std::vector<size_t> top_;
};

}  // namespace

LatticeOutput RunLattice(const LatticeInput& input) {
  LatticeOutput out;
  const std::span<const double> errors = input.errors;
  const size_t n = errors.size();
  const SliceSpace& space = input.space;
  out.binary_errors = true;
  for (double e : errors) {
    if (e != 0.0 && e != 1.0) out.binary_errors = false;
  }
  for (double e : errors) {
    out.total.error_sum += e;
    out.total.error_sumsq += e * e;
    out.total.error_max = std::max(out.total.error_max, e);
  }
  out.total.size = n;
  if (n == 0 || out.total.error_sum <= 0) return out;

  const double dn = static_cast<double>(n);
  const double sigma = static_cast<double>(input.min_support);
  TopK top(&out.examined, static_cast<size_t>(input.top_k));
  // Level 1 and 2 statistics come from per-column and per-column-pair
  // contingency tables; deeper levels from bitsets, built on first use.
  const size_t num_columns = space.codes->size();
  std::vector<std::vector<SliceStats>> column_tables(num_columns);
  for (size_t c = 0; c < num_columns; ++c) {
    const size_t next_first = c + 1 < num_columns ? static_cast<size_t>(space.column_first[c + 1])
                                                  : space.num_predicates();
    column_tables[c].resize(next_first - static_cast<size_t>(space.column_first[c]));
    const ColumnCodes& codes = (*space.codes)[c];
    for (size_t i = 0; i < n; ++i) {
      if (codes[i] != kNoPredicate) Accumulate(&column_tables[c][codes[i]], errors[i]);
    }
  }
  std::map<std::pair<int32_t, int32_t>, std::vector<SliceStats>> pair_tables;
  auto pair_stats = [&](int32_t a, int32_t b) -> SliceStats {
    const int32_t ca = space.predicate_column[a], cb = space.predicate_column[b];
    const size_t width = column_tables[cb].size();
    auto [it, inserted] = pair_tables.try_emplace({ca, cb});
    if (inserted) {
      it->second.resize(column_tables[ca].size() * width);
      const ColumnCodes& x = (*space.codes)[ca];
      const ColumnCodes& y = (*space.codes)[cb];
      for (size_t i = 0; i < n; ++i) {
        if (x[i] != kNoPredicate && y[i] != kNoPredicate) {
          Accumulate(&it->second[x[i] * width + y[i]], errors[i]);
        }
      }
    }
    return it->second[static_cast<size_t>(a - space.column_first[ca]) * width +
                      static_cast<size_t>(b - space.column_first[cb])];
  };
  std::vector<Bitset> bitsets;
  Bitset error_bits;
  auto deep_stats = [&](const std::vector<int32_t>& preds) -> SliceStats {
    if (bitsets.empty()) {
      bitsets = BitsetsFromCodes(*space.codes, space.column_first, space.num_predicates());
      error_bits.assign(BitsetWords(n), 0);
      for (size_t i = 0; i < n; ++i) {
        if (errors[i] == 1.0) error_bits[i >> 6] |= uint64_t{1} << (i & 63);
      }
    }
    return EvaluateSlice(preds, bitsets, errors, out.binary_errors, &error_bits);
  };
  auto evaluate = [&](std::vector<int32_t> preds) -> std::optional<size_t> {
    SliceStats stats;
    if (preds.size() == 1) {
      const int32_t c = space.predicate_column[preds[0]];
      stats = column_tables[c][static_cast<size_t>(preds[0] - space.column_first[c])];
    } else if (preds.size() == 2) {
      stats = pair_stats(preds[0], preds[1]);
    } else {
      stats = deep_stats(preds);
    }
    if (stats.size < input.min_support || stats.size == 0) return std::nullopt;
    EvaluatedSlice slice;
    slice.predicates = std::move(preds);
    slice.stats = stats;
    slice.score = SliceScore(stats.error_sum, static_cast<double>(stats.size), out.total.error_sum,
                             dn, input.size_weight);
    out.examined.push_back(std::move(slice));
    const size_t idx = out.examined.size() - 1;
    top.Offer(idx);
    return idx;
  };

  // Level 1.
  std::vector<size_t> valid;  // indices into examined, lexicographic by predicates
  for (size_t p = 0; p < space.num_predicates(); ++p) {
    std::optional<size_t> idx = evaluate({static_cast<int32_t>(p)});
    if (idx) {
      out.levels = 1;
      if (out.examined[*idx].stats.error_sum > 0) valid.push_back(*idx);
    }
  }

  const int max_level = input.max_level;
  for (int level = 2; level <= max_level && valid.size() >= 2; ++level) {
    std::map<std::vector<int32_t>, size_t> valid_by_preds;
    for (size_t idx : valid) valid_by_preds.emplace(out.examined[idx].predicates, idx);
    std::vector<size_t> next;
    const size_t prefix_len = static_cast<size_t>(level - 2);
    // valid is in lexicographic order, so slices sharing a prefix are adjacent.
    for (size_t begin = 0; begin < valid.size();) {
      const std::vector<int32_t>& head = out.examined[valid[begin]].predicates;
      size_t end = begin + 1;
      while (end < valid.size() &&
             std::equal(head.begin(), head.begin() + static_cast<std::ptrdiff_t>(prefix_len),
                        out.examined[valid[end]].predicates.begin())) {
        ++end;
      }
      for (size_t i = begin; i < end; ++i) {
        for (size_t j = i + 1; j < end; ++j) {
          // Copies: `evaluate` may grow `examined` and move its elements.
          const std::vector<int32_t> pa = out.examined[valid[i]].predicates;
          const int32_t last_b = out.examined[valid[j]].predicates.back();
          if (space.predicate_column[pa.back()] == space.predicate_column[last_b]) continue;
          std::vector<int32_t> cand = pa;
          cand.push_back(last_b);
          double ss = static_cast<double>(
              std::min(out.examined[valid[i]].stats.size, out.examined[valid[j]].stats.size));
          double se = std::min(out.examined[valid[i]].stats.error_sum,
                               out.examined[valid[j]].stats.error_sum);
          double sm = std::min(out.examined[valid[i]].stats.error_max,
                               out.examined[valid[j]].stats.error_max);
          bool parents_ok = true;
          for (size_t drop = 0; drop < prefix_len && parents_ok; ++drop) {
            std::vector<int32_t> parent;
            for (size_t k = 0; k < cand.size(); ++k) {
              if (k != drop) parent.push_back(cand[k]);
            }
            auto it = valid_by_preds.find(parent);
            if (it == valid_by_preds.end()) {
              parents_ok = false;
              break;
            }
            const SliceStats& ps = out.examined[it->second].stats;
            ss = std::min(ss, static_cast<double>(ps.size));
            se = std::min(se, ps.error_sum);
            sm = std::min(sm, ps.error_max);
          }
          if (!parents_ok || ss < sigma) continue;
          const double ub =
              SliceScoreUpperBound(ss, se, sm, sigma, out.total.error_sum, dn, input.size_weight);
          if (!(ub > top.MinScore())) {
            ++out.pruned_by_bound;
            continue;
          }
          std::optional<size_t> idx = evaluate(std::move(cand));
          if (idx) {
            out.levels = level;
            if (out.examined[*idx].stats.error_sum > 0) next.push_back(*idx);
          }
        }
      }
      begin = end;
    }
    valid = std::move(next);
  }
  out.top = top.indices();
  return out;
}

}  // namespace airm::slices_internal
