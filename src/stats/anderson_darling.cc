// k-sample Anderson-Darling test for k = 2, matching scipy 1.10.1's
// anderson_ksamp([ref, cur], midrank=True).
//  1. A2akN of Scholz & Stephens (1987), eq. 7 (midranks for ties), summed
//     over the distinct pooled values z_j:
//       (N-1)/N^2 sum_i 1/n_i sum_j l_j (N M_ij - n_i B_j)^2 / (B_j (N - B_j) - N l_j / 4)
//     with l_j the multiplicity of z_j, B_j = #{Z < z_j} + l_j / 2 and
//     M_ij = #{sample i < z_j} + #{sample i == z_j} / 2.
//  2. Standardize: A2 = (A2akN - (k - 1)) / sigma_N with the exact variance
//     of their eq. 4 (needs N >= 4).
//  3. Significance level: fit a quadratic in A2 to log(alpha) through the
//     seven (critical value, alpha) pairs of their Table 2 (least squares,
//     as numpy.polyfit), evaluate it at A2; outside the table's range the
//     level is capped at 0.25 or floored at 0.001, as scipy does.
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "airm/stats/two_sample_tests.h"
#include "sample_utils.h"

namespace airm::stats {
namespace {

constexpr std::array<double, 7> kSig = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

// Least-squares quadratic c0 x^2 + c1 x + c2 through (x_i, y_i), solved by
// Householder QR on the Vandermonde matrix (numpy.polyfit solves the same
// problem by SVD; both are backward stable, agreeing to ~1e-13 here).
std::array<double, 3> PolyFit2(const std::array<double, 7>& x, const std::array<double, 7>& y) {
  constexpr int kRows = 7, kCols = 3;
  double a[kRows][kCols];
  double rhs[kRows];
  for (int r = 0; r < kRows; ++r) {
    a[r][0] = x[r] * x[r];
    a[r][1] = x[r];
    a[r][2] = 1.0;
    rhs[r] = y[r];
  }
  for (int c = 0; c < kCols; ++c) {
    double norm = 0;
    for (int r = c; r < kRows; ++r) norm += a[r][c] * a[r][c];
    norm = std::sqrt(norm);
    const double alpha = a[c][c] > 0 ? -norm : norm;
    double v[kRows] = {};
    for (int r = c; r < kRows; ++r) v[r] = a[r][c];
    v[c] -= alpha;
    double vnorm2 = 0;
    for (int r = c; r < kRows; ++r) vnorm2 += v[r] * v[r];
    if (vnorm2 == 0) continue;
    for (int cc = c; cc < kCols; ++cc) {
      double dot = 0;
      for (int r = c; r < kRows; ++r) dot += v[r] * a[r][cc];
      for (int r = c; r < kRows; ++r) a[r][cc] -= 2 * dot / vnorm2 * v[r];
    }
    double dot = 0;
    for (int r = c; r < kRows; ++r) dot += v[r] * rhs[r];
    for (int r = c; r < kRows; ++r) rhs[r] -= 2 * dot / vnorm2 * v[r];
  }
  std::array<double, 3> coef{};
  for (int c = kCols - 1; c >= 0; --c) {
    double s = rhs[c];
    for (int cc = c + 1; cc < kCols; ++cc) s -= a[c][cc] * coef[cc];
    coef[c] = s / a[c][c];
  }
  return coef;
}

}  // namespace

TestOutcome AndersonDarlingKSample(std::span<const double> ref, std::span<const double> cur) {
  return internal::OnSortedCopies(
      ref, cur, ref.empty() || cur.empty(), "Anderson-Darling undefined: input contains NaN",
      [](const auto& s1, const auto& s2) { return AndersonDarlingKSampleSorted(s1, s2); });
}

TestOutcome AndersonDarlingKSampleSorted(std::span<const double> s1, std::span<const double> s2) {
  if (s1.empty() || s2.empty()) {
    return {std::nullopt, std::nullopt, "Anderson-Darling undefined: a sample is empty"};
  }
  const double n1 = static_cast<double>(s1.size()), n2 = static_cast<double>(s2.size());
  const double big_n = n1 + n2;
  if (big_n < 4) {
    return {std::nullopt, std::nullopt,
            "Anderson-Darling undefined: fewer than 4 values in total (variance formula)"};
  }

  // One merge pass over the distinct pooled values.
  double sum1 = 0, sum2 = 0;
  size_t i = 0, j = 0, distinct = 0;
  while (i < s1.size() || j < s2.size()) {
    const double v = (j >= s2.size() || (i < s1.size() && s1[i] <= s2[j])) ? s1[i] : s2[j];
    size_t ie = i, je = j;
    while (ie < s1.size() && s1[ie] == v) ++ie;
    while (je < s2.size() && s2[je] == v) ++je;
    ++distinct;
    const double lj = static_cast<double>((ie - i) + (je - j));
    const double bj = static_cast<double>(i + j) + lj / 2.0;
    const double m1 = static_cast<double>(ie) - static_cast<double>(ie - i) / 2.0;
    const double m2 = static_cast<double>(je) - static_cast<double>(je - j) / 2.0;
    const double denom = bj * (big_n - bj) - big_n * lj / 4.0;
    sum1 += lj / big_n * (big_n * m1 - bj * n1) * (big_n * m1 - bj * n1) / denom;
    sum2 += lj / big_n * (big_n * m2 - bj * n2) * (big_n * m2 - bj * n2) / denom;
    i = ie;
    j = je;
  }
  if (distinct < 2) {
    return {std::nullopt, std::nullopt, "Anderson-Darling undefined: all values are identical"};
  }
  double a2akn = sum1 / n1 + sum2 / n2;
  a2akn *= (big_n - 1.0) / big_n;

  // Variance of A2kN under H0 (Scholz & Stephens eq. 4), k = 2.
  constexpr double k = 2;
  const double hh = 1.0 / n1 + 1.0 / n2;  // H
  const auto n_int = static_cast<int64_t>(big_n);
  // h = sum_{i=1}^{N-1} 1/i, g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1/((N-i) j).
  double h = 0, g = 0;
  {
    double partial = 0;  // sum_{i=N-1 down to 2} 1/i, running
    for (int64_t v = n_int - 1; v >= 2; --v) {
      partial += 1.0 / static_cast<double>(v);
      g += partial / static_cast<double>(n_int - v + 1);
    }
    h = partial + 1;
  }
  const double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hh;
  const double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hh - 8 * h + 4 * g - 6;
  const double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hh + 4 * h;
  const double d = (2 * h + 6) * k * k - 4 * h * k;
  const double sigmasq = (a * big_n * big_n * big_n + b * big_n * big_n + c * big_n + d) /
                         ((big_n - 1.0) * (big_n - 2.0) * (big_n - 3.0));
  const double m = k - 1;
  const double a2 = (a2akn - m) / std::sqrt(sigmasq);

  constexpr std::array<double, 7> b0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  constexpr std::array<double, 7> b1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  constexpr std::array<double, 7> b2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
  std::array<double, 7> critical{}, log_sig{};
  for (int idx = 0; idx < 7; ++idx) {
    critical[idx] = b0[idx] + b1[idx] / std::sqrt(m) + b2[idx] / m;
    log_sig[idx] = std::log(kSig[idx]);
  }
  if (a2 < critical.front()) {
    return {a2, 0.25, "significance level capped at 0.25: the true p-value is larger"};
  }
  if (a2 > critical.back()) {
    return {a2, 0.001, "significance level floored at 0.001: the true p-value is smaller"};
  }
  const std::array<double, 3> coef = PolyFit2(critical, log_sig);
  const double p = std::exp((coef[0] * a2 + coef[1]) * a2 + coef[2]);
  return {a2, p, ""};
}

}  // namespace airm::stats
