// Isotonic regression: the non-decreasing step function closest (weighted
// least squares) to observed outcomes, used to calibrate a model's scores
// into probabilities (CBPE, airm/cbpe.h).
//
// Fit and prediction follow sklearn.isotonic.IsotonicRegression(increasing=
// True, out_of_bounds="clip") exactly (scripts/fixtures/make_cbpe_fixtures.py
// compares them): rows sorted by x, equal x merged into one point (weighted
// mean of y, summed weight), pool-adjacent-violators (Ayer et al. 1955) on
// the merged points, and prediction by linear interpolation between the
// fitted points, x clipped to the fitted range. Thread-safety: pure.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace airm::stats {

struct IsotonicFit {
  std::vector<double> x;  // the distinct inputs, ascending
  std::vector<double> y;  // the fitted non-decreasing values at x
};

// Fits y on x (unit weights). Undefined (nullopt) when the spans differ in
// length, are empty, or hold a NaN or an infinity.
std::optional<IsotonicFit> FitIsotonic(std::span<const double> x, std::span<const double> y);

// The fitted function at `value`: linear between the fitted points, the end
// values outside them (sklearn's out_of_bounds="clip"). REQUIRES: fit.x is
// not empty and `value` is not NaN.
double PredictIsotonic(const IsotonicFit& fit, double value);

}  // namespace airm::stats
