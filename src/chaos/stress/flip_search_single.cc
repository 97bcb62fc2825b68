// Single-feature scan: for every row and mutable feature, the smallest
// change of that feature alone that flips the decision.
//
// Numeric features: a grid of grid_points values over the part of the
// allowed range the largest budget can reach from the row's value
// ([x - reach, x + reach] ∩ [lo, hi], reach = budget × scale / cost, and
// only one side when `change` says so). On each side of x, the flipping grid
// value nearest to x and the grid value (or x) just before it bracket a
// decision boundary; bisection narrows the bracket for bisection_steps
// steps, all brackets of a step in one batch. The result is the flipping
// end of the bracket: a flip that really flips, at most one bisection step
// from the boundary (a boundary closer than one grid step that the grid
// missed is missed: the search is approximate).
// Categorical features: every allowed value; all cost the same, and the one
// that moves the score furthest past the threshold is kept.
#include <algorithm>
#include <cmath>

#include "flip_search.h"

namespace airm::chaos::manipulation::internal {
namespace {

struct Bracket {
  size_t slot = 0;
  size_t feature = 0;
  double inside = 0;   // does not flip (x itself or a grid value)
  double flipped = 0;  // flips
  double score = 0;    // at `flipped`
};

bool Converged(const FeatureSpace& s, const Bracket& b) {
  const double width = std::fabs(b.flipped - b.inside);
  if (s.integer) return width <= 1;
  return width <= 1e-9 * std::max(1.0, std::fabs(b.flipped));
}

// Grid values for a numeric feature of value x, ascending, without x.
std::vector<double> GridFor(const FeatureSpace& s, double x, double max_budget, int points) {
  const double reach = s.cost > 0 ? max_budget * s.scale / s.cost : INFINITY;
  double lo = std::max(s.lo, x - reach);
  double hi = std::min(s.hi, x + reach);
  if (s.change == ChangeDirection::kIncrease) lo = std::max(lo, x);
  if (s.change == ChangeDirection::kDecrease) hi = std::min(hi, x);
  if (s.integer) {
    lo = std::ceil(lo);
    hi = std::floor(hi);
  }
  std::vector<double> out;
  if (!(lo <= hi)) return out;
  for (int g = 0; g < points; ++g) {
    double v = points == 1 ? lo : lo + (hi - lo) * g / (points - 1);
    if (s.integer) v = std::round(v);
    v = std::clamp(v, lo, hi);
    if (v == x || (!out.empty() && v <= out.back())) continue;
    out.push_back(v);
  }
  return out;
}

// Keeps a flip if it is the row's cheapest for this feature. The grid's
// reach is computed in floating point, so an end point can cost the largest
// budget plus a rounding error: such a flip is out of budget and dropped.
void Keep(const FeatureSpace& s, size_t slot, size_t feature, const Cell& from, Cell value,
          double score, double max_budget, std::vector<RowSearchResult>* out) {
  const double cost = s.CostOf(from, value);
  if (!(cost <= max_budget)) return;
  std::optional<SingleFlip>& best = (*out)[slot].single[feature];
  if (!best || cost < best->cost) best = SingleFlip{std::move(value), cost, score};
}

}  // namespace

Status SingleFeatureScan(CandidateScorer& scorer, const std::vector<std::string>& columns,
                         const std::vector<FeatureSpace>& spaces,
                         const std::vector<SearchRow>& rows, const ManipulationOptions& options,
                         std::vector<RowSearchResult>* out) {
  const double max_budget = options.budgets.back();
  const double threshold = options.decision_threshold;
  std::vector<std::vector<Cell>> bases;
  bases.reserve(rows.size());
  for (const SearchRow& r : rows) bases.push_back(r.cells);

  // 1. The grid and the categories, scored together (in chunks). Candidates of one (row,
  // feature) are contiguous and, for numbers, ascending.
  std::vector<Candidate> grid;
  for (size_t slot = 0; slot < rows.size(); ++slot) {
    for (size_t f = 0; f < spaces.size(); ++f) {
      const FeatureSpace& s = spaces[f];
      if (!s.is_mutable) continue;
      const Cell& x = rows[slot].cells[s.column];
      if (s.kind == FeatureKind::kNumeric) {
        const double* v = std::get_if<double>(&x);
        if (!v || !std::isfinite(*v)) continue;  // missing values are left alone
        for (double g : GridFor(s, *v, max_budget, options.grid_points)) {
          grid.push_back({slot, f, Cell(g)});
        }
      } else {
        if (!std::holds_alternative<std::string>(x)) continue;
        for (const std::string& level : s.categories) {
          Cell c(level);
          if (c != x && s.CostOf(x, c) <= max_budget) grid.push_back({slot, f, std::move(c)});
        }
      }
    }
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<double> scores, ScoreCandidates(scorer, columns, spaces, bases,
                                                                    grid, "single-feature grid"));

  // 2. Brackets of numeric boundaries; best categorical flips.
  std::vector<Bracket> brackets;
  for (size_t begin = 0; begin < grid.size();) {
    size_t end = begin;
    while (end < grid.size() && grid[end].slot == grid[begin].slot &&
           grid[end].feature == grid[begin].feature) {
      ++end;
    }
    const size_t slot = grid[begin].slot;
    const size_t f = grid[begin].feature;
    const FeatureSpace& s = spaces[f];
    const bool positive = rows[slot].positive;
    const Cell& x = rows[slot].cells[s.column];
    if (s.kind == FeatureKind::kCategorical) {
      std::optional<size_t> best;
      for (size_t i = begin; i < end; ++i) {
        if (!Flips(scores[i], positive, threshold)) continue;
        if (!best || Gain(scores[*best], scores[i], positive) > 0) best = i;
      }
      if (best) Keep(s, slot, f, x, grid[*best].value, scores[*best], max_budget, out);
    } else {
      const double xv = std::get<double>(x);
      // Below x: the flipping value nearest x, scanning downwards from x.
      double inside = xv;
      for (size_t i = end; i-- > begin;) {
        const double v = std::get<double>(grid[i].value);
        if (v > xv) continue;
        if (Flips(scores[i], positive, threshold)) {
          brackets.push_back({slot, f, inside, v, scores[i]});
          break;
        }
        inside = v;
      }
      inside = xv;
      for (size_t i = begin; i < end; ++i) {
        const double v = std::get<double>(grid[i].value);
        if (v < xv) continue;
        if (Flips(scores[i], positive, threshold)) {
          brackets.push_back({slot, f, inside, v, scores[i]});
          break;
        }
        inside = v;
      }
    }
    begin = end;
  }

  // 3. Bisection, one batch per step over every open bracket.
  for (int step = 0; step < options.bisection_steps; ++step) {
    std::vector<Candidate> mids;
    std::vector<size_t> open;
    for (size_t b = 0; b < brackets.size(); ++b) {
      const FeatureSpace& s = spaces[brackets[b].feature];
      if (Converged(s, brackets[b])) continue;
      double mid = 0.5 * (brackets[b].inside + brackets[b].flipped);
      if (s.integer) mid = std::round(mid);
      if (mid == brackets[b].inside || mid == brackets[b].flipped) continue;
      mids.push_back({brackets[b].slot, brackets[b].feature, Cell(mid)});
      open.push_back(b);
    }
    if (mids.empty()) break;
    AIRM_ASSIGN_OR_RETURN(std::vector<double> mid_scores,
                          ScoreCandidates(scorer, columns, spaces, bases, mids, "bisection"));
    for (size_t i = 0; i < open.size(); ++i) {
      Bracket& b = brackets[open[i]];
      const double mid = std::get<double>(mids[i].value);
      if (Flips(mid_scores[i], rows[b.slot].positive, threshold)) {
        b.flipped = mid;
        b.score = mid_scores[i];
      } else {
        b.inside = mid;
      }
    }
  }
  for (const Bracket& b : brackets) {
    const FeatureSpace& s = spaces[b.feature];
    Keep(s, b.slot, b.feature, rows[b.slot].cells[s.column], Cell(b.flipped), b.score, max_budget,
         out);
  }
  return Status::Ok();
}

}  // namespace airm::chaos::manipulation::internal
