// Divergences between binned distributions; see divergences.h for the
// smoothing rule. References: PSI — Yurdakul (2018), "Statistical properties
// of population stability index"; KL — Kullback & Leibler (1951); JS — Lin
// (1991); Hellinger (1909); total variation — e.g. Gibbs & Su (2002).
#include "airm/stats/divergences.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace airm::stats {
namespace {

struct Proportions {
  std::vector<double> ref, cur;
  std::string error;  // non-empty: undefined, and why
};

Proportions Normalize(std::span<const uint64_t> ref, std::span<const uint64_t> cur,
                      const char* name) {
  Proportions out;
  if (ref.size() != cur.size()) {
    out.error = std::string(name) + " undefined: count vectors differ in length";
    return out;
  }
  if (ref.empty()) {
    out.error = std::string(name) + " undefined: no bins";
    return out;
  }
  double rt = 0, ct = 0;
  for (size_t i = 0; i < ref.size(); ++i) {
    rt += static_cast<double>(ref[i]);
    ct += static_cast<double>(cur[i]);
  }
  if (rt == 0 || ct == 0) {
    out.error = std::string(name) + " undefined: a sample has no counts";
    return out;
  }
  out.ref.resize(ref.size());
  out.cur.resize(cur.size());
  for (size_t i = 0; i < ref.size(); ++i) {
    out.ref[i] = static_cast<double>(ref[i]) / rt;
    out.cur[i] = static_cast<double>(cur[i]) / ct;
  }
  return out;
}

// Floor every proportion at kDivergenceEpsilon, then renormalise to sum 1.
void Smooth(std::vector<double>& p) {
  double total = 0;
  for (double& v : p) {
    v = std::max(v, kDivergenceEpsilon);
    total += v;
  }
  for (double& v : p) v /= total;
}

}  // namespace

TestOutcome Psi(std::span<const uint64_t> ref, std::span<const uint64_t> cur) {
  Proportions p = Normalize(ref, cur, "PSI");
  if (!p.error.empty()) return {std::nullopt, std::nullopt, p.error};
  Smooth(p.ref);
  Smooth(p.cur);
  double psi = 0;
  for (size_t i = 0; i < p.ref.size(); ++i) {
    psi += (p.cur[i] - p.ref[i]) * std::log(p.cur[i] / p.ref[i]);
  }
  return {psi, std::nullopt, ""};
}

TestOutcome KlDivergence(std::span<const uint64_t> ref, std::span<const uint64_t> cur) {
  Proportions p = Normalize(ref, cur, "KL divergence");
  if (!p.error.empty()) return {std::nullopt, std::nullopt, p.error};
  Smooth(p.ref);
  Smooth(p.cur);
  double kl = 0;
  for (size_t i = 0; i < p.ref.size(); ++i) kl += p.cur[i] * std::log(p.cur[i] / p.ref[i]);
  return {kl, std::nullopt, ""};
}

TestOutcome JensenShannonDistance(std::span<const uint64_t> ref, std::span<const uint64_t> cur) {
  Proportions p = Normalize(ref, cur, "Jensen-Shannon distance");
  if (!p.error.empty()) return {std::nullopt, std::nullopt, p.error};
  // JS = 1/2 KL(P || M) + 1/2 KL(Q || M), M = (P + Q) / 2; 0 log 0 = 0.
  double js = 0;
  for (size_t i = 0; i < p.ref.size(); ++i) {
    const double m = (p.ref[i] + p.cur[i]) / 2;
    if (p.ref[i] > 0) js += p.ref[i] * std::log(p.ref[i] / m);
    if (p.cur[i] > 0) js += p.cur[i] * std::log(p.cur[i] / m);
  }
  js /= std::log(2.0);
  // Rounding can make an identical pair's divergence -1e-17.
  return {std::sqrt(std::max(js / 2, 0.0)), std::nullopt, ""};
}

TestOutcome Hellinger(std::span<const uint64_t> ref, std::span<const uint64_t> cur) {
  Proportions p = Normalize(ref, cur, "Hellinger distance");
  if (!p.error.empty()) return {std::nullopt, std::nullopt, p.error};
  double sum = 0;
  for (size_t i = 0; i < p.ref.size(); ++i) {
    const double diff = std::sqrt(p.ref[i]) - std::sqrt(p.cur[i]);
    sum += diff * diff;
  }
  return {std::sqrt(sum / 2), std::nullopt, ""};
}

TestOutcome TotalVariation(std::span<const uint64_t> ref, std::span<const uint64_t> cur) {
  Proportions p = Normalize(ref, cur, "total variation");
  if (!p.error.empty()) return {std::nullopt, std::nullopt, p.error};
  double sum = 0;
  for (size_t i = 0; i < p.ref.size(); ++i) sum += std::abs(p.ref[i] - p.cur[i]);
  return {sum / 2, std::nullopt, ""};
}

}  // namespace airm::stats
