// Kolmogorov-Smirnov distributions. References:
//  Birnbaum & Tingey (1951), One-sided confidence contours for probability
//    distribution functions. Ann. Math. Statist. 22(4).
//  Durbin (1968); Marsaglia, Tsang & Wang (2003), Evaluating Kolmogorov's
//    distribution. J. Stat. Softw. 8(18).
//  Pelz & Good (1976), Approximating the lower tail-areas of the
//    Kolmogorov-Smirnov one-sample statistic. JRSS B 38(2).
//  Ruben & Gambino (1982), The exact distribution of Kolmogorov's statistic
//    D_n for n <= 10. Ann. Inst. Stat. Math. 34.
//  Simard & L'Ecuyer (2011), Computing the two-sided Kolmogorov-Smirnov
//    distribution. J. Stat. Softw. 39(11).
//  Hodges (1958), The significance probability of the Smirnov two-sample
//    test. Arkiv for Matematik 3(43).
#include "kolmogorov_distribution.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>
#include <vector>

namespace airm::stats::internal {
namespace {

constexpr int kScaleExp = 128;
const double kBig = std::ldexp(1.0, kScaleExp);
const double kSmall = std::ldexp(1.0, -kScaleExp);

double Clip01(double p) { return std::clamp(p, 0.0, 1.0); }

// log(n! / n^n) by Stirling's series with the n log n term cancelled
// analytically, so there is no subtractive cancellation for large n.
double LogFactorialOverPower(int64_t n) {
  // B_{2j} / (2j (2j - 1)), j = 1..8.
  static constexpr double kStirling[] = {8.3333333333333333333e-2, -2.7777777777777777778e-3,
                                         7.9365079365079365079e-4, -5.952380952380952381e-4,
                                         8.4175084175084175084e-4, -1.9175269175269175269e-3,
                                         6.4102564102564102564e-3, -2.955065359477124183e-2};
  const double nd = static_cast<double>(n);
  const double inv_n2 = 1.0 / (nd * nd);
  double series = 0;
  for (int j = 7; j >= 0; --j) series = series * inv_n2 + kStirling[j];
  return std::log(nd) / 2 - nd + std::log(2 * std::numbers::pi) / 2 + series / nd;
}

using Matrix = std::vector<double>;  // row-major, size dim * dim

Matrix Multiply(const Matrix& a, const Matrix& b, int dim) {
  Matrix c(static_cast<size_t>(dim) * dim, 0.0);
  for (int i = 0; i < dim; ++i) {
    for (int k = 0; k < dim; ++k) {
      const double aik = a[i * dim + k];
      if (aik == 0) continue;
      for (int j = 0; j < dim; ++j) c[i * dim + j] += aik * b[k * dim + j];
    }
  }
  return c;
}

// Keeps the matrix's largest entry below 2^128, accumulating the removed
// powers of two in `exponent`.
void Rescale(Matrix& m, int64_t& exponent) {
  double largest = 0;
  for (double v : m) largest = std::max(largest, std::abs(v));
  while (largest > kBig) {
    for (double& v : m) v = std::ldexp(v, -kScaleExp);
    largest = std::ldexp(largest, -kScaleExp);
    exponent += kScaleExp;
  }
}

// Pr(D_n <= d) by Durbin's matrix: with k = ceil(n d), h = k - n d, the
// answer is n!/n^n * (H^n)_{kk} for a (2k-1) x (2k-1) matrix H
// (Marsaglia, Tsang & Wang 2003). Exact up to rounding.
double DurbinCdf(int64_t n, double d) {
  if (d >= 1.0) return 1.0;
  const double nd = static_cast<double>(n) * d;
  if (nd <= 0.5) return 0.0;
  const int k = static_cast<int>(std::ceil(nd));
  const double h = k - nd;
  const int dim = 2 * k - 1;
  std::vector<double> inv_factorial(dim + 1);
  inv_factorial[0] = 1;
  for (int j = 1; j <= dim; ++j) inv_factorial[j] = inv_factorial[j - 1] / j;

  Matrix hm(static_cast<size_t>(dim) * dim, 0.0);
  for (int row = 0; row < dim; ++row) {
    for (int col = 1; col < dim; ++col) {
      const int diff = row - col + 1;
      if (diff >= 0) hm[row * dim + col] = inv_factorial[diff];
    }
  }
  for (int row = 0; row < dim; ++row) {
    hm[row * dim] = (1.0 - std::pow(h, row + 1)) * inv_factorial[row + 1];
  }
  for (int col = 0; col < dim; ++col) {
    hm[(dim - 1) * dim + col] = (1.0 - std::pow(h, dim - col)) * inv_factorial[dim - col];
  }
  const double corner_extra = std::pow(std::max(2 * h - 1.0, 0.0), dim) - 2 * std::pow(h, dim);
  hm[(dim - 1) * dim] = (1.0 + corner_extra) * inv_factorial[dim];

  Matrix power(static_cast<size_t>(dim) * dim, 0.0);
  for (int i = 0; i < dim; ++i) power[i * dim + i] = 1.0;
  int64_t power_exp = 0;
  int64_t base_exp = 0;
  for (int64_t remaining = n; remaining > 0; remaining /= 2) {
    if (remaining % 2 == 1) {
      power = Multiply(power, hm, dim);
      power_exp += base_exp;
      Rescale(power, power_exp);
    }
    if (remaining / 2 > 0) {
      hm = Multiply(hm, hm, dim);
      base_exp *= 2;
      Rescale(hm, base_exp);
    }
  }
  double p = power[(k - 1) * dim + (k - 1)];
  int64_t exponent = power_exp;
  const double ndbl = static_cast<double>(n);
  for (int64_t i = 1; i <= n; ++i) {
    p = static_cast<double>(i) * p / ndbl;
    if (std::abs(p) < kSmall && p != 0) {
      p *= kBig;
      exponent -= kScaleExp;
    }
  }
  return std::ldexp(p, static_cast<int>(exponent));
}

// Pelz & Good's (1976) expansion of Pr(D_n <= x) for small n x^2, written as
// K0 + K1/sqrt(n) + K2/n + K3/n^1.5 with the Jacobi-theta forms of Simard &
// L'Ecuyer (2011), eq. (8)-(11).
double PelzGoodCdf(int64_t n, double x) {
  constexpr double kPi = std::numbers::pi;
  const double pi2 = kPi * kPi, pi4 = pi2 * pi2, pi6 = pi4 * pi2;
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  const double z = std::sqrt(static_cast<double>(n)) * x;
  const double z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2, z8 = z4 * z4;
  const double log_q = -pi2 / 8 / z2;
  if (log_q < -708) return 0.0;  // every term underflows
  const double q = std::exp(log_q);

  const double k1a = -z2, k1b = pi2 / 4;
  const double k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4,
               k2c = pi4 * (1 - 2 * z2) / 16;
  const double k3d = pi6 * (5 - 30 * z2) / 64, k3c = pi4 * (-60 * z2 + 212 * z4) / 16,
               k3b = pi2 * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * z8;

  // Sum over odd m = 2k - 1 of c(m) q^(m^2), by Horner in q^(8k).
  const int max_k = static_cast<int>(std::ceil(16 * z / kPi));
  double sums[4] = {0, 0, 0, 0};
  for (int k = max_k; k >= 1; --k) {
    const double m = 2.0 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const double step = std::pow(q, 8.0 * k);
    const double coeffs[4] = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4,
                              k3a + k3b * m2 + k3c * m4 + k3d * m6};
    for (int i = 0; i < 4; ++i) sums[i] = sums[i] * step + coeffs[i];
  }
  const double sqrt2pi = std::sqrt(2 * kPi);
  const double denominators[4] = {z, 6 * z4, 72 * z4 * z3, 6480 * z6 * z4};
  for (int i = 0; i < 4; ++i) sums[i] = sums[i] * q * sqrt2pi / denominators[i];

