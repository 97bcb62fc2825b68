// FindWeakSlices: validate, split (optionally), build predicates, run the
// SliceLine lattice, test every examined slice, control the FDR, confirm on
// the holdout half, and attach metrics to the reported slices.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>

#include "airm/metrics.h"
#include "airm/slices.h"
#include "airm/splitmix64.h"
#include "airm/stats/multiple_testing.h"
#include "lattice_search.h"
#include "predicate_index.h"
#include "slice_significance.h"
#include "worst_slice.h"

namespace airm {

namespace {

using slices_internal::ColumnCodes;
using slices_internal::SliceStats;

// Rows ordered by a seeded hash; the first ceil(n/2) search, the rest hold
// out. Both halves are returned in ascending row order.
void SplitRows(size_t n, uint64_t seed, std::vector<uint32_t>* search,
               std::vector<uint32_t>* holdout) {
  std::vector<std::pair<uint64_t, uint32_t>> keyed(n);
  const uint64_t salt = SplitMix64Hash(seed);
  for (size_t i = 0; i < n; ++i) {
    keyed[i] = {SplitMix64Hash(salt ^ SplitMix64Hash(i)), static_cast<uint32_t>(i)};
  }
  std::sort(keyed.begin(), keyed.end());
  const size_t half = (n + 1) / 2;
  for (size_t i = 0; i < n; ++i) (i < half ? search : holdout)->push_back(keyed[i].second);
  std::sort(search->begin(), search->end());
  std::sort(holdout->begin(), holdout->end());
}

Status ValidateOptions(const SliceSearchOptions& o) {
  auto bad = [](const std::string& what) {
    return Status::InvalidArgument("slice search: " + what);
  };
  if (o.max_predicates < 0) return bad("max_predicates must be >= 0 (0 = no limit)");
  if (o.top_k < 1) return bad("top_k must be >= 1");
  if (!(o.alpha > 0 && o.alpha < 1)) return bad("alpha must be in (0, 1)");
  if (o.numeric_bins < 2) return bad("numeric_bins must be >= 2");
  if (!(o.size_weight > 0 && o.size_weight <= 1)) return bad("size_weight must be in (0, 1]");
  if (o.max_columns < 1) return bad("max_columns must be >= 1");
  if (o.max_values_per_column < 1 ||
      o.max_values_per_column >= slices_internal::kMaxPredicatesPerColumn) {
    return bad("max_values_per_column must be in [1, 254]");
  }
  if (o.numeric_bins >= slices_internal::kMaxPredicatesPerColumn) {
    return bad("numeric_bins must be <= 254");
  }
  if (o.metric_bootstrap < 0) return bad("metric_bootstrap must be >= 0");
  return Status::Ok();
}

SliceStats TotalStats(std::span<const double> errors) {
  SliceStats t;
  t.size = errors.size();
  for (double e : errors) {
    t.error_sum += e;
    t.error_sumsq += e * e;
    t.error_max = std::max(t.error_max, e);
  }
  return t;
}

std::vector<uint32_t> MapPositions(const std::vector<uint32_t>& positions,
                                   const std::vector<uint32_t>& rows) {
  std::vector<uint32_t> out;
  out.reserve(positions.size());
  for (uint32_t p : positions) out.push_back(rows[p]);
  return out;
}

}  // namespace

// Declared in eval_result.h; defined here because slices own predicates.
std::string Predicate::ToString() const {
  if (op == "is_missing") return column + " is missing";
  return column + " " + op + " " + value;
}

std::string DescribeSlice(const std::vector<Predicate>& predicates) {
  std::string out;
  for (const Predicate& p : predicates) {
    if (!out.empty()) out += " & ";
    out += p.ToString();
  }
  return out;
}

Result<SliceSearchReport> SearchWeakSlices(const Table& table, const EvalData& data,
                                           std::span<const double> errors,
                                           const std::vector<std::string>& columns,
                                           const SliceSearchOptions& options) {
  AIRM_RETURN_IF_ERROR(ValidateOptions(options));
  const size_t n = data.size();
  if (errors.size() != n) {
    return Status::InvalidArgument("slice search: " + std::to_string(errors.size()) +
                                   " errors for " + std::to_string(n) + " rows");
  }
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(errors[i]) || errors[i] < 0) {
      return Status::InvalidArgument("slice search: error of row " + std::to_string(i) +
                                     " is negative or not finite");
    }
    if (data.source_rows[i] >= table.num_rows()) {
      return Status::InvalidArgument("slice search: source row " +
                                     std::to_string(data.source_rows[i]) + " is outside the table");
    }
  }
  if (columns.empty()) return Status::InvalidArgument("slice search: no columns to slice on");

  SliceSearchReport report;
  std::vector<std::string> cols;
  std::set<std::string> seen;
  for (const std::string& c : columns) {
    if (seen.insert(c).second) cols.push_back(c);
  }
  if (cols.size() > static_cast<size_t>(options.max_columns)) {
    report.notes.push_back("only the first " + std::to_string(options.max_columns) + " of " +
                           std::to_string(cols.size()) + " columns are sliced (max_columns)");
    cols.resize(static_cast<size_t>(options.max_columns));
  }

  std::vector<uint32_t> search_rows, holdout_rows;
  if (options.confirm_holdout) {
    SplitRows(n, options.seed, &search_rows, &holdout_rows);
  } else {
    search_rows.resize(n);
    std::iota(search_rows.begin(), search_rows.end(), 0u);
  }
  report.rows_searched = search_rows.size();
  report.rows_holdout = holdout_rows.size();
  report.min_support =
      options.min_support > 0
          ? options.min_support
          : std::max<uint64_t>(30, static_cast<uint64_t>(std::ceil(0.01 * search_rows.size())));

  AIRM_ASSIGN_OR_RETURN(
      slices_internal::PredicateIndex index,
      slices_internal::BuildPredicateIndex(table, data.source_rows, cols, options.numeric_bins,
                                           options.max_values_per_column, report.min_support));
  for (std::string& note : index.notes) report.notes.push_back(std::move(note));
  report.predicates = index.predicates.size();

  std::vector<double> search_errors;
  std::vector<uint32_t> search_table_rows;
  search_errors.reserve(search_rows.size());
  for (uint32_t r : search_rows) {
    search_errors.push_back(errors[r]);
    search_table_rows.push_back(data.source_rows[r]);
  }
  const std::vector<ColumnCodes> codes =
      slices_internal::BuildCodes(table, index, search_table_rows);
  const slices_internal::SliceSpace space{&codes, index.predicate_column, index.column_first};

  slices_internal::LatticeInput input;
  input.errors = search_errors;
  input.space = space;
  input.min_support = report.min_support;
  input.size_weight = options.size_weight;
  input.max_level =
      options.max_predicates == 0 ? static_cast<int>(cols.size()) : options.max_predicates;
  input.top_k = options.top_k;
  const slices_internal::LatticeOutput lattice = slices_internal::RunLattice(input);
  report.loss_kind = lattice.binary_errors ? "zero_one" : "continuous";
  report.levels = lattice.levels;
  report.slices_evaluated = lattice.examined.size();
  report.slices_pruned_by_bound = lattice.pruned_by_bound;
  report.slices_tested = lattice.examined.size() + lattice.pruned_by_bound;
  if (search_rows.empty()) {
    report.notes.push_back("no rows: nothing to search");
    return report;
  }
  if (lattice.total.error_sum <= 0) {
    report.notes.push_back("no errors on the rows searched: no slice can be weaker than the rest");
    return report;
  }

  // One-sided test for every examined slice; candidates cut by the bound
  // join the family with p = 1, which can only raise the BH q-values of the
  // others (conservative), and an undefined test counts as p = 1 too.
  std::vector<double> p_values(report.slices_tested, 1.0);
  std::vector<stats::OneSidedTest> tests(lattice.examined.size());
  for (size_t i = 0; i < lattice.examined.size(); ++i) {
    tests[i] = slices_internal::SliceVsRest(lattice.examined[i].stats, lattice.total,
                                            lattice.binary_errors);
    if (tests[i].p_value) p_values[i] = *tests[i].p_value;
  }
  const std::vector<double> q_values = stats::BenjaminiHochberg(p_values);

  std::vector<ColumnCodes> holdout_codes;
  std::vector<double> holdout_errors;
  SliceStats holdout_total;
  bool holdout_binary = lattice.binary_errors;
  if (options.confirm_holdout) {
    std::vector<uint32_t> holdout_table_rows;
    for (uint32_t r : holdout_rows) {
      holdout_errors.push_back(errors[r]);
      holdout_table_rows.push_back(data.source_rows[r]);
    }
    holdout_codes = slices_internal::BuildCodes(table, index, holdout_table_rows);
    holdout_total = TotalStats(holdout_errors);
    for (double e : holdout_errors) {
      if (e != 0.0 && e != 1.0) holdout_binary = false;
    }
  }

  const slices_internal::SliceSpace holdout_space{&holdout_codes, index.predicate_column,
                                                  index.column_first};
  const double overall = lattice.total.error_sum / static_cast<double>(lattice.total.size);
  std::vector<std::vector<uint32_t>> metric_rows;
  for (size_t idx : lattice.top) {
    const slices_internal::EvaluatedSlice& s = lattice.examined[idx];
    SliceResult r;
    for (int32_t p : s.predicates) r.predicates.push_back(index.predicates[p]);
    r.rows = s.stats.size;
    r.error_rate = s.stats.error_sum / static_cast<double>(s.stats.size);
    r.overall_error = overall;
    r.lift = r.error_rate / overall;
    r.score = s.score;
    r.p_value = tests[idx].p_value;
    r.q_value = tests[idx].p_value ? std::optional<double>(q_values[idx]) : std::nullopt;
    r.significant = r.q_value && *r.q_value < options.alpha;
    if (options.confirm_holdout) {
      std::optional<double> hp;
      if (!holdout_errors.empty()) {
        const SliceStats hs =
            slices_internal::SliceStatsFromCodes(s.predicates, holdout_space, holdout_errors);
        if (hs.size > 0) {
          hp = slices_internal::SliceVsRest(hs, holdout_total, holdout_binary).p_value;
        }
      }
      r.confirmed = hp && *hp < options.alpha;
      report.holdout_p_values.push_back(hp);
      metric_rows.push_back(
          MapPositions(slices_internal::SlicePositions(s.predicates, holdout_space), holdout_rows));
    } else {
      metric_rows.push_back(
          MapPositions(slices_internal::SlicePositions(s.predicates, space), search_rows));
    }
    report.slices.push_back(std::move(r));
  }

  // Intervals cost a bootstrap, so only the slice WorstCaseFrom will pick
  // gets them; the others carry point estimates.
  const std::optional<size_t> worst = slices_internal::WorstSliceIndex(report.slices);
  for (size_t i = 0; i < report.slices.size(); ++i) {
    if (metric_rows[i].empty()) continue;  // an empty span would mean "all rows"
    report.slices[i].metrics =
        worst && *worst == i ? ComputeMetrics(data, metric_rows[i],
                                              MetricOptions{.bootstrap = options.metric_bootstrap,
                                                            .seed = options.seed,
                                                            .confidence = 0.95})
                             : ComputePointMetrics(data, metric_rows[i]);
  }
  return report;
}

