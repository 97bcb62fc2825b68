// The SliceLine lattice: score formula, bound soundness and exactness of the
// pruned top-K against brute-force enumeration.
#include "lattice_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <tuple>

#include "slice_test_util.h"

namespace airm::slices_internal {
namespace {

using airm::testing::Rng;

// Random rows over `cards` columns (column c has cards[c] values); the
// predicate id of (column c, value v) is offset[c] + v.
struct Lattice {
  std::vector<Bitset> bitsets;     // the brute force evaluates through these
  std::vector<ColumnCodes> codes;  // the lattice through these
  std::vector<int32_t> predicate_column;
  std::vector<int32_t> column_first;
  std::vector<std::vector<int32_t>> row_preds;  // per row, its predicate in each column
  SliceSpace Space() const { return SliceSpace{&codes, predicate_column, column_first}; }
};

Lattice RandomLattice(size_t n, const std::vector<int>& cards, Rng* rng) {
  Lattice l;
  std::vector<int32_t> offset;
  for (size_t c = 0; c < cards.size(); ++c) {
    offset.push_back(static_cast<int32_t>(l.predicate_column.size()));
    l.column_first.push_back(offset.back());
    l.codes.emplace_back(n, kNoPredicate);
    for (int v = 0; v < cards[c]; ++v) l.predicate_column.push_back(static_cast<int32_t>(c));
  }
  l.bitsets.assign(l.predicate_column.size(), Bitset(BitsetWords(n), 0));
  for (size_t i = 0; i < n; ++i) {
    std::vector<int32_t> preds;
    for (size_t c = 0; c < cards.size(); ++c) {
      const int32_t p = offset[c] + static_cast<int32_t>(rng->Below(static_cast<size_t>(cards[c])));
      l.bitsets[p][i >> 6] |= uint64_t{1} << (i & 63);
      l.codes[c][i] = static_cast<uint8_t>(p - offset[c]);
      preds.push_back(p);
    }
    l.row_preds.push_back(preds);
  }
  return l;
}

// Error probability depends on the row's predicates so that scores vary.
std::vector<double> RandomErrors(const Lattice& l, bool binary, Rng* rng) {
  std::vector<double> e;
  for (const auto& preds : l.row_preds) {
    double p = 0.05 + 0.03 * (preds[0] % 3) + ((preds[0] == 0 && preds[1] % 2 == 0) ? 0.3 : 0.0);
    if (binary) {
      e.push_back(rng->Uniform() < p ? 1.0 : 0.0);
    } else {
      e.push_back(p * 4 * rng->Uniform() * rng->Uniform());
    }
  }
  return e;
}

using Key = std::tuple<double, uint64_t, std::vector<int32_t>>;

// Every slice of up to max_level predicates on distinct columns, scored
// without any pruning; the top-K by (score desc, size desc, ids asc).
std::vector<Key> BruteForceTop(const Lattice& l, std::span<const double> errors, uint64_t sigma,
                               double weight, int max_level, int k) {
  double total = 0;
  for (double e : errors) total += e;
  const double n = static_cast<double>(errors.size());
  std::vector<Key> all;
  const int32_t preds = static_cast<int32_t>(l.predicate_column.size());
  std::vector<std::vector<int32_t>> frontier;
  for (int32_t p = 0; p < preds; ++p) frontier.push_back({p});
  for (int level = 1; level <= max_level; ++level) {
    std::vector<std::vector<int32_t>> next;
    for (const auto& s : frontier) {
      SliceStats st = EvaluateSlice(s, l.bitsets, errors, false, nullptr);
      if (st.size >= sigma && st.size > 0 && st.error_sum > 0) {
        const double sc = SliceScore(st.error_sum, static_cast<double>(st.size), total, n, weight);
        if (sc > 0) all.emplace_back(-sc, ~st.size, s);  // sort ascending = best first
      }
      for (int32_t p = s.back() + 1; p < preds; ++p) {
        bool distinct = true;
        for (int32_t q : s) distinct = distinct && l.predicate_column[q] != l.predicate_column[p];
        if (!distinct) continue;
        auto c = s;
        c.push_back(p);
        next.push_back(c);
      }
    }
    frontier = std::move(next);
  }
  std::sort(all.begin(), all.end());
  if (all.size() > static_cast<size_t>(k)) all.resize(static_cast<size_t>(k));
  return all;
}

TEST(SliceScoreTest, MatchesSliceLineFormulaByHand) {
  // 0.95 (0.3 / 0.08 - 1) - 0.05 (1000 / 100 - 1) = 2.6125 - 0.45
  EXPECT_NEAR(SliceScore(30, 100, 80, 1000, 0.95), 2.1625, 1e-12);
  // The full data scores 0 whatever the weight.
  EXPECT_NEAR(SliceScore(80, 1000, 80, 1000, 0.5), 0.0, 1e-15);
}

TEST(SliceScoreTest, UpperBoundIsNeverBelowAChildScore) {
  Rng rng(7);
  for (int trial = 0; trial < 20; ++trial) {
    Lattice l = RandomLattice(2000, {3, 4, 5}, &rng);
    std::vector<double> e = RandomErrors(l, trial % 2 == 0, &rng);
    double total = 0;
    for (double x : e) total += x;
    for (int32_t a = 0; a < 3; ++a) {
      for (int32_t b = 3; b < 7; ++b) {
        const SliceStats pa = EvaluateSlice(std::vector<int32_t>{a}, l.bitsets, e, false, nullptr);
        const SliceStats pb = EvaluateSlice(std::vector<int32_t>{b}, l.bitsets, e, false, nullptr);
        const SliceStats c =
            EvaluateSlice(std::vector<int32_t>{a, b}, l.bitsets, e, false, nullptr);
        const double sigma = 10;
        if (c.size < sigma) continue;
        const double ub = SliceScoreUpperBound(
            static_cast<double>(std::min(pa.size, pb.size)), std::min(pa.error_sum, pb.error_sum),
            std::min(pa.error_max, pb.error_max), sigma, total, 2000, 0.9);
        EXPECT_GE(ub + 1e-12,
                  SliceScore(c.error_sum, static_cast<double>(c.size), total, 2000, 0.9));
      }
    }
  }
}

class LatticeExactnessTest : public ::testing::TestWithParam<std::tuple<bool, int, int>> {};

TEST_P(LatticeExactnessTest, PrunedTopKEqualsBruteForce) {
  const auto [binary, max_level, k] = GetParam();
  Rng rng(1234 + static_cast<uint64_t>(max_level * 10 + k));
  Lattice l = RandomLattice(3000, {3, 4, 2, 5}, &rng);
  std::vector<double> e = RandomErrors(l, binary, &rng);
  LatticeInput in;
  in.errors = e;
  in.space = l.Space();
  in.min_support = 40;
  in.size_weight = 0.9;
  in.max_level = max_level;
  in.top_k = k;
  const LatticeOutput out = RunLattice(in);
  EXPECT_EQ(out.binary_errors, binary);
  const std::vector<Key> expected = BruteForceTop(l, e, 40, 0.9, max_level, k);
  ASSERT_EQ(out.top.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const EvaluatedSlice& s = out.examined[out.top[i]];
    EXPECT_EQ(s.predicates, std::get<2>(expected[i])) << "rank " << i;
    EXPECT_NEAR(s.score, -std::get<0>(expected[i]), 1e-9);
  }
  for (const EvaluatedSlice& s : out.examined) {
    EXPECT_GE(s.stats.size, 40u);
    for (size_t a = 0; a < s.predicates.size(); ++a) {
      for (size_t b = a + 1; b < s.predicates.size(); ++b) {
        EXPECT_NE(l.predicate_column[s.predicates[a]], l.predicate_column[s.predicates[b]]);
      }
    }
  }
}

TEST(LatticeTest, BoundPrunesWhenOneSliceDominates) {
  Rng rng(77);
  Lattice l = RandomLattice(4000, {3, 4, 2, 5}, &rng);
  std::vector<double> e;
  for (const auto& preds : l.row_preds) {
    e.push_back(rng.Uniform() < (preds[0] == 0 && preds[1] == 3 ? 0.9 : 0.01) ? 1.0 : 0.0);
  }
  LatticeInput in;
  in.errors = e;
  in.space = l.Space();
  in.min_support = 40;
  in.size_weight = 0.9;
  in.max_level = 3;
  in.top_k = 1;
  const LatticeOutput out = RunLattice(in);
  EXPECT_GT(out.pruned_by_bound, 0u);
  ASSERT_EQ(out.top.size(), 1u);
  const std::vector<Key> expected = BruteForceTop(l, e, 40, 0.9, 3, 1);
  EXPECT_EQ(out.examined[out.top[0]].predicates, std::get<2>(expected[0]));
}

INSTANTIATE_TEST_SUITE_P(Levels, LatticeExactnessTest,
                         ::testing::Combine(::testing::Bool(), ::testing::Values(1, 2, 3),
                                            ::testing::Values(1, 3, 10)));

TEST(LatticeTest, NoErrorsExaminesNothing) {
  Rng rng(3);
  Lattice l = RandomLattice(500, {2, 3}, &rng);
  std::vector<double> e(500, 0.0);
  LatticeInput in;
  in.errors = e;
  in.space = l.Space();
  in.min_support = 10;
  const LatticeOutput out = RunLattice(in);
  EXPECT_TRUE(out.examined.empty());
  EXPECT_TRUE(out.top.empty());
}

TEST(LatticeTest, SlicePositionsMatchEvaluateSlice) {
  Rng rng(5);
  Lattice l = RandomLattice(777, {3, 3}, &rng);
  std::vector<double> e(777, 1.0);
  const std::vector<int32_t> s = {1, 4};
  const auto pos = SlicePositions(s, l.Space());
  const SliceStats st = EvaluateSlice(s, l.bitsets, e, false, nullptr);
  EXPECT_EQ(pos.size(), st.size);
  EXPECT_EQ(SliceStatsFromCodes(s, l.Space(), e).size, st.size);
  EXPECT_EQ(BitsetsFromCodes(l.codes, l.column_first, l.predicate_column.size()), l.bitsets);
  for (uint32_t p : pos) {
    EXPECT_EQ(l.row_preds[p][0], 1);
    EXPECT_EQ(l.row_preds[p][1], 4);
  }
}

}  // namespace
}  // namespace airm::slices_internal
