#include "sketch_comparison.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <string_view>

#include "airm/stats/categorical_tests.h"
#include "airm/stats/divergences.h"
#include "airm/stats/two_sample_tests.h"
#include "method_choice.h"
#include "numeric_bins.h"

namespace airm::drift {
namespace {

constexpr std::string_view kOtherValues = "(other values)";

// A value with the interval that holds the exact path's value; p-values of
// tests likewise. A missing end means no bound is known.
struct Bounded {
  std::optional<double> value = {}, lower = {}, upper = {};
  std::optional<double> p = {}, p_lower = {}, p_upper = {};
  std::string note = "";
};

Bounded Exact(const stats::TestOutcome& o) {
  return {o.statistic, o.statistic, o.statistic, o.p_value, o.p_value, o.p_value, o.note};
}

bool IsIntegral(DataType t) { return t == DataType::kInt64 || t == DataType::kBool; }

// ---- numeric: the step CDF of a KLL sketch ---------------------------------

struct StepCdf {
  std::vector<double> x;      // distinct retained values, ascending
  std::vector<uint64_t> cum;  // weight of the retained items <= x[i]
  uint64_t n = 0;
  double min = 0, max = 0;
  double error = 0;  // double-sided rank error; 0 when every value was kept
  bool exact = false;

  // Fraction of values <= v.
  double AtMost(double v) const {
    const size_t i = std::upper_bound(x.begin(), x.end(), v) - x.begin();
    return i == 0 ? 0.0 : static_cast<double>(cum[i - 1]) / static_cast<double>(n);
  }
  // Fraction of values < v.
  double Below(double v) const {
    const size_t i = std::lower_bound(x.begin(), x.end(), v) - x.begin();
    return i == 0 ? 0.0 : static_cast<double>(cum[i - 1]) / static_cast<double>(n);
  }
  // The values themselves, when the sketch kept them all.
  std::vector<double> Expand() const {
    std::vector<double> out;
    out.reserve(n);
    for (size_t i = 0; i < x.size(); ++i) {
      out.insert(out.end(), cum[i] - (i == 0 ? 0 : cum[i - 1]), x[i]);
    }
    return out;
  }
};

StepCdf MakeCdf(const sketch::KllSketch& kll) {
  StepCdf c;
  c.n = kll.n();
  if (c.n == 0) return c;
  c.min = kll.min();
  c.max = kll.max();
  c.exact = kll.n() == kll.num_retained();
  c.error = kll.DoubleSidedRankError();
  auto items = kll.WeightedItems();
  std::sort(items.begin(), items.end());
  uint64_t total = 0;
  for (const auto& [value, weight] : items) {
    total += weight;
    if (!c.x.empty() && c.x.back() == value) {
      c.cum.back() = total;
    } else {
      c.x.push_back(value);
      c.cum.push_back(total);
    }
  }
  return c;
}

// Every point where either CDF steps, plus both ranges' ends.
std::vector<double> Grid(const StepCdf& a, const StepCdf& b) {
  std::vector<double> g;
  g.reserve(a.x.size() + b.x.size() + 4);
  g.insert(g.end(), a.x.begin(), a.x.end());
  g.insert(g.end(), b.x.begin(), b.x.end());
  g.insert(g.end(), {a.min, a.max, b.min, b.max});
  std::sort(g.begin(), g.end());
  g.erase(std::unique(g.begin(), g.end()), g.end());
  return g;
}

// KS: D^ = sup |F^ - G^| over the grid (the step functions only change
// there). With |F^(x) - F(x)| <= eF for every x, |D^ - D| <= eF + eG.
Bounded KsFromSketches(const StepCdf& ref, const StepCdf& cur, const std::vector<double>& grid) {
  double d = 0;
  for (double v : grid) d = std::max(d, std::fabs(ref.AtMost(v) - cur.AtMost(v)));
  const double e = ref.error + cur.error;
  Bounded b;
  b.value = d;
  b.lower = std::max(0.0, d - e);
  b.upper = std::min(1.0, d + e);
  b.p = stats::KolmogorovSmirnovAsymptoticPValue(d, ref.n, cur.n);
  b.p_lower = stats::KolmogorovSmirnovAsymptoticPValue(*b.upper, ref.n, cur.n);
  b.p_upper = stats::KolmogorovSmirnovAsymptoticPValue(*b.lower, ref.n, cur.n);
  return b;
}

// W1 = integral |F - G| dx. Between grid points F^ and G^ are constant and the
// true |F - G| lies in [max(0, d - e), min(1, d + e)]; outside the pooled
// range both CDFs are exactly 0 or 1.
Bounded WassersteinFromSketches(const StepCdf& ref, const StepCdf& cur,
                                const std::vector<double>& grid) {
  const double e = ref.error + cur.error;
  double w = 0, lo = 0, hi = 0;
  for (size_t i = 0; i + 1 < grid.size(); ++i) {
    const double width = grid[i + 1] - grid[i];
    const double d = std::fabs(ref.AtMost(grid[i]) - cur.AtMost(grid[i]));
    w += d * width;
    lo += std::max(0.0, d - e) * width;
    hi += std::min(1.0, d + e) * width;
  }
  Bounded b;
  b.value = w;
  b.lower = lo;
  b.upper = hi;
  return b;
}

Bounded Scaled(Bounded b, double scale) {
  for (std::optional<double>* v : {&b.value, &b.lower, &b.upper}) {
    if (*v) **v /= scale;
  }
  return b;
}

// The exact path's bins (stats::ReferenceQuantileBins) on the reference
// sketch's quantiles; counts estimated from each CDF (each bin's share is
// within the double-sided rank error of the true share).
BinnedDistribution SketchBins(const sketch::KllSketch& ref_kll, const StepCdf& ref,
                              const StepCdf& cur, int n_bins) {
  BinnedDistribution d;
  std::vector<double> edges;
  if (ref.n > 0) {
    std::vector<double> levels;
    for (int j = 1; j < n_bins; ++j) levels.push_back(static_cast<double>(j) / n_bins);
    edges.push_back(ref.min);
    for (double q : ref_kll.Quantiles(levels)) {
      if (q > ref.min && q < ref.max && q > edges.back()) edges.push_back(q);
    }
    edges.push_back(std::nextafter(ref.max, INFINITY));
  }
  auto counts = [&](const StepCdf& c) {
    std::vector<uint64_t> out;
    double previous = 0;
    for (size_t i = 0; i <= edges.size(); ++i) {
      const double below = i == edges.size() ? 1.0 : c.Below(edges[i]);
      out.push_back(static_cast<uint64_t>(
          std::llround(std::max(0.0, below - previous) * static_cast<double>(c.n))));
      previous = std::max(previous, below);
    }
    return out;
  };
  d.reference_counts = counts(ref);
  d.current_counts = counts(cur);
  SetNumericBinLabels(edges, &d);
  return d;
}

// ---- categories: Space-Saving counts ---------------------------------------

struct Categories {
  std::map<std::string, std::pair<uint64_t, uint64_t>> items;  // label -> count, error
  uint64_t total = 0;           // values counted (non-null; finite for numbers)
  uint64_t unstored_bound = 0;  // most a value absent from `items` can have occurred
  uint64_t max_error = 0;
  bool exact() const { return max_error == 0; }
};

// Text of a number as the exact path labels a numeric category (Column::TextAt
// of an integer is its decimal form).
std::string NumberLabel(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

Categories CategoriesOf(const ColumnProfile& c) {
  Categories out;
  if (c.kind == ColumnProfileKind::kText) {
    const auto& s = c.sketches.text_items;
    for (const auto& item : s.items()) out.items[item.value] = {item.count, item.error};
    out.total = c.count - c.null_count;
    out.unstored_bound = s.unstored_bound();
    out.max_error = s.MaxError();
    return out;
  }
  const auto& s = c.sketches.numeric_items;
  for (const auto& item : s.items()) {
    if (!std::isfinite(item.value)) continue;  // the exact path leaves ±Inf and NaN out too
    auto& slot = out.items[NumberLabel(item.value)];
    slot.first += item.count;
    slot.second += item.error;
  }
  out.total = c.finite_count;
  out.unstored_bound = s.unstored_bound();
  out.max_error = s.MaxError();
  return out;
}

// Labels in the exact path's order: the reference's by count (descending),
// then values only the current batch has, by count; ties by label.
std::vector<std::string> Union(const Categories& ref, const Categories& cur) {
  auto by_count = [](const Categories& c, const Categories* skip) {
    std::vector<std::pair<std::string, uint64_t>> v;
    for (const auto& [label, ce] : c.items) {
      if (skip == nullptr || !skip->items.count(label)) v.emplace_back(label, ce.first);
    }
    std::stable_sort(v.begin(), v.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return v;
  };
  std::vector<std::string> labels;
  for (auto& [label, unused] : by_count(ref, nullptr)) labels.push_back(label);
  for (auto& [label, unused] : by_count(cur, &ref)) labels.push_back(label);
  return labels;
}

// Fannes-Audenaert: |H(p) - H(p')| <= T log2(K - 1) + h2(T) for total
// variation T <= 1 - 1/K between distributions on K outcomes; log2 K always.
double EntropyChangeBound(double t, size_t k) {
  const double kd = static_cast<double>(std::max<size_t>(k, 2));
  if (t <= 0) return 0;
  if (t >= 1 - 1 / kd) return std::log2(kd);
  const double h2 = -t * std::log2(t) - (1 - t) * std::log2(1 - t);
  return t * std::log2(kd - 1) + h2;
}

struct CategoryComparison {
  BinnedDistribution distribution;
  double t_ref = 0, t_cur = 0;          // TVD bound between estimated and true shares
  double other_ref = 0, other_cur = 0;  // most mass hidden in "(other values)"
  bool exact = true;
};

CategoryComparison CompareCategories(const Categories& ref, const Categories& cur) {
  CategoryComparison out;
  out.exact = ref.exact() && cur.exact();
  BinnedDistribution& d = out.distribution;
  uint64_t ref_sum = 0, cur_sum = 0, ref_width = 0, cur_width = 0;
  for (const std::string& label : Union(ref, cur)) {
    auto r = ref.items.find(label);
    auto c = cur.items.find(label);
    d.labels.push_back(label);
    d.reference_counts.push_back(r == ref.items.end() ? 0 : r->second.first);
    d.current_counts.push_back(c == cur.items.end() ? 0 : c->second.first);
    ref_sum += d.reference_counts.back();
    cur_sum += d.current_counts.back();
    ref_width += r == ref.items.end() ? ref.unstored_bound : r->second.second;
    cur_width += c == cur.items.end() ? cur.unstored_bound : c->second.second;
  }
  const uint64_t ref_rest = ref.total > ref_sum ? ref.total - ref_sum : 0;
  const uint64_t cur_rest = cur.total > cur_sum ? cur.total - cur_sum : 0;
  if (ref_rest > 0 || cur_rest > 0) {
    d.labels.emplace_back(kOtherValues);
    d.reference_counts.push_back(ref_rest);
    d.current_counts.push_back(cur_rest);
  }
  auto share = [](uint64_t part, uint64_t total) {
    return total == 0 ? 0.0 : std::min(1.0, static_cast<double>(part) / total);
  };
  out.t_ref = share(ref_width, ref.total);
  out.t_cur = share(cur_width, cur.total);
  out.other_ref = share(ref_rest + ref_width, ref.total);
  out.other_cur = share(cur_rest + cur_width, cur.total);
  return out;
}

Bounded CategoryMeasure(std::string_view name, const CategoryComparison& cmp) {
  const auto& rc = cmp.distribution.reference_counts;
  const auto& cc = cmp.distribution.current_counts;
  stats::TestOutcome o;
  if (name == "chi2") o = stats::ChiSquareHomogeneity(rc, cc);
  if (name == "psi") o = stats::Psi(rc, cc);
  if (name == "jensen_shannon") o = stats::JensenShannonDistance(rc, cc);
  if (name == "tvd") o = stats::TotalVariation(rc, cc);
  if (name == "z_proportions") {
    if (rc.size() > 2) return {.note = "undefined: more than two values"};
    uint64_t rn = 0, cn = 0;
    for (uint64_t v : rc) rn += v;
    for (uint64_t v : cc) cn += v;
    o = stats::TwoProportionZ(rc.empty() ? 0 : rc[0], rn, cc.empty() ? 0 : cc[0], cn);
  }
  if (cmp.exact || !o.statistic) return Exact(o);
  // Some counts are Space-Saving estimates: bound what can be bounded.
  Bounded b{.value = o.statistic, .p = o.p_value, .note = o.note};
  const double t = cmp.t_ref + cmp.t_cur;
  if (name == "tvd") {
    b.lower = std::max(0.0, *o.statistic - t);
    b.upper = std::min(1.0, *o.statistic + t);
  } else if (name == "jensen_shannon") {
    // JSD = H(m) - (H(p) + H(q)) / 2 with m = (p + q) / 2; each entropy moves
    // by at most the Fannes-Audenaert bound of its distribution's change.
    // Values hidden in "(other values)" can only raise the divergence, by at
    // most half their mass on each side (a bin's JSD contribution is at most
    // its mean mass).
    const size_t k = rc.size();
    const double jsd = *o.statistic * *o.statistic;
    const double delta = EntropyChangeBound((cmp.t_ref + cmp.t_cur) / 2, k) +
                         (EntropyChangeBound(cmp.t_ref, k) + EntropyChangeBound(cmp.t_cur, k)) / 2;
    b.lower = std::sqrt(std::max(0.0, jsd - delta));
    b.upper = std::sqrt(std::min(1.0, jsd + delta + (cmp.other_ref + cmp.other_cur) / 2));
  } else {
    b.note += std::string(b.note.empty() ? "" : "; ") + std::string(name) +
              " has no bound when counts are Space-Saving estimates";
  }
  return b;
}

// ---- classification -------------------------------------------------------

// Finite distinct values when the summary holds them all; nullopt otherwise.
std::optional<std::set<double>> DistinctNumbers(const ColumnProfile& c) {
  const auto& s = c.sketches.numeric_items;
  if (s.MaxError() != 0) return std::nullopt;
  std::set<double> out;
  for (const auto& item : s.items()) {
    if (std::isfinite(item.value)) out.insert(item.value);
  }
  return out;
}

std::optional<std::set<std::string>> DistinctTexts(const ColumnProfile& c) {
  const auto& s = c.sketches.text_items;
  if (s.MaxError() != 0) return std::nullopt;
  std::set<std::string> out;
  for (const auto& item : s.items()) out.insert(item.value);
  return out;
}

// ClassifyColumns' rules on the sketches: a summary that evicted values has
// more distinct values than its capacity, so it is neither binary nor few.
ColumnKind Classify(const ColumnProfile& ref, const ColumnProfile& cur) {
  if (ref.kind == ColumnProfileKind::kText) {
    auto a = DistinctTexts(ref), b = DistinctTexts(cur);
    if (a && b) {
      a->insert(b->begin(), b->end());
      if (a->size() <= 2) return ColumnKind::kBinary;
    }
    return ColumnKind::kCategorical;
  }
  auto a = DistinctNumbers(ref), b = DistinctNumbers(cur);
  if (!a || !b) return ColumnKind::kContinuous;
  const size_t distinct_ref = a->size(), distinct_cur = b->size();
  if (distinct_ref <= 2 && distinct_cur <= 2) {
    a->insert(b->begin(), b->end());
    if (a->size() <= 2) return ColumnKind::kBinary;
  }
  if (IsIntegral(ref.type) && IsIntegral(cur.type) && distinct_ref <= kDiscreteLimit &&
      distinct_cur <= kDiscreteLimit) {
    return ColumnKind::kCategorical;
  }
  return ColumnKind::kContinuous;
}

// ---- one column -----------------------------------------------------------

std::vector<std::string> AllApplicable(ColumnKind kind) {
  if (kind == ColumnKind::kContinuous) return {"ks", "wasserstein", "wasserstein_norm"};
  std::vector<std::string> all = {"chi2", "psi", "jensen_shannon", "tvd"};
  if (kind == ColumnKind::kBinary) all.insert(all.begin() + 1, "z_proportions");
  return all;
}

void Record(const std::string& name, const Bounded& b, ColumnDrift* out) {
  out->tests[name] = TestValue{b.value, b.p};
}

}  // namespace

bool SketchMethodApplies(std::string_view method, bool continuous) {
  if (continuous) return method == "ks" || method == "wasserstein" || method == "wasserstein_norm";
  return method == "chi2" || method == "z_proportions" || method == "psi" ||
         method == "jensen_shannon" || method == "tvd";
}

ColumnDrift CompareColumnSketches(const ColumnProfile& reference, const ColumnProfile& current,
                                  const DriftConfig& config) {
  const ColumnKind kind = Classify(reference, current);
  const bool continuous = kind == ColumnKind::kContinuous;
  MethodPlan plan = ChooseMethod(kind, config.method, config.alpha);
  if (!SketchMethodApplies(plan.method, continuous)) {
    plan = ChooseMethod(kind, "auto", config.alpha);
    plan.note = config.method + " is not computed from sketches, so the automatic choice was used";
  }
  UseShareChangeForProportions(reference.role, kind, &plan);

  ColumnDrift out;
  out.name = reference.name;
  out.type = DataTypeName(reference.type);
  out.current_type = DataTypeName(current.type);
  out.role = reference.role;
  out.method = plan.method;
  out.threshold = plan.threshold;
  out.effect_size_name = plan.effect_size_name;
  out.effect_size_threshold = plan.effect_size_threshold;
  SketchBounds bounds;

  std::map<std::string, Bounded> measures;
  std::vector<std::string> names = {plan.method, plan.effect_size_name};
  if (config.all_tests) {
    for (const std::string& n : AllApplicable(kind)) names.push_back(n);
  }
  if (continuous) {
    const StepCdf ref = MakeCdf(reference.sketches.quantiles);
    const StepCdf cur = MakeCdf(current.sketches.quantiles);
    out.reference_count = ref.n;
    out.current_count = cur.n;
    bounds.reference_rank_error = ref.error;
    bounds.current_rank_error = cur.error;
    out.distribution = SketchBins(reference.sketches.quantiles, ref, cur, config.bins);
    if (ref.n >= config.min_rows && cur.n >= config.min_rows) {
      const std::vector<double> grid = Grid(ref, cur);
      std::vector<double> ref_values, cur_values;
      if (ref.exact && cur.exact) {
        ref_values = ref.Expand();
        cur_values = cur.Expand();
      }
      for (const std::string& name : names) {
        if (measures.count(name)) continue;
        Bounded b;
        if (name == "ks") {
          b = ref.exact && cur.exact ? Exact(stats::KolmogorovSmirnovSorted(ref_values, cur_values))
                                     : KsFromSketches(ref, cur, grid);
        } else {
          b = ref.exact && cur.exact ? Exact(stats::Wasserstein1Sorted(ref_values, cur_values))
                                     : WassersteinFromSketches(ref, cur, grid);
          if (name == "wasserstein_norm") {
            if (reference.stddev && *reference.stddev > 0) {
              b = Scaled(b, *reference.stddev);
            } else {
              b = {.note =
                       "undefined: the reference standard deviation is zero or has fewer "
                       "than 2 values"};
            }
          }
        }
        measures[name] = b;
      }
    }
  } else {
    const Categories ref = CategoriesOf(reference), cur = CategoriesOf(current);
    out.reference_count = ref.total;
    out.current_count = cur.total;
    bounds.reference_count_error = ref.max_error;
    bounds.current_count_error = cur.max_error;
    const CategoryComparison cmp = CompareCategories(ref, cur);
    out.distribution = cmp.distribution;
    if (ref.total >= config.min_rows && cur.total >= config.min_rows) {
      for (const std::string& name : names) {
        if (!measures.count(name)) measures[name] = CategoryMeasure(name, cmp);
      }
    }
  }

  if (out.reference_count < config.min_rows || out.current_count < config.min_rows) {
    out.status = ColumnDriftStatus::kInsufficientData;
    out.reason = "insufficient data: " + std::to_string(out.reference_count) + " reference and " +
                 std::to_string(out.current_count) + " current values, at least " +
                 std::to_string(config.min_rows) + " needed on each side";
    out.bounds = bounds;
    return out;
  }
  // A constant reference has no standard deviation to scale by: the share of
  // mass that moved (TVD of the estimated bins; each bin's share is within
  // eR + eC of the true one) measures the change instead.
  if (!measures[plan.effect_size_name].value && plan.effect_size_name == "wasserstein_norm") {
    out.effect_size_name = "tvd";
    const auto& d = out.distribution;
    stats::TestOutcome tvd = stats::TotalVariation(d.reference_counts, d.current_counts);
    Bounded b{.value = tvd.statistic, .note = tvd.note};
    if (tvd.statistic) {
      const double e = static_cast<double>(d.labels.size()) *
                       (bounds.reference_rank_error + bounds.current_rank_error) / 2;
      b.lower = std::max(0.0, *tvd.statistic - e);
      b.upper = std::min(1.0, *tvd.statistic + e);
    }
    measures["tvd"] = b;
  }
  std::string notes = plan.note;
  for (const auto& [name, b] : measures) {
    Record(name, b, &out);
    if (!b.note.empty() && (name == plan.method || name == out.effect_size_name)) {
      notes += (notes.empty() ? "" : "; ") + name + ": " + b.note;
    }
  }
  const Bounded& decisive = measures[plan.method];
  const Bounded& effect = measures[out.effect_size_name];
  out.statistic = decisive.value;
  out.p_value = decisive.p;
  out.effect_size = effect.value;
  bounds.statistic = {decisive.lower, decisive.upper};
  bounds.p_value = {decisive.p_lower, decisive.p_upper};
  bounds.effect_size = {effect.lower, effect.upper};
  out.bounds = bounds;
  out.reason = notes;
  return out;
}

}  // namespace airm::drift