Result<std::vector<SliceResult>> FindWeakSlices(const Table& table, const EvalData& data,
                                                std::span<const double> errors,
                                                const std::vector<std::string>& columns,
                                                const SliceSearchOptions& options) {
  AIRM_ASSIGN_OR_RETURN(SliceSearchReport report,
                        SearchWeakSlices(table, data, errors, columns, options));
  return std::move(report.slices);
}

WorstCase WorstCaseFrom(const std::vector<SliceResult>& slices, const EvalData& data) {
  WorstCase out;
  const bool holdout = std::any_of(slices.begin(), slices.end(),
                                   [](const SliceResult& s) { return s.confirmed.has_value(); });
  const std::optional<size_t> worst = slices_internal::WorstSliceIndex(slices);
  if (!worst) {
    out.note = "no significant" + std::string(holdout ? " and confirmed" : "") + " slice among " +
               std::to_string(slices.size()) + " reported (of " + std::to_string(data.size()) +
               " rows): worst-case performance is undefined";
    return out;
  }
  const SliceResult& s = slices[*worst];
  out.slice = DescribeSlice(s.predicates);
  out.metrics = s.metrics;
  out.note = holdout ? "metrics on the held-out half of the slice (not used by the search)"
                     : "metrics on the rows the search selected (in-sample; the q-value says "
                       "how likely the slice is a fluke)";
  return out;
}

}  // namespace airm
