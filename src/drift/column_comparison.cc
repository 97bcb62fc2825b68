#include "column_comparison.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>
#include <string_view>

#include "airm/stats/binning.h"
#include "airm/stats/categorical_tests.h"
#include "airm/stats/divergences.h"
#include "airm/stats/ecdf_comparison.h"
#include "airm/stats/two_sample_tests.h"
#include "column_sample.h"
#include "numeric_bins.h"

namespace airm::drift {
namespace {

TestValue ToValue(const stats::TestOutcome& o) { return TestValue{o.statistic, o.p_value}; }

std::optional<double> SampleStdDev(const std::vector<double>& v) {
  if (v.size() < 2) return std::nullopt;
  double mean = 0;
  for (double x : v) mean += x;
  mean /= static_cast<double>(v.size());
  double m2 = 0;
  for (double x : v) m2 += (x - mean) * (x - mean);
  return std::sqrt(m2 / static_cast<double>(v.size() - 1));
}

// Shared binning: reference quantile bins for numbers, the category union
// (reference order by frequency, then new current categories) for text.
BinnedDistribution BuildDistribution(const ColumnSample& ref, const ColumnSample& cur,
                                     ColumnKind kind, int n_bins) {
  BinnedDistribution d;
  if (kind == ColumnKind::kContinuous) {
    stats::Bins bins = stats::ReferenceQuantileBins(ref.sorted, n_bins);
    d.reference_counts = stats::BinCountsSorted(ref.sorted, bins);
    d.current_counts = stats::BinCountsSorted(cur.sorted, bins);
    SetNumericBinLabels(bins.edges, &d);
    return d;
  }
  std::vector<std::pair<std::string, uint64_t>> ordered(ref.counts.begin(), ref.counts.end());
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::pair<std::string, uint64_t>> fresh;
  for (const auto& [label, count] : cur.counts) {
    if (!ref.counts.count(label)) fresh.emplace_back(label, count);
  }
  std::stable_sort(fresh.begin(), fresh.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  ordered.insert(ordered.end(), fresh.begin(), fresh.end());
  for (const auto& [label, unused] : ordered) {
    d.labels.push_back(label);
    auto r = ref.counts.find(label);
    auto c = cur.counts.find(label);
    d.reference_counts.push_back(r == ref.counts.end() ? 0 : r->second);
    d.current_counts.push_back(c == cur.counts.end() ? 0 : c->second);
  }
  return d;
}

// A column's two samples and, made on first use, the one ECDF walk that KS,
// Wasserstein and energy share (the default runs two of them).
class SamplePair {
 public:
  SamplePair(const ColumnSample& ref, const ColumnSample& cur) : ref_(ref), cur_(cur) {}
  const ColumnSample& ref() const { return ref_; }
  const ColumnSample& cur() const { return cur_; }
  const stats::EcdfComparison& Ecdfs() {
    if (!ecdfs_) ecdfs_ = stats::CompareEcdfs(ref_.sorted, cur_.sorted);
    return *ecdfs_;
  }

 private:
  const ColumnSample& ref_;
  const ColumnSample& cur_;
  std::optional<stats::EcdfComparison> ecdfs_;
};

// Computes one named test on the prepared samples and shared distribution.
stats::TestOutcome Compute(std::string_view name, SamplePair& samples,
                           const BinnedDistribution& d) {
  const ColumnSample& ref = samples.ref();
  const ColumnSample& cur = samples.cur();
  const auto& rc = d.reference_counts;
  const auto& cc = d.current_counts;
  if (name == "ks") return stats::KolmogorovSmirnovOfEcdfs(samples.Ecdfs());
  if (name == "cramer_von_mises") return stats::CramerVonMisesSorted(ref.sorted, cur.sorted);
  if (name == "anderson_darling")
    return stats::AndersonDarlingKSampleSorted(ref.sorted, cur.sorted);
  if (name == "energy") return stats::EnergyDistanceOfEcdfs(samples.Ecdfs());
  if (name == "wasserstein") return stats::Wasserstein1OfEcdfs(samples.Ecdfs());
  if (name == "wasserstein_norm") {
    stats::TestOutcome w = stats::Wasserstein1OfEcdfs(samples.Ecdfs());
    auto sd = SampleStdDev(ref.sorted);
    if (!w.statistic || !sd || *sd == 0) {
      return {std::nullopt, std::nullopt,
              "undefined: the reference standard deviation is zero or has fewer than 2 values"};
    }
    return {*w.statistic / *sd, std::nullopt, ""};
  }
  if (name == "chi2") return stats::ChiSquareHomogeneity(rc, cc);
  if (name == "z_proportions") {
    // Successes = the first category of the union, which both sides share.
    if (rc.size() > 2) return {std::nullopt, std::nullopt, "undefined: more than two values"};
    uint64_t rn = 0, cn = 0;
    for (uint64_t v : rc) rn += v;
    for (uint64_t v : cc) cn += v;
    return stats::TwoProportionZ(rc.empty() ? 0 : rc[0], rn, cc.empty() ? 0 : cc[0], cn);
  }
  if (name == "psi") return stats::Psi(rc, cc);
  if (name == "jensen_shannon") return stats::JensenShannonDistance(rc, cc);
  if (name == "hellinger") return stats::Hellinger(rc, cc);
  if (name == "kl") return stats::KlDivergence(rc, cc);
  if (name == "tvd") return stats::TotalVariation(rc, cc);
  return {std::nullopt, std::nullopt, "unknown test"};
}

// Every test `--tests all` computes. Numbers compared as categories (integers
// with few distinct values, two-valued numbers) get the numeric tests too:
// they apply to the values, the categories only decide the default method.
std::vector<std::string> AllApplicable(ColumnKind kind, bool numeric_values) {
  if (kind == ColumnKind::kContinuous) {
    return {"ks",
            "chi2",
            "cramer_von_mises",
            "anderson_darling",
            "energy",
            "wasserstein",
            "wasserstein_norm",
            "psi",
            "jensen_shannon",
            "hellinger",
            "kl",
            "tvd"};
  }
  std::vector<std::string> all = {"chi2", "psi", "jensen_shannon", "hellinger", "kl", "tvd"};
  if (kind == ColumnKind::kBinary) all.insert(all.begin() + 1, "z_proportions");
  if (numeric_values) {
    all.insert(all.end(), {"ks", "cramer_von_mises", "anderson_darling", "energy", "wasserstein",
                           "wasserstein_norm"});
  }
  return all;
}

}  // namespace

ColumnKind ClassifyColumns(const Column& reference, const Column& current) {
  if (reference.is_text() || current.is_text()) {
    std::set<std::string> values;
    for (const Column* c : {&reference, &current}) {
      for (size_t i = 0; i < c->size() && values.size() <= 2; ++i) {
        if (c->IsValid(i)) values.insert(c->TextAt(i));
      }
    }
    return values.size() <= 2 ? ColumnKind::kBinary : ColumnKind::kCategorical;
  }
  std::vector<double> values = DistinctNumbersUpTo(reference, kDiscreteLimit);
  const std::vector<double> cur_values = DistinctNumbersUpTo(current, kDiscreteLimit);
  const size_t distinct_ref = values.size(), distinct_cur = cur_values.size();
  if (distinct_ref <= 2 && distinct_cur <= 2) {
    // Binary when both sides together hold at most two values.
    for (double v : cur_values) {
      if (std::find(values.begin(), values.end(), v) == values.end()) values.push_back(v);
    }
    if (values.size() <= 2) return ColumnKind::kBinary;
  }
  auto integral = [](const Column& c) {
    return c.type() == DataType::kInt64 || c.type() == DataType::kBool;
  };
  if (integral(reference) && integral(current) && distinct_ref <= kDiscreteLimit &&
      distinct_cur <= kDiscreteLimit) {
    return ColumnKind::kCategorical;
  }
  return ColumnKind::kContinuous;
}

ColumnDrift CompareColumn(const Column& reference, const Column& current, ColumnKind kind,
                          const MethodPlan& plan, const DriftConfig& config,
                          const std::vector<uint32_t>* reference_rows,
                          const std::vector<uint32_t>* current_rows, SampleBuffers* buffers) {
  ColumnDrift out;
  out.name = reference.name();
  out.type = DataTypeName(reference.type());
  out.current_type = DataTypeName(current.type());
  out.method = plan.method;
  out.threshold = plan.threshold;
  out.effect_size_name = plan.effect_size_name;
  out.effect_size_threshold = plan.effect_size_threshold;

  const bool as_categories = kind != ColumnKind::kContinuous;
  ColumnSample ref = ExtractSample(reference, reference_rows, as_categories, buffers);
  ColumnSample cur = ExtractSample(current, current_rows, as_categories, buffers);
  // The value samples of a column compared as categories, extracted only
  // when a numeric test asks for them (below).
  std::optional<ColumnSample> ref_values, cur_values;
  // Every sorted array goes back to `buffers` on the way out.
  struct GiveBack {
    SampleBuffers* buffers;
    std::vector<ColumnSample*> samples;
    ~GiveBack() {
      if (buffers == nullptr) return;
      for (ColumnSample* s : samples) buffers->Give(std::move(s->sorted));
    }
  } give_back{buffers, {&ref, &cur}};
  out.reference_count = ref.valid();
  out.current_count = cur.valid();
  out.distribution = BuildDistribution(ref, cur, kind, config.bins);

  if (out.reference_count < config.min_rows || out.current_count < config.min_rows) {
    out.status = ColumnDriftStatus::kInsufficientData;
    out.reason = "insufficient data: " + std::to_string(out.reference_count) + " reference and " +
                 std::to_string(out.current_count) + " current values, at least " +
                 std::to_string(config.min_rows) + " needed on each side";
    return out;
  }

  const bool numeric_values = reference.is_numeric() && current.is_numeric();
  std::vector<std::string> names = {plan.method, plan.effect_size_name};
  if (config.all_tests) {
    for (const std::string& n : AllApplicable(kind, numeric_values)) names.push_back(n);
  }
  std::optional<SamplePair> value_pair;
  SamplePair pair(ref, cur);
  std::string notes = plan.note;
  for (const std::string& name : names) {
    if (out.tests.count(name)) continue;
    const bool on_values = as_categories && NeedsNumericValues(name);
    if (on_values && !ref_values) {
      ref_values = ExtractSample(reference, reference_rows, /*as_categories=*/false, buffers);
      cur_values = ExtractSample(current, current_rows, /*as_categories=*/false, buffers);
      give_back.samples.push_back(&*ref_values);
      give_back.samples.push_back(&*cur_values);
      value_pair.emplace(*ref_values, *cur_values);
    }
    stats::TestOutcome o = Compute(name, on_values ? *value_pair : pair, out.distribution);
    out.tests[name] = ToValue(o);
    if (!o.note.empty() && (name == plan.method || name == plan.effect_size_name)) {
      notes += (notes.empty() ? "" : "; ") + name + ": " + o.note;
    }
  }
  // A constant reference has no standard deviation to scale by: measure the
  // size of the change as the share of mass that moved (TVD) instead.
  if (!out.tests[plan.effect_size_name].statistic && plan.effect_size_name == "wasserstein_norm") {
    out.effect_size_name = "tvd";
    out.tests["tvd"] = ToValue(Compute("tvd", pair, out.distribution));
  }
  const TestValue& decisive = out.tests[plan.method];
  out.statistic = decisive.statistic;
  out.p_value = decisive.p_value;
  out.effect_size = out.tests[out.effect_size_name].statistic;
  out.reason = notes;
  return out;
}

}  // namespace airm::drift
