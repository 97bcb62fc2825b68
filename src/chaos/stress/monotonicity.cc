// Monotonicity: for each sampled row, the score along a grid over the
// feature's allowed range (other features fixed). For a declared increasing
// direction the violation of a row is its largest drop
// max_{a < b} s(x_a) - s(x_b) (the running maximum minus the current score);
// for decreasing, the largest rise. A row violates when that exceeds the
// tolerance. Non-finite scores are skipped.
#include "monotonicity.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

namespace airm::chaos::manipulation {
namespace {

std::vector<double> MonotoneGrid(const FeatureSpace& s, int points) {
  std::vector<double> out;
  for (int g = 0; g < points; ++g) {
    double v = s.lo + (s.hi - s.lo) * g / (points - 1);
    if (s.integer) v = std::round(v);
    v = std::clamp(v, s.lo, s.hi);
    if (out.empty() || v > out.back()) out.push_back(v);
  }
  return out;
}

}  // namespace

std::vector<size_t> SampleRows(size_t n, size_t count, uint64_t seed) {
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 rng(seed);
  std::shuffle(order.begin(), order.end(), rng);
  order.resize(std::min(n, count));
  return order;
}

Result<std::vector<MonotonicityCheck>> CheckMonotoneFeatures(
    CandidateScorer& scorer, const Batch& pool, const std::vector<FeatureSpace>& spaces,
    const std::vector<size_t>& rows, const ManipulationOptions& options) {
  std::vector<MonotonicityCheck> checks;
  std::vector<std::vector<double>> grids;
  Batch batch;
  batch.columns = pool.columns;
  for (const FeatureSpace& s : spaces) {
    if (!s.monotone || s.kind != FeatureKind::kNumeric) continue;
    MonotonicityCheck check;
    check.feature = s.name;
    check.declared = *s.monotone;
    check.grid_lo = s.lo;
    check.grid_hi = s.hi;
    grids.push_back(MonotoneGrid(s, options.monotone_grid_points));
    for (size_t row : rows) {
      for (double x : grids.back()) {
        batch.rows.push_back(pool.rows[row]);
        batch.rows.back()[s.column] = Cell(x);
      }
    }
    checks.push_back(std::move(check));
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<double> scores, scorer.Score(batch, "monotonicity grid"));

  size_t at = 0;
  for (size_t c = 0; c < checks.size(); ++c) {
    MonotonicityCheck& check = checks[c];
    const std::vector<double>& grid = grids[c];
    const bool increasing = check.declared == MonotoneDirection::kIncreasing;
    for (size_t row : rows) {
      const double* s = &scores[at];
      at += grid.size();
      std::optional<size_t> extreme;  // running max (increasing) / min (decreasing) so far
      double worst = 0;
      size_t worst_from = 0, worst_to = 0;
      for (size_t k = 0; k < grid.size(); ++k) {
        if (!std::isfinite(s[k])) continue;
        if (extreme) {
          const double against = increasing ? s[*extreme] - s[k] : s[k] - s[*extreme];
          if (against > worst) {
            worst = against;
            worst_from = *extreme;
            worst_to = k;
          }
        }
        if (!extreme || (increasing ? s[k] > s[*extreme] : s[k] < s[*extreme])) extreme = k;
      }
      ++check.rows_checked;
      if (worst > options.monotone_tolerance) ++check.rows_violating;
      if (worst > check.max_violation) {
        check.max_violation = worst;
        check.worst_row = static_cast<int64_t>(row);
        check.worst_x_from = grid[worst_from];
        check.worst_x_to = grid[worst_to];
        check.worst_score_from = s[worst_from];
        check.worst_score_to = s[worst_to];
      }
    }
    if (check.rows_checked > 0) {
      check.violation_share = static_cast<double>(check.rows_violating) / check.rows_checked;
    }
  }
  return checks;
}

}  // namespace airm::chaos::manipulation
