#include "airm/stats/contingency.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <cmath>

#include "boost_policy.h"

namespace airm::stats {
namespace {

// Survival function of chi-square(dof) at x: Q(dof/2, x/2).
double ChiSquareSf(double x, int dof) {
  if (x <= 0) return 1.0;
  const boost::math::chi_squared_distribution<double, internal::NoThrowPromotingPolicy> dist(dof);
  return boost::math::cdf(boost::math::complement(dist, x));
}

}  // namespace

ContingencyTest IndependenceTests(const std::vector<std::vector<uint64_t>>& table) {
  ContingencyTest t;
  const size_t r = table.size();
  const size_t c = r == 0 ? 0 : table[0].size();
  if (r < 2 || c < 2) {
    t.note = "needs at least two groups and two outcomes";
    return t;
  }
  std::vector<double> row_sum(r, 0.0), col_sum(c, 0.0);
  double n = 0;
  for (size_t i = 0; i < r; ++i) {
    for (size_t j = 0; j < c; ++j) {
      const double o = static_cast<double>(table[i][j]);
      row_sum[i] += o;
      col_sum[j] += o;
      n += o;
    }
  }
  for (double s : row_sum) {
    if (s == 0) {
      t.note = "a group has no rows";
      return t;
    }
  }
  for (double s : col_sum) {
    if (s == 0) {
      t.note = "one outcome never occurs (every row is correct, or every row is wrong)";
      return t;
    }
  }
  double chi2 = 0, g = 0;
  for (size_t i = 0; i < r; ++i) {
    for (size_t j = 0; j < c; ++j) {
      const double o = static_cast<double>(table[i][j]);
      const double e = row_sum[i] * col_sum[j] / n;
      chi2 += (o - e) * (o - e) / e;
      if (o > 0) g += o * std::log(o / e);
    }
  }
  g *= 2;
  t.dof = static_cast<int>((r - 1) * (c - 1));
  t.chi2 = chi2;
  t.chi2_p = ChiSquareSf(chi2, t.dof);
  t.g = g;
  t.g_p = ChiSquareSf(g, t.dof);
  return t;
}

}  // namespace airm::stats
