// RunManipulationTest and CheckMonotonicity: options, row sampling, the
// search and the assembly of the result (flip rates per budget, cheapest
// flips, per-feature levers).
#include "airm/chaos/manipulation.h"

#include <algorithm>
#include <cmath>

#include "candidate_scorer.h"
#include "flip_search.h"
#include "manipulation_findings.h"
#include "manipulation_space.h"
#include "monotonicity.h"

namespace airm::chaos {
namespace {

using manipulation::FeatureSpace;

Status Bad(const std::string& option, const std::string& expected) {
  return Status::InvalidArgument("manipulation option " + option + ": expected " + expected);
}

Status CheckPool(const Batch& pool) {
  if (pool.rows.empty()) return Status::InvalidArgument("manipulation test: the pool is empty");
  for (size_t i = 0; i < pool.rows.size(); ++i) {
    if (pool.rows[i].size() != pool.columns.size()) {
      return Status::InvalidArgument("manipulation test: pool row " + std::to_string(i) + " has " +
                                     std::to_string(pool.rows[i].size()) + " cells; expected " +
                                     std::to_string(pool.columns.size()));
    }
  }
  return Status::Ok();
}

bool Eligible(FlipTarget target, bool positive) {
  switch (target) {
    case FlipTarget::kAny:
      return true;
    case FlipTarget::kToPositive:
      return !positive;
    case FlipTarget::kToNegative:
      return positive;
  }
  return true;
}

std::optional<double> Median(std::vector<double> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

void Summarize(const std::vector<FeatureSpace>& spaces,
               const std::vector<manipulation::SearchRow>& rows,
               const std::vector<manipulation::RowSearchResult>& found, ManipulationResult* r) {
  const auto rate = [&](int64_t n) -> std::optional<double> {
    if (r->rows_eligible == 0) return std::nullopt;
    return static_cast<double>(n) / static_cast<double>(r->rows_eligible);
  };
  for (double budget : r->options.budgets) {
    BudgetFlipRate b;
    b.budget = budget;
    for (const auto& f : found) b.flipped += f.found && f.cost <= budget;
    b.rate = rate(b.flipped);
    r->flip_rates.push_back(b);
  }
  for (size_t f = 0; f < spaces.size(); ++f) {
    if (!spaces[f].is_mutable) continue;
    FeatureFlipStats stats;
    stats.feature = spaces[f].name;
    std::vector<double> costs;
    for (const auto& row : found) {
      if (row.single[f]) costs.push_back(row.single[f]->cost);
    }
    stats.flips = static_cast<int64_t>(costs.size());
    stats.rate = rate(stats.flips);
    stats.median_cost = Median(std::move(costs));
    r->per_feature.push_back(std::move(stats));
  }
  std::stable_sort(
      r->per_feature.begin(), r->per_feature.end(),
      [](const FeatureFlipStats& a, const FeatureFlipStats& b) { return a.flips > b.flips; });

  std::vector<size_t> order;
  for (size_t i = 0; i < found.size(); ++i) {
    if (found[i].found) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (found[a].cost != found[b].cost) return found[a].cost < found[b].cost;
    return rows[a].pool_row < rows[b].pool_row;
  });
  const size_t keep = std::min(order.size(), static_cast<size_t>(r->options.max_examples));
  for (size_t k = 0; k < keep; ++k) {
    const auto& f = found[order[k]];
    const auto& row = rows[order[k]];
    FlipExample e;
    e.row = static_cast<int64_t>(row.pool_row);
    e.cost = f.cost;
    e.score_before = row.score;
    e.score_after = f.score_after;
    for (const FeatureSpace& s : spaces) {
      if (f.cells[s.column] == row.cells[s.column]) continue;
      e.changes.push_back({s.name, row.cells[s.column], f.cells[s.column],
                           s.CostOf(row.cells[s.column], f.cells[s.column])});
    }
    r->cheapest_flips.push_back(std::move(e));
  }
}

// Every entry point's first steps: the options and the pool checked, then
// each feature's space built from the constraints.
Result<std::vector<FeatureSpace>> CheckedFeatureSpaces(const Batch& pool,
                                                       const Constraints& constraints,
                                                       const ManipulationOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_RETURN_IF_ERROR(CheckPool(pool));
  return manipulation::BuildFeatureSpaces(pool, constraints);
}

// The first `n` rows of a sample in permutation order, in row order.
std::vector<size_t> SortedPrefix(const std::vector<size_t>& order, int n) {
  std::vector<size_t> rows(order.begin(),
                           order.begin() + std::min<size_t>(order.size(), static_cast<size_t>(n)));
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

const char* FlipTargetName(FlipTarget t) {
  switch (t) {
    case FlipTarget::kAny:
      return "any";
    case FlipTarget::kToPositive:
      return "to_positive";
    case FlipTarget::kToNegative:
      return "to_negative";
  }
  return "any";
}

Status ManipulationOptions::Validate() const {
  if (!std::isfinite(decision_threshold)) return Bad("decision_threshold", "a finite number");
  if (sample_rows < 1) return Bad("sample_rows", "an integer >= 1");
  if (budgets.empty()) return Bad("budgets", "at least one budget");
  for (size_t i = 0; i < budgets.size(); ++i) {
    if (!std::isfinite(budgets[i]) || budgets[i] < 0 || (i > 0 && budgets[i] <= budgets[i - 1])) {
      return Bad("budgets", "finite, non-negative, strictly increasing costs");
    }
  }
  if (budgets.back() <= 0) return Bad("budgets", "a largest budget > 0");
  if (grid_points < 2 || grid_points > 1000) return Bad("grid_points", "an integer in [2, 1000]");
  if (bisection_steps < 0 || bisection_steps > 60) {
    return Bad("bisection_steps", "an integer in [0, 60]");
  }
  if (greedy_max_steps < 0 || greedy_max_steps > 100) {
    return Bad("greedy_max_steps", "an integer in [0, 100]");
  }
  if (max_examples < 0) return Bad("max_examples", "an integer >= 0");
  if (max_categories < 1 || max_categories > 1'000'000) {
    return Bad("max_categories", "an integer in [1, 1000000]");
  }
  if (monotone_rows < 1) return Bad("monotone_rows", "an integer >= 1");
  if (monotone_grid_points < 2 || monotone_grid_points > 1000) {
    return Bad("monotone_grid_points", "an integer in [2, 1000]");
  }
  if (!std::isfinite(monotone_tolerance) || monotone_tolerance < 0) {
    return Bad("monotone_tolerance", "a finite number >= 0");
  }
  if (std::find(budgets.begin(), budgets.end(), finding_budget) == budgets.end()) {
    return Bad("finding_budget", "one of the budgets");
  }
  if (!(flip_rate_warn >= 0 && flip_rate_warn <= 1))
    return Bad("flip_rate_warn", "a share in [0, 1]");
  return Status::Ok();
}

Result<ManipulationResult> RunManipulationTest(ModelAdapter& adapter, const Batch& pool,
                                               const Constraints& constraints,
                                               const ManipulationOptions& options) {
  AIRM_ASSIGN_OR_RETURN(std::vector<FeatureSpace> spaces,
                        CheckedFeatureSpaces(pool, constraints, options));
  AIRM_RETURN_IF_ERROR(
      manipulation::CheckCategoryCounts(spaces, constraints, options.max_categories));
  ManipulationResult r;
  r.target = adapter.Describe();
  r.options = options;
  r.constraints_source = constraints.source;
  r.pool_rows = static_cast<int64_t>(pool.rows.size());
  for (const FeatureSpace& s : spaces) {
    (s.is_mutable ? r.mutable_features : r.immutable_features).push_back(s.name);
  }

  // The sample in permutation order: its first monotone_rows rows are the
  // monotonicity check's, the first sample_rows the search's.
  const std::vector<size_t> order = manipulation::SampleRows(
      pool.rows.size(), std::max(options.sample_rows, options.monotone_rows), options.seed);
  const std::vector<size_t> sample = SortedPrefix(order, options.sample_rows);
  r.rows_sampled = static_cast<int64_t>(sample.size());

  manipulation::CandidateScorer scorer(adapter);
  Batch originals;
  originals.columns = pool.columns;
  for (size_t row : sample) originals.rows.push_back(pool.rows[row]);
  AIRM_ASSIGN_OR_RETURN(std::vector<double> scores, scorer.Score(originals, "original rows"));
  std::vector<manipulation::SearchRow> rows;
  for (size_t i = 0; i < sample.size(); ++i) {
    if (!std::isfinite(scores[i])) {
      ++r.rows_unscorable;
      continue;
    }
    const bool positive = manipulation::IsPositive(scores[i], options.decision_threshold);
    if (!Eligible(options.target, positive)) continue;
    rows.push_back({sample[i], pool.rows[sample[i]], scores[i], positive});
  }
  r.rows_eligible = static_cast<int64_t>(rows.size());

  manipulation::SearchStats stats;
  AIRM_ASSIGN_OR_RETURN(
      std::vector<manipulation::RowSearchResult> found,
      manipulation::SearchFlips(scorer, pool.columns, spaces, rows, options, &stats));
  r.flips_unconfirmed = stats.unconfirmed;
  Summarize(spaces, rows, found, &r);

  const std::vector<size_t> monotone_rows = SortedPrefix(order, options.monotone_rows);
  AIRM_ASSIGN_OR_RETURN(r.monotonicity, manipulation::CheckMonotoneFeatures(
                                            scorer, pool, spaces, monotone_rows, options));
  r.rows_scored = scorer.rows_scored();
  r.model_calls = scorer.calls();
  r.findings = manipulation::ManipulationFindings(r);
  return r;
}

Result<std::vector<MonotonicityCheck>> CheckMonotonicity(ModelAdapter& adapter, const Batch& pool,
                                                         const Constraints& constraints,
                                                         const ManipulationOptions& options) {
  AIRM_ASSIGN_OR_RETURN(std::vector<FeatureSpace> spaces,
                        CheckedFeatureSpaces(pool, constraints, options));
  std::vector<size_t> rows = manipulation::SampleRows(
      pool.rows.size(), static_cast<size_t>(options.monotone_rows), options.seed);
  std::sort(rows.begin(), rows.end());
  manipulation::CandidateScorer scorer(adapter);
  return manipulation::CheckMonotoneFeatures(scorer, pool, spaces, rows, options);
}

}  // namespace airm::chaos
