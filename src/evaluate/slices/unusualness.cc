// Per-row unusualness against a reference: categorical rarity, numeric tail
// distance and a shrunk robust Mahalanobis distance (definitions: tail.h and
// docs/tail.md).
#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "airm/stats/quantile.h"
#include "airm/tail.h"
#include "order_statistics.h"

namespace airm {

namespace {

constexpr double kWinsor = 5.0;                // robust z-scores are clipped to +-5
constexpr double kShrinkage = 0.1;             // covariance shrunk 10% towards its diagonal
constexpr size_t kMaxCovarianceRows = 100000;  // reference rows used for the covariance
constexpr double kMadToSigma = 1.4826;         // MAD of a normal = 0.6745 sigma
constexpr double kIqrToSigma = 1.349;          // IQR of a normal = 1.349 sigma

bool IsMissing(const Column& c, size_t row) {
  return !c.IsValid(row) || (c.type() == DataType::kFloat64 && std::isnan(c.Float64At(row)));
}

bool TreatAsNumeric(const Column& c) { return c.is_numeric() && c.type() != DataType::kBool; }

// Rarity of a value seen `count` times in `n_ref` reference rows, scaled to
// [0, 1] by the rarity of a value never seen (frequency 1/(n_ref + 1)).
double Rarity(uint64_t count, uint64_t n_ref) {
  if (count == 0 || n_ref == 0) return 1.0;
  const double r = -std::log(static_cast<double>(count) / static_cast<double>(n_ref)) /
                   std::log(static_cast<double>(n_ref) + 1.0);
  return std::clamp(r, 0.0, 1.0);
}

struct RobustScale {
  double center = 0;
  double scale = 0;  // 0: not usable for the multivariate component
};

// The quantile levels read from a numeric column's finite reference values.
constexpr double kColumnLevels[] = {0.01, 0.25, 0.5, 0.75, 0.99};

// REQUIRES: `values` prepared by SelectForQuantiles(values, kColumnLevels).
RobustScale RobustOf(const std::vector<double>& values) {
  RobustScale rs;
  if (values.empty()) return rs;
  rs.center = stats::QuantileLinear(values, 0.5);
  std::vector<double> dev;
  dev.reserve(values.size());
  for (double v : values) dev.push_back(std::fabs(v - rs.center));
  const double median_level = 0.5;
  slices_internal::SelectForQuantiles(dev, {&median_level, 1});
  rs.scale = kMadToSigma * stats::QuantileLinear(dev, 0.5);
  if (!(rs.scale > 0)) {
    rs.scale =
        (stats::QuantileLinear(values, 0.75) - stats::QuantileLinear(values, 0.25)) / kIqrToSigma;
  }
  if (!(rs.scale > 0) || !std::isfinite(rs.scale)) rs.scale = 0;
  return rs;
}

// Cholesky factor L (row-major, lower) of a symmetric matrix; false when it
// is not positive definite.
bool Cholesky(std::vector<double> a, size_t k, std::vector<double>* l) {
  l->assign(k * k, 0.0);
  for (size_t i = 0; i < k; ++i) {
    for (size_t j = 0; j <= i; ++j) {
      double s = a[i * k + j];
      for (size_t m = 0; m < j; ++m) s -= (*l)[i * k + m] * (*l)[j * k + m];
      if (i == j) {
        if (!(s > 0)) return false;
        (*l)[i * k + i] = std::sqrt(s);
      } else {
        (*l)[i * k + j] = s / (*l)[j * k + j];
      }
    }
  }
  return true;
}

struct NumericForMv {
  const Column* data_col;
  const Column* ref_col;
  RobustScale rs;
};

double RobustZ(const Column& c, size_t row, const RobustScale& rs) {
  if (IsMissing(c, row)) return 0.0;  // imputed at the center
  const double x = c.NumericAt(row);
  if (std::isnan(x)) return 0.0;
  return std::clamp((x - rs.center) / rs.scale, -kWinsor, kWinsor);
}

}  // namespace

Result<std::vector<double>> UnusualnessScores(const Table& data_table, const EvalData& data,
                                              const Table* reference,
                                              const std::vector<std::string>& columns) {
  if (columns.empty()) return Status::InvalidArgument("unusualness: no columns");
  const size_t n = data.size();
  for (uint32_t r : data.source_rows) {
    if (r >= data_table.num_rows()) {
      return Status::InvalidArgument("unusualness: source row " + std::to_string(r) +
                                     " is outside the data table");
    }
  }
  const Table& ref = reference ? *reference : data_table;
  std::vector<uint32_t> ref_rows;
  if (reference) {
    ref_rows.resize(reference->num_rows());
    for (size_t i = 0; i < ref_rows.size(); ++i) ref_rows[i] = static_cast<uint32_t>(i);
  } else {
    ref_rows = data.source_rows;
  }
  const uint64_t n_ref = ref_rows.size();

  std::vector<double> scores(n, 0.0);
  std::vector<NumericForMv> mv;
  for (const std::string& name : columns) {
    const std::optional<size_t> dci = data_table.FindColumn(name);
    const std::optional<size_t> rci = ref.FindColumn(name);
    if (!dci) return Status::InvalidArgument("unusualness: unknown column '" + name + "'");
    if (!rci) {
      return Status::InvalidArgument("unusualness: column '" + name +
                                     "' is missing from the reference");
    }
    const Column& dc = data_table.column(*dci);
    const Column& rc = ref.column(*rci);
    if (TreatAsNumeric(dc) != TreatAsNumeric(rc)) {
      return Status::InvalidArgument("unusualness: column '" + name +
                                     "' is numeric in one table and not in the other");
    }
    uint64_t ref_missing = 0;
    for (uint32_t r : ref_rows) ref_missing += IsMissing(rc, r) ? 1 : 0;
    const double missing_component = Rarity(ref_missing, n_ref);

    if (!TreatAsNumeric(dc)) {
      // Count by dictionary code when possible: text lookups per row would
      // dominate the cost on large tables.
      std::map<std::string, uint64_t> counts;
      if (rc.type() == DataType::kCategorical) {
        std::vector<uint64_t> by_code(rc.dictionary().size(), 0);
        for (uint32_t r : ref_rows) {
          if (!IsMissing(rc, r)) ++by_code[static_cast<size_t>(rc.codes()[r])];
        }
        for (size_t c = 0; c < by_code.size(); ++c) {
          if (by_code[c] > 0) counts[rc.dictionary()[c]] += by_code[c];
        }
      } else {
        for (uint32_t r : ref_rows) {
          if (!IsMissing(rc, r)) ++counts[rc.TextAt(r)];
        }
      }
      auto rarity_of_text = [&](const std::string& text) {
        auto it = counts.find(text);
        return Rarity(it == counts.end() ? 0 : it->second, n_ref);
      };
      std::vector<double> rarity_by_code;
      if (dc.type() == DataType::kCategorical) {
        for (const std::string& text : dc.dictionary())
          rarity_by_code.push_back(rarity_of_text(text));
      }
      for (size_t i = 0; i < n; ++i) {
        const size_t row = data.source_rows[i];
        if (IsMissing(dc, row)) {
          scores[i] += missing_component;
        } else if (dc.type() == DataType::kCategorical) {
          scores[i] += rarity_by_code[static_cast<size_t>(dc.codes()[row])];
        } else {
          scores[i] += rarity_of_text(dc.TextAt(row));
        }
      }
      continue;
    }

    std::vector<double> finite;
    for (uint32_t r : ref_rows) {
      if (IsMissing(rc, r)) continue;
      const double x = rc.NumericAt(r);
      if (std::isfinite(x)) finite.push_back(x);
    }
    slices_internal::SelectForQuantiles(finite, kColumnLevels);
    std::optional<double> p1, p99, iqr;
    if (!finite.empty()) {
      p1 = stats::QuantileLinear(finite, 0.01);
      p99 = stats::QuantileLinear(finite, 0.99);
      iqr = stats::QuantileLinear(finite, 0.75) - stats::QuantileLinear(finite, 0.25);
      if (!(*iqr > 0)) iqr = *p99 - *p1;
    }
    for (size_t i = 0; i < n; ++i) {
      const size_t row = data.source_rows[i];
      if (IsMissing(dc, row)) {
        scores[i] += missing_component;
        continue;
      }
      const double x = dc.NumericAt(row);
      if (!std::isfinite(x) || !p1) {
        scores[i] += 1.0;  // infinite, or no finite reference value to compare with
        continue;
      }
      const double beyond = std::max({0.0, *p1 - x, x - *p99});
      if (beyond == 0) continue;
      scores[i] += *iqr > 0 ? 1.0 - std::exp(-beyond / *iqr) : 1.0;
    }
    RobustScale rs = RobustOf(finite);
    if (rs.scale > 0) mv.push_back(NumericForMv{&dc, &rc, rs});
  }

  // Multivariate component on the numeric columns with a usable scale.
  if (mv.size() >= 2 && n_ref >= 2) {
    const size_t stride = (n_ref + kMaxCovarianceRows - 1) / kMaxCovarianceRows;
    std::vector<std::vector<double>> zs;
    for (size_t i = 0; i < n_ref; i += stride) {
      std::vector<double> z(mv.size());
      for (size_t j = 0; j < mv.size(); ++j) z[j] = RobustZ(*mv[j].ref_col, ref_rows[i], mv[j].rs);
      zs.push_back(std::move(z));
    }
    size_t k = mv.size();
    std::vector<double> mean(k, 0.0), cov(k * k, 0.0);
    for (const auto& z : zs) {
      for (size_t j = 0; j < k; ++j) mean[j] += z[j];
    }
    for (double& m : mean) m /= static_cast<double>(zs.size());
    for (const auto& z : zs) {
      for (size_t a = 0; a < k; ++a) {
        for (size_t b = 0; b <= a; ++b) cov[a * k + b] += (z[a] - mean[a]) * (z[b] - mean[b]);
      }
    }
    const double denom = static_cast<double>(zs.size() - 1);
    bool usable = zs.size() >= 2;
    for (size_t a = 0; a < k; ++a) {
      for (size_t b = 0; b <= a; ++b) {
        cov[a * k + b] /= denom;
        if (a != b) cov[a * k + b] *= 1.0 - kShrinkage;
        cov[b * k + a] = cov[a * k + b];
      }
      if (!(cov[a * k + a] > 0)) usable = false;
    }
    std::vector<double> chol;
    if (usable && Cholesky(cov, k, &chol)) {
      auto squared_distance = [&](const std::vector<double>& z) {
        std::vector<double> y(k);
        double d2 = 0;
        for (size_t a = 0; a < k; ++a) {
          double v = z[a] - mean[a];
          for (size_t b = 0; b < a; ++b) v -= chol[a * k + b] * y[b];
          y[a] = v / chol[a * k + a];
          d2 += y[a] * y[a];
        }
        return d2;
      };
      // Calibrated on the reference itself, like the numeric columns: the
      // distance beyond the reference's p99 of D^2 in units of its IQR, so a
      // typical row scores 0 whatever the distribution's shape.
      std::vector<double> ref_d2;
      ref_d2.reserve(zs.size());
      for (const auto& z : zs) ref_d2.push_back(squared_distance(z));
      constexpr double kDistanceLevels[] = {0.01, 0.25, 0.75, 0.99};
      slices_internal::SelectForQuantiles(ref_d2, kDistanceLevels);
      const double p99 = stats::QuantileLinear(ref_d2, 0.99);
      double iqr = stats::QuantileLinear(ref_d2, 0.75) - stats::QuantileLinear(ref_d2, 0.25);
      if (!(iqr > 0)) iqr = p99 - stats::QuantileLinear(ref_d2, 0.01);
      std::vector<double> z(k);
      for (size_t i = 0; i < n; ++i) {
        const size_t row = data.source_rows[i];
        for (size_t a = 0; a < k; ++a) z[a] = RobustZ(*mv[a].data_col, row, mv[a].rs);
        const double beyond = std::max(0.0, squared_distance(z) - p99);
        if (beyond > 0) scores[i] += iqr > 0 ? 1.0 - std::exp(-beyond / iqr) : 1.0;
      }
    }
  }
  return scores;
}

}  // namespace airm
