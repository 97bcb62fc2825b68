// AnalyzeCalibration: reliability curve, ECE variants, Brier decomposition.
// Definitions and the sklearn/numpy equivalents: docs/calibration.md.
#include "airm/calibration.h"

#include <algorithm>
#include <cmath>

#include "airm/metrics.h"
#include "airm/stats/quantile.h"

namespace airm {
namespace {

constexpr double kConfidence = 0.95;

// numpy.linspace(0, 1, bins + 1): i * (1 / bins), the last edge exactly 1.
std::vector<double> UniformEdges(int bins) {
  std::vector<double> edges(bins + 1);
  const double step = 1.0 / bins;
  for (int i = 0; i < bins; ++i) edges[i] = static_cast<double>(i) * step + 0.0;
  edges[bins] = 1.0;
  return edges;
}

// numpy.percentile(p, numpy.linspace(0, 1, bins + 1) * 100), as sklearn's
// strategy='quantile': the percentage is divided by 100 again inside numpy.
// REQUIRES: p sorted ascending.
std::vector<double> QuantileEdges(std::span<const double> p, int bins) {
  const std::vector<double> q = UniformEdges(bins);
  std::vector<double> edges(q.size());
  for (size_t i = 0; i < q.size(); ++i) edges[i] = stats::QuantileLinear(p, (q[i] * 100) / 100);
  return edges;
}

struct BinStats {
  std::vector<double> sum_p, sum_y;
  std::vector<uint64_t> count;
};

// Bin b = numpy.searchsorted(edges[1:-1], p, side='left'): the number of
// inner edges strictly below p, so inner bins are (e_b, e_{b+1}].
BinStats Accumulate(std::span<const double> p, std::span<const uint8_t> y,
                    const std::vector<double>& edges) {
  const size_t nbins = edges.size() - 1;
  BinStats s{std::vector<double>(nbins, 0.0), std::vector<double>(nbins, 0.0),
             std::vector<uint64_t>(nbins, 0)};
  const auto inner_begin = edges.begin() + 1;
  const auto inner_end = edges.end() - 1;
  for (size_t i = 0; i < p.size(); ++i) {
    const size_t b =
        static_cast<size_t>(std::lower_bound(inner_begin, inner_end, p[i]) - inner_begin);
    s.sum_p[b] += p[i];
    s.sum_y[b] += y[i];
    ++s.count[b];
  }
  return s;
}

struct Ece {
  double ece = 0, mce = 0;
};

Ece EceOf(const BinStats& s, double n) {
  Ece e;
  for (size_t b = 0; b < s.count.size(); ++b) {
    if (s.count[b] == 0) continue;
    const double nb = static_cast<double>(s.count[b]);
    const double gap = std::abs(s.sum_y[b] / nb - s.sum_p[b] / nb);
    e.ece += nb / n * gap;
    e.mce = std::max(e.mce, gap);
  }
  return e;
}

// Everything computed from one probability vector, its 0/1 outcomes and
// the same probabilities sorted.
void Fill(std::span<const double> p, std::span<const uint8_t> y, std::span<const double> sorted_p,
          int bins, CalibrationResult* out) {
  const double n = static_cast<double>(p.size());
  const std::vector<double> edges = UniformEdges(bins);
  const BinStats s = Accumulate(p, y, edges);
  const Ece uniform = EceOf(s, n);
  out->ece = uniform.ece;
  out->mce = uniform.mce;
  out->ece_equal_mass = EceOf(Accumulate(p, y, QuantileEdges(sorted_p, bins)), n).ece;

  uint64_t over = 0, under = 0;
  for (size_t b = 0; b + 1 < edges.size(); ++b) {
    CalibrationBin bin;
    bin.lower = edges[b];
    bin.upper = edges[b + 1];
    bin.count = s.count[b];
    if (s.count[b] > 0) {
      const double nb = static_cast<double>(s.count[b]);
      bin.mean_predicted = s.sum_p[b] / nb;
      bin.fraction_positive = s.sum_y[b] / nb;
      const Interval ci =
          WilsonInterval(static_cast<uint64_t>(std::llround(s.sum_y[b])), s.count[b], kConfidence);
      if (*bin.mean_predicted > ci.high) over += s.count[b];
      if (*bin.mean_predicted < ci.low) under += s.count[b];
    }
    out->bins.push_back(bin);
  }
  out->overconfidence_rate = static_cast<double>(over) / n;
  out->underconfidence_rate = static_cast<double>(under) / n;
}

// Murphy (1973) on the uniform bins: REL = sum n_b/N (pbar_b - obar_b)^2,
// RES = sum n_b/N (obar_b - obar)^2, UNC = obar (1 - obar).
void FillBrier(std::span<const double> p, std::span<const uint8_t> y, CalibrationResult* out) {
  const double n = static_cast<double>(p.size());
  double brier = 0, positives = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    brier += (p[i] - y[i]) * (p[i] - y[i]);
    positives += y[i];
  }
  const double base = positives / n;
  double rel = 0, res = 0;
  for (const CalibrationBin& b : out->bins) {
    if (b.count == 0) continue;
    const double w = static_cast<double>(b.count) / n;
    rel +=
        w * (*b.mean_predicted - *b.fraction_positive) * (*b.mean_predicted - *b.fraction_positive);
    res += w * (*b.fraction_positive - base) * (*b.fraction_positive - base);
  }
  out->brier = brier / n;
  out->reliability = rel;
  out->resolution = res;
  out->uncertainty = base * (1 - base);
}

std::string Plural(size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

}  // namespace

CalibrationResult AnalyzeCalibration(const EvalData& data, std::span<const uint32_t> rows,
                                     int bins) {
  CalibrationResult out;
  if (data.task == TaskType::kRegression) {
    out.note = "calibration applies to classification with probabilities, not regression";
    return out;
  }
  const bool binary = data.task == TaskType::kBinary && !data.score.empty();
  const bool multiclass = data.task == TaskType::kMulticlass && !data.proba.empty();
  if (!binary && !multiclass) {
    out.note =
        "no probabilities: calibration needs --score (binary) or --proba-prefix "
        "(multiclass)";
    return out;
  }
  if (bins < 1) {
    out.note = "calibration needs at least one bin";
    return out;
  }
  const std::span<const uint32_t> requested = rows;
  std::vector<uint32_t> all;
  if (rows.empty()) {
    all.resize(data.size());
    for (uint32_t i = 0; i < all.size(); ++i) all[i] = i;
    rows = all;
  }

  // Per kept row: the probability judged and whether its event happened.
  std::vector<double> p;
  std::vector<uint8_t> y;
  std::vector<uint32_t> kept;
  size_t nan_rows = 0, out_of_range = 0;
  const size_t k = data.proba.size();
  for (uint32_t i : rows) {
    if (binary) {
      const double s = data.score[i];
      if (std::isnan(s)) {
        ++nan_rows;
        continue;
      }
      if (s < 0 || s > 1) ++out_of_range;
      p.push_back(s);
      y.push_back(data.y_true[i] == 1);
    } else {
      bool nan = false;
      size_t arg = 0;
      for (size_t c = 0; c < k; ++c) {
        const double v = data.proba[c][i];
        if (std::isnan(v)) nan = true;
        if (v < 0 || v > 1) ++out_of_range;
        if (v > data.proba[arg][i]) arg = c;
      }
      if (nan) {
        ++nan_rows;
        continue;
      }
      p.push_back(data.proba[arg][i]);
      y.push_back(static_cast<int32_t>(arg) == data.y_true[i]);
    }
    kept.push_back(i);
  }
  if (out_of_range > 0) {
    out.note = Plural(out_of_range, "probability") +
               " outside [0, 1]: these are not probabilities, calibration is undefined";
    return out;
  }
  if (p.empty()) {
    out.note = "no rows with a probability";
    return out;
  }
  out.available = true;
  // Binary scores come sorted from the EvalData's score index (no NaN was
  // skipped, so they are exactly p).
  std::vector<double> sorted_p =
      binary && nan_rows == 0 ? SortedScores(data, requested) : std::vector<double>();
  if (sorted_p.size() != p.size()) {
    sorted_p = p;
    std::sort(sorted_p.begin(), sorted_p.end());
  }
  Fill(p, y, sorted_p, bins, &out);
  if (binary) {
    FillBrier(p, y, &out);
    out.note = "reliability of P(" + (data.classes.size() > 1 ? data.classes[1] : "positive") +
               ") on " + std::to_string(bins) + " equal-width bins";
  } else {
    double classwise = 0;
    std::vector<double> pc(kept.size());
    std::vector<uint8_t> yc(kept.size());
    for (size_t c = 0; c < k; ++c) {
      for (size_t j = 0; j < kept.size(); ++j) {
        pc[j] = data.proba[c][kept[j]];
        yc[j] = data.y_true[kept[j]] == static_cast<int32_t>(c);
      }
      classwise +=
          EceOf(Accumulate(pc, yc, UniformEdges(bins)), static_cast<double>(kept.size())).ece;
    }
    out.classwise_ece = classwise / static_cast<double>(k);
    out.note =
        "top-label calibration (confidence = highest probability, correct = its class "
        "is the label) on " +
        std::to_string(bins) +
        " equal-width bins; classwise_ece averages the one-vs-rest ECE of the " +
        std::to_string(k) + " classes; no Brier decomposition for multiclass";
  }
  if (nan_rows > 0) {
    out.note += "; " + Plural(nan_rows, "row") + " with a NaN probability skipped";
  }
  return out;
}

}  // namespace airm
