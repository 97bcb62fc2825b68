#include "airm/sketch/moments.h"

#include <algorithm>
#include <cmath>

namespace airm::sketch {

void Moments::Add(double value) {
  ++count;
  if (count == 1) {
    mean = value;
    m2 = 0.0;
    min = max = value;
    return;
  }
  // Welford (1962).
  const double delta = value - mean;
  mean += delta / static_cast<double>(count);
  m2 += delta * (value - mean);
  min = std::min(min, value);
  max = std::max(max, value);
}

void Moments::Merge(const Moments& other) {
  if (other.count == 0) return;
  if (count == 0) {
    *this = other;
    return;
  }
  // Chan, Golub & LeVeque (1979), pairwise update.
  const double na = static_cast<double>(count);
  const double nb = static_cast<double>(other.count);
  const double n = na + nb;
  const double delta = other.mean - mean;
  mean += delta * (nb / n);
  m2 += other.m2 + delta * delta * (na * nb / n);
  count += other.count;
  min = std::min(min, other.min);
  max = std::max(max, other.max);
}

std::optional<double> Moments::Mean() const {
  if (count == 0) return std::nullopt;
  return mean;
}

std::optional<double> Moments::SampleVariance() const {
  if (count < 2) return std::nullopt;
  return std::max(0.0, m2) / static_cast<double>(count - 1);
}

std::optional<double> Moments::SampleStddev() const {
  auto var = SampleVariance();
  if (!var) return std::nullopt;
  return std::sqrt(*var);
}

}  // namespace airm::sketch
