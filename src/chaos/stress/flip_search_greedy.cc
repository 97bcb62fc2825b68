// Greedy combinations: several small changes may flip a decision more
// cheaply than any single feature can.
//
// Every row starts at its original cells. Each step proposes, for every
// mutable feature, moves from the current value by each budget's worth of
// cost (budget × scale / cost) up and down, and every other allowed
// category; all proposals of all rows are one batch. A row takes the
// cheapest proposal that flips it, else the one with the best score gain
// per unit of extra cost, else stops. Proposals that would cost more than
// the largest budget, or at least as much as the row's best single-feature
// flip, are never made. Costs are always measured from the original row.
// Finally changes a flip does not need are reverted, cheapest result first,
// as long as the row still flips.
#include <algorithm>
#include <cmath>
#include <set>

#include "flip_search.h"

namespace airm::chaos::manipulation::internal {
namespace {

struct State {
  std::vector<Cell> cells;
  double cost = 0;
  double score = 0;
  bool active = true;
  double bound = INFINITY;  // cost of the best known flip
};

double TotalCost(const std::vector<FeatureSpace>& spaces, const std::vector<Cell>& original,
                 const std::vector<Cell>& cells) {
  double total = 0;
  for (const FeatureSpace& s : spaces) total += s.CostOf(original[s.column], cells[s.column]);
  return total;
}

// The moves proposed for one row and feature.
std::vector<Cell> Moves(const FeatureSpace& s, const Cell& original, const Cell& current,
                        const std::vector<double>& budgets) {
  std::vector<Cell> out;
  if (s.kind == FeatureKind::kCategorical) {
    if (!std::holds_alternative<std::string>(original)) return out;
    for (const std::string& level : s.categories) {
      Cell c(level);
      if (c != current) out.push_back(std::move(c));
    }
    return out;
  }
  const double* x0 = std::get_if<double>(&original);
  const double* x = std::get_if<double>(&current);
  if (!x0 || !x || !std::isfinite(*x0)) return out;
  std::set<double> seen;
  for (double budget : budgets) {
    const double delta = budget * s.scale / (s.cost > 0 ? s.cost : 1.0);
    for (double sign : {-1.0, 1.0}) {
      const double v = s.Snap(*x + sign * delta);
      if (v == *x || !s.DirectionAllowed(*x0, v) || !seen.insert(v).second) continue;
      out.push_back(Cell(v));
    }
  }
  return out;
}

Status Prune(CandidateScorer& scorer, const std::vector<std::string>& columns,
             const std::vector<FeatureSpace>& spaces, const std::vector<SearchRow>& rows,
             const ManipulationOptions& options, std::vector<RowSearchResult>* out) {
  std::vector<std::vector<Cell>> bases(rows.size());
  for (size_t round = 0; round < spaces.size(); ++round) {
    std::vector<Candidate> reverts;
    for (size_t slot = 0; slot < rows.size(); ++slot) {
      const RowSearchResult& r = (*out)[slot];
      if (!r.found) continue;
      int changed = 0;
      for (const FeatureSpace& s : spaces)
        changed += r.cells[s.column] != rows[slot].cells[s.column];
      if (changed < 2) continue;
      bases[slot] = r.cells;
      for (size_t f = 0; f < spaces.size(); ++f) {
        const Cell& original = rows[slot].cells[spaces[f].column];
        if (r.cells[spaces[f].column] != original) reverts.push_back({slot, f, original});
      }
    }
    if (reverts.empty()) return Status::Ok();
    AIRM_ASSIGN_OR_RETURN(std::vector<double> scores,
                          ScoreCandidates(scorer, columns, spaces, bases, reverts, "pruning"));
    std::vector<std::optional<size_t>> best(rows.size());
    std::vector<double> best_cost(rows.size(), INFINITY);
    for (size_t i = 0; i < reverts.size(); ++i) {
      const size_t slot = reverts[i].slot;
      if (!Flips(scores[i], rows[slot].positive, options.decision_threshold)) continue;
      std::vector<Cell> cells = bases[slot];
      cells[spaces[reverts[i].feature].column] = reverts[i].value;
      const double cost = TotalCost(spaces, rows[slot].cells, cells);
      if (cost < best_cost[slot]) {
        best_cost[slot] = cost;
        best[slot] = i;
      }
    }
    bool improved = false;
    for (size_t slot = 0; slot < rows.size(); ++slot) {
      if (!best[slot]) continue;
      RowSearchResult& r = (*out)[slot];
      const Candidate& c = reverts[*best[slot]];
      r.cells[spaces[c.feature].column] = c.value;
      r.cost = best_cost[slot];
      r.score_after = scores[*best[slot]];
      improved = true;
    }
    if (!improved) return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Status GreedySearch(CandidateScorer& scorer, const std::vector<std::string>& columns,
                    const std::vector<FeatureSpace>& spaces, const std::vector<SearchRow>& rows,
                    const ManipulationOptions& options, std::vector<RowSearchResult>* out) {
  const double max_budget = options.budgets.back();
  const double threshold = options.decision_threshold;
  std::vector<State> states(rows.size());
  for (size_t slot = 0; slot < rows.size(); ++slot) {
    states[slot].cells = rows[slot].cells;
    states[slot].score = rows[slot].score;
    for (const std::optional<SingleFlip>& s : (*out)[slot].single) {
      if (s) states[slot].bound = std::min(states[slot].bound, s->cost);
    }
  }
  std::vector<std::vector<Cell>> bases(rows.size());
  for (int step = 0; step < options.greedy_max_steps; ++step) {
    std::vector<Candidate> moves;
    std::vector<double> move_cost;
    for (size_t slot = 0; slot < rows.size(); ++slot) {
      State& st = states[slot];
      if (!st.active) continue;
      bases[slot] = st.cells;
      for (size_t f = 0; f < spaces.size(); ++f) {
        const FeatureSpace& s = spaces[f];
        if (!s.is_mutable) continue;
        const Cell& original = rows[slot].cells[s.column];
        const Cell& current = st.cells[s.column];
        const double current_cost = s.CostOf(original, current);
        for (Cell& v : Moves(s, original, current, options.budgets)) {
          const double total = st.cost - current_cost + s.CostOf(original, v);
          if (total <= st.cost || total > max_budget || total >= st.bound) continue;
          moves.push_back({slot, f, std::move(v)});
          move_cost.push_back(total);
        }
      }
    }
    if (moves.empty()) break;
    AIRM_ASSIGN_OR_RETURN(std::vector<double> scores,
                          ScoreCandidates(scorer, columns, spaces, bases, moves, "greedy step"));
    // Per row: the cheapest flip, else the best gain per unit of extra cost.
    std::vector<std::optional<size_t>> flip(rows.size()), step_to(rows.size());
    std::vector<double> best_ratio(rows.size(), 0);
    for (size_t i = 0; i < moves.size(); ++i) {
      const size_t slot = moves[i].slot;
      const State& st = states[slot];
      if (Flips(scores[i], rows[slot].positive, threshold)) {
        if (!flip[slot] || move_cost[i] < move_cost[*flip[slot]]) flip[slot] = i;
        continue;
      }
      if (!std::isfinite(scores[i])) continue;
      const double ratio =
          Gain(st.score, scores[i], rows[slot].positive) / (move_cost[i] - st.cost);
      if (ratio > best_ratio[slot]) {
        best_ratio[slot] = ratio;
        step_to[slot] = i;
      }
    }
    for (size_t slot = 0; slot < rows.size(); ++slot) {
      State& st = states[slot];
      if (!st.active) continue;
      const std::optional<size_t> pick = flip[slot] ? flip[slot] : step_to[slot];
      if (!pick) {
        st.active = false;
        continue;
      }
      st.cells[spaces[moves[*pick].feature].column] = moves[*pick].value;
      st.cost = move_cost[*pick];
      st.score = scores[*pick];
      if (flip[slot]) {
        st.active = false;
        RowSearchResult& r = (*out)[slot];
        r.found = true;
        r.cells = st.cells;
        r.cost = st.cost;
        r.score_after = st.score;
      }
    }
  }
  return Prune(scorer, columns, spaces, rows, options, out);
}

}  // namespace airm::chaos::manipulation::internal
