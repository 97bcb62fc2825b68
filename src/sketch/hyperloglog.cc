#include "airm/sketch/hyperloglog.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "airm/sketch/byte_io.h"

namespace airm::sketch {
namespace {

constexpr uint8_t kSerialVersion = 1;

// Ertl (2017), sigma(x) = x + sum_{k>=1} x^(2^k) 2^(k-1); x in [0, 1).
double Sigma(double x) {
  if (x == 1.0) return std::numeric_limits<double>::infinity();
  double y = 1.0;
  double z = x;
  for (;;) {
    x *= x;
    const double previous = z;
    z += x * y;
    y += y;
    if (z == previous) return z;
  }
}

// Ertl (2017), tau(x) = (1 - x - sum_{k>=1} (1 - x^(2^-k))^2 2^-k) / 3.
double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0.0;
  double y = 1.0;
  double z = 1.0 - x;
  for (;;) {
    x = std::sqrt(x);
    const double previous = z;
    y *= 0.5;
    z -= (1.0 - x) * (1.0 - x) * y;
    if (z == previous) return z / 3.0;
  }
}

}  // namespace

HyperLogLog::HyperLogLog(int precision)
    : precision_(std::clamp(precision, kMinPrecision, kMaxPrecision)),
      registers_(size_t{1} << precision_, 0) {}

double HyperLogLog::RelativeStandardError(int precision) {
  return 1.04 / std::sqrt(static_cast<double>(uint64_t{1} << precision));
}

Status HyperLogLog::Merge(const HyperLogLog& other) {
  if (other.precision_ != precision_) {
    return Status::InvalidArgument("cannot merge HyperLogLog sketches with precision " +
                                   std::to_string(precision_) + " and " +
                                   std::to_string(other.precision_));
  }
  for (size_t i = 0; i < registers_.size(); ++i) {
    registers_[i] = std::max(registers_[i], other.registers_[i]);
  }
  return Status::Ok();
}

double HyperLogLog::Estimate() const {
  const int q = 64 - precision_;
  const double m = static_cast<double>(registers_.size());
  std::vector<uint64_t> histogram(static_cast<size_t>(q) + 2, 0);
  for (uint8_t r : registers_) ++histogram[r];
  if (histogram[0] == registers_.size()) return 0.0;
  double z = m * Tau(1.0 - static_cast<double>(histogram[q + 1]) / m);
  for (int k = q; k >= 1; --k) z = 0.5 * (z + static_cast<double>(histogram[k]));
  z += m * Sigma(static_cast<double>(histogram[0]) / m);
  const double alpha_inf = 0.5 / std::log(2.0);
  return alpha_inf * m * m / z;
}

std::string HyperLogLog::Serialize() const {
  std::string out;
  internal::ByteWriter w(&out);
  w.PutU8(static_cast<uint8_t>(internal::SketchFamily::kHyperLogLog));
  w.PutU8(kSerialVersion);
  w.PutU8(static_cast<uint8_t>(precision_));
  w.PutBytes(std::string_view(reinterpret_cast<const char*>(registers_.data()), registers_.size()));
  return out;
}

Result<HyperLogLog> HyperLogLog::Deserialize(std::string_view bytes) {
  internal::ByteReader r(bytes);
  auto corrupt = [](const std::string& why) { return Status::Corrupt("HyperLogLog: " + why); };
  uint8_t family, version, precision;
  if (!r.ReadU8(&family) || !r.ReadU8(&version) || !r.ReadU8(&precision)) {
    return corrupt("truncated header");
  }
  if (family != static_cast<uint8_t>(internal::SketchFamily::kHyperLogLog)) {
    return corrupt("wrong family id " + std::to_string(family));
  }
  if (version != kSerialVersion) return corrupt("unsupported version " + std::to_string(version));
  if (precision < kMinPrecision || precision > kMaxPrecision) {
    return corrupt("precision " + std::to_string(precision) + " out of range");
  }
  HyperLogLog sketch(precision);
  std::string_view registers;
  if (!r.ReadBytes(sketch.registers_.size(), &registers)) return corrupt("truncated registers");
  if (!r.at_end()) return corrupt("trailing bytes");
  const int max_rank = 65 - precision;
  for (size_t i = 0; i < registers.size(); ++i) {
    const auto v = static_cast<uint8_t>(registers[i]);
    if (v > max_rank) return corrupt("register " + std::to_string(i) + " out of range");
    sketch.registers_[i] = v;
  }
  return sketch;
}

}  // namespace airm::sketch
