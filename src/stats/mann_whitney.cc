// Mann-Whitney U: mid-rank statistic, exact permutation null for small
// samples, tie-corrected normal approximation otherwise (Mann & Whitney 1947;
// the tie correction as in Lehmann, Nonparametrics, 1975, ch. 1.4).
#include "airm/stats/mann_whitney.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <utility>
#include <vector>

#include "boost_policy.h"

namespace airm::stats {
namespace {

// What the null distribution needs from the pooled sample: the sizes and the
// current side's rank sum, doubled so that mid-ranks are integers.
struct RankSummary {
  uint64_t n_ref = 0;
  uint64_t n_cur = 0;
  uint64_t doubled_rank_sum_cur = 0;
  std::vector<uint64_t> tie_sizes;  // groups of equal values, in rank order
};

std::optional<RankSummary> SummarizeRanks(std::span<const double> ref,
                                          std::span<const double> cur) {
  if (ref.empty() || cur.empty()) return std::nullopt;
  std::vector<std::pair<double, uint8_t>> pooled;  // (value, 1 = current)
  pooled.reserve(ref.size() + cur.size());
  for (double v : ref) {
    if (std::isnan(v)) return std::nullopt;
    pooled.emplace_back(v, 0);
  }
  for (double v : cur) {
    if (std::isnan(v)) return std::nullopt;
    pooled.emplace_back(v, 1);
  }
  std::sort(pooled.begin(), pooled.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  RankSummary summary{
      .n_ref = ref.size(), .n_cur = cur.size(), .doubled_rank_sum_cur = 0, .tie_sizes = {}};
  size_t begin = 0;
  while (begin < pooled.size()) {
    size_t end = begin + 1;
    while (end < pooled.size() && pooled[end].first == pooled[begin].first) ++end;
    // Ranks begin+1 .. end (1-based); twice their mean is begin + 1 + end.
    const uint64_t doubled_mid_rank = begin + 1 + end;
    uint64_t current_in_group = 0;
    for (size_t i = begin; i < end; ++i) current_in_group += pooled[i].second;
    summary.doubled_rank_sum_cur += doubled_mid_rank * current_in_group;
    summary.tie_sizes.push_back(end - begin);
    begin = end;
  }
  return summary;
}

double UFromDoubledRankSum(uint64_t doubled_rank_sum, uint64_t n) {
  const double nd = static_cast<double>(n);
  return static_cast<double>(doubled_rank_sum) / 2 - nd * (nd + 1) / 2;
}

// Exact null: the number of ways to pick the current side's positions among
// the pooled mid-ranks for every doubled rank sum. Counts are integers below
// C(50, 25) ~ 1.3e14 < 2^53 at kMannWhitneyExactMaxRows, so exact in double.
void ExactNull(const RankSummary& s, double alpha, MannWhitneyOutcome* out) {
  const uint64_t n = s.n_ref + s.n_cur;
  const uint64_t k = std::min(s.n_ref, s.n_cur);  // count the smaller side's subsets
  const uint64_t max_sum = n * (n + 1);           // all doubled ranks together
  std::vector<double> ways((k + 1) * (max_sum + 1), 0.0);
  auto at = [&](uint64_t j, uint64_t sum) -> double& { return ways[j * (max_sum + 1) + sum]; };
  at(0, 0) = 1;
  uint64_t first_rank = 1, reach = 0;
  for (uint64_t t : s.tie_sizes) {
    const uint64_t doubled = 2 * first_rank + t - 1;
    for (uint64_t item = 0; item < t; ++item) {
      reach += doubled;
      for (uint64_t j = k; j >= 1; --j) {
        for (uint64_t sum = std::min(reach, max_sum); sum >= doubled; --sum) {
          at(j, sum) += at(j - 1, sum - doubled);
        }
      }
    }
    first_rank += t;
  }
  // Distribution of the current side's doubled rank sum.
  std::vector<double> current(max_sum + 1, 0.0);
  double total = 0;
  for (uint64_t sum = 0; sum <= max_sum; ++sum) {
    const double w = at(k, sum);
    current[s.n_cur == k ? sum : max_sum - sum] += w;
    total += w;
  }
  double tail = 0, p = 0;
  std::optional<uint64_t> critical;
  for (uint64_t sum = max_sum + 1; sum-- > 0;) {
    if (current[sum] == 0) continue;
    tail += current[sum];
    if (sum >= s.doubled_rank_sum_cur) p = tail;
    if (tail <= alpha * total) critical = sum;
  }
  out->null = MannWhitneyNull::kExact;
  out->p_value = std::min(1.0, p / total);
  if (critical) out->critical_u = UFromDoubledRankSum(*critical, s.n_cur);
}

void NormalNull(const RankSummary& s, double u, double alpha, MannWhitneyOutcome* out) {
  const double n0 = static_cast<double>(s.n_ref), n1 = static_cast<double>(s.n_cur);
  const double n = n0 + n1;
  double tie_term = 0;
  for (uint64_t t : s.tie_sizes) {
    const double td = static_cast<double>(t);
    tie_term += td * td * td - td;
  }
  const double variance = n0 * n1 / 12 * ((n + 1) - tie_term / (n * (n - 1)));
  out->null = MannWhitneyNull::kNormal;
  const double mean = n0 * n1 / 2;
  if (!(variance > 0)) {
    out->p_value = 1.0;  // scipy: z = -0.5 / 0 = -inf
    out->note = "every value is tied, so U cannot differ from its null mean";
    return;
  }
  const double sigma = std::sqrt(variance);
  const boost::math::normal_distribution<double, internal::NoThrowPolicy> normal;
  const double z = (u - mean - 0.5) / sigma;
  out->p_value = std::clamp(boost::math::cdf(boost::math::complement(normal, z)), 0.0, 1.0);
  const double critical =
      mean + 0.5 + sigma * boost::math::quantile(boost::math::complement(normal, alpha));
  if (critical <= n0 * n1) out->critical_u = critical;
}

}  // namespace

std::optional<double> MannWhitneyU(std::span<const double> ref, std::span<const double> cur) {
  const std::optional<RankSummary> s = SummarizeRanks(ref, cur);
  if (!s) return std::nullopt;
  return UFromDoubledRankSum(s->doubled_rank_sum_cur, s->n_cur);
}

MannWhitneyOutcome MannWhitneyGreater(std::span<const double> ref, std::span<const double> cur,
                                      double alpha) {
  MannWhitneyOutcome out;
  if (!(alpha > 0 && alpha < 1)) {
    out.note = "Mann-Whitney undefined: alpha must be in (0, 1)";
    return out;
  }
  const std::optional<RankSummary> s = SummarizeRanks(ref, cur);
  if (!s) {
    out.note = "Mann-Whitney undefined: a side is empty or holds NaN";
    return out;
  }
  out.u = UFromDoubledRankSum(s->doubled_rank_sum_cur, s->n_cur);
  if (s->n_ref + s->n_cur <= kMannWhitneyExactMaxRows) {
    ExactNull(*s, alpha, &out);
  } else {
    NormalNull(*s, *out.u, alpha, &out);
  }
  if (!out.critical_u && out.note.empty()) {
    out.note = "no U can reach p <= alpha with these sample sizes and ties";
  }
  return out;
}

}  // namespace airm::stats