  // The K2 and K3 terms also carry a sum over all integers k of q2^(k^2).
  const double q2 = std::exp(-pi2 / 2 / z2);
  double k2_extra = 0, k3_extra = 0;
  for (int k = max_k; k >= 1; --k) {
    const double kk = static_cast<double>(k) * k;
    const double w = kk * std::pow(q2, kk);
    k2_extra += w;
    k3_extra += (3 * z2 - pi2 * kk) * w;
  }
  sums[2] += k2_extra * pi2 * sqrt2pi / (-36 * z3);
  sums[3] += k3_extra * pi2 * sqrt2pi / (216 * z6);
  const double sqrt_n = std::sqrt(static_cast<double>(n));
  return sums[0] + sums[1] / sqrt_n + sums[2] / static_cast<double>(n) +
         sums[3] / (static_cast<double>(n) * sqrt_n);
}

}  // namespace

double SmirnovSf(int64_t n, double x) {
  if (!(x >= 0.0) || n <= 0) return std::nan("");
  if (x == 0.0) return 1.0;
  if (x >= 1.0) return 0.0;
  const double nd = static_cast<double>(n);
  // Birnbaum & Tingey: x * sum_{v=0}^{floor(n(1-x))} C(n,v) (x+v/n)^(v-1) (1-x-v/n)^(n-v),
  // every term evaluated in log space so that no binomial overflows.
  const int64_t last = static_cast<int64_t>(std::floor(nd * (1.0 - x)));
  const double log_n_factorial = std::lgamma(nd + 1);
  double sum = 0;
  for (int64_t v = 0; v <= last; ++v) {
    const double vd = static_cast<double>(v);
    const double at = x + vd / nd;
    const double rest = 1.0 - at;
    if (rest <= 0 && v < n) continue;
    double log_term =
        log_n_factorial - std::lgamma(vd + 1) - std::lgamma(nd - vd + 1) + (vd - 1) * std::log(at);
    if (v < n) log_term += (nd - vd) * std::log(rest);
    sum += std::exp(log_term);
  }
  return Clip01(sum * x);
}

double KolmogorovSf(int64_t n, double x) {
  if (n <= 0 || std::isnan(x)) return std::nan("");
  if (x >= 1.0) return 0.0;
  if (x <= 0.0) return 1.0;
  const double nd = static_cast<double>(n);
  const double t = nd * x;
  if (t <= 1.0) {
    // Ruben & Gambino: Pr(D_n <= x) = n!/n^n (2t - 1)^n for 1/(2n) <= x <= 1/n.
    if (t <= 0.5) return 1.0;
    double cdf;
    if (n <= 140) {
      cdf = 1.0;
      for (int64_t i = 1; i <= n; ++i) cdf *= static_cast<double>(i) * (1.0 / nd) * (2 * t - 1);
    } else {
      cdf = std::exp(LogFactorialOverPower(n) + nd * std::log(2 * t - 1));
    }
    return Clip01(1.0 - cdf);
  }
  if (t >= nd - 1) return Clip01(2 * std::pow(1.0 - x, nd));  // Ruben & Gambino
  // For x >= 1/2 the two one-sided events are disjoint.
  if (x >= 0.5) return Clip01(2 * SmirnovSf(n, x));
  const double nx2 = t * x;
  if (n <= 140) {
    // Simard & L'Ecuyer use Durbin below n x^2 = 0.754693 and Pomeranz up to
    // 4; Durbin's matrix is exact in both regions and its size (2 ceil(nx) - 1
    // <= 47 for n <= 140, n x^2 <= 4) stays small, so it serves both here.
    if (nx2 <= 4) return Clip01(1.0 - DurbinCdf(n, x));
    return Clip01(2 * SmirnovSf(n, x));
  }
  if (nx2 >= 370.0) return 0.0;
  if (nx2 >= 2.2) return Clip01(2 * SmirnovSf(n, x));
  double cdf;
  if (n <= 100000 && nd * std::pow(x, 1.5) <= 1.4) {
    cdf = DurbinCdf(n, x);
  } else {
    cdf = PelzGoodCdf(n, x);
  }
  return Clip01(1.0 - cdf);
}

double TwoSampleExactSf(int64_t m, int64_t n, int64_t h) {
  if (m < n) std::swap(m, n);
  if (h <= 0) return 1.0;
  const int64_t g = std::gcd(m, n);
  if (m == n) {
    // Pr(D_{n,n} >= h/n) = 2 sum_{k>=1} (-1)^(k+1) C(2n, n-kh) / C(2n, n).
    // Each ratio of consecutive terms is a product of h factors; nesting them
    // (2 A1 (1 - A2 (1 - A3 ...))) avoids the subtractive cancellation of the
    // alternating sum.
    double nested = 0.0;
    for (int64_t k = n / h; k >= 0; --k) {
      double ratio = 1.0;
      for (int64_t j = 0; j < h; ++j) {
        ratio = static_cast<double>(n - k * h - j) * ratio / static_cast<double>(n + k * h + j + 1);
      }
      nested = ratio * (1.0 - nested);
    }
    return 2 * nested;
  }
  // A path from (0,0) to (m,n) in unit steps stays inside the band when
  // |x n/g - y m/g| < h at every point. Let b(x, y) be the fraction of the
  // C(x + y, y) paths to (x, y) that have left the band somewhere; b = 1
  // outside the band, and inside Pascal's rule becomes the convex
  // combination b(x, y) = (x b(x-1, y) + y b(x, y-1)) / (x + y). Tracking the
  // outside fraction (not 1 - inside) keeps tiny p-values accurate, and the
  // convex combination never overflows. Only a window of y per column x is
  // inside the band.
  const int64_t mg = m / g, ng = n / g;
  std::vector<double> col(n + 1, 1.0), next(n + 1, 1.0);
  // Column x = 0: inside while y mg < h.
  int64_t lo = 0;
  int64_t hi = std::min<int64_t>((h + mg - 1) / mg - 1, n);  // largest y with y*mg < h
  for (int64_t y = lo; y <= hi; ++y) col[y] = 0.0;
  for (int64_t x = 1; x <= m; ++x) {
    // Inside: ng x - h < mg y < ng x + h.
    const int64_t below = ng * x - h;  // need mg*y > below
    const int64_t new_lo = below < 0 ? 0 : below / mg + 1;
    const int64_t above = ng * x + h;  // need mg*y < above
    const int64_t new_hi = std::min<int64_t>((above - 1) / mg, n);
    if (new_lo > new_hi) return 1.0;  // no path can stay inside
    const double xd = static_cast<double>(x);
    double down = 1.0;  // b(x, new_lo - 1): outside the band (unused when new_lo == 0)
    for (int64_t y = new_lo; y <= new_hi; ++y) {
      const double left = (y >= lo && y <= hi) ? col[y] : 1.0;  // b(x-1, y)
      const double yd = static_cast<double>(y);
      down = (xd * left + yd * down) / (xd + yd);
      next[y] = down;
    }
    for (int64_t y = lo; y <= hi; ++y) col[y] = 1.0;
    for (int64_t y = new_lo; y <= new_hi; ++y) col[y] = next[y];
    lo = new_lo;
    hi = new_hi;
  }
  return (n >= lo && n <= hi) ? col[n] : 1.0;
}

}  // namespace airm::stats::internal
