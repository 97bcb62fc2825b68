#include "airm/report/format.h"

#include <fmt/format.h>

#include <cmath>

namespace airm::report {

std::string FormatNumber(double x) {
  if (std::isnan(x)) return kUndefined;
  if (std::isinf(x)) return x > 0 ? "\u221e" : "\u2212\u221e";
  if (x == 0) return "0";
  const double ax = std::fabs(x);
  // Fixed notation reads better than an exponent between 1e-4 and 1e6.
  if (ax >= 1e-4 && ax < 1e6) {
    const int digits_before = static_cast<int>(std::floor(std::log10(ax))) + 1;
    const int decimals = std::max(0, 4 - digits_before);
    std::string s = fmt::format("{:.{}f}", x, decimals);
    if (s.find('.') != std::string::npos) {
      while (!s.empty() && s.back() == '0') s.pop_back();
      if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
  }
  return fmt::format("{:.4g}", x);
}

std::string FormatNumber(std::optional<double> x) {
  return x ? FormatNumber(*x) : std::string(kUndefined);
}

std::string FormatPValue(std::optional<double> p) {
  if (!p || std::isnan(*p)) return kUndefined;
  if (*p <= 0) return "< 1e-300";
  if (*p >= 1e-4) return FormatNumber(*p);
  return fmt::format("{:.2g}", *p);
}

std::string FormatShare(double share) {
  if (!std::isfinite(share)) return kUndefined;
  if (share == 0) return "0%";
  const double pct = share * 100;
  if (std::fabs(pct) < 0.1) return "< 0.1%";
  if (std::fabs(pct) < 10) {
    std::string s = fmt::format("{:.1f}", pct);
    if (s.size() > 2 && s.substr(s.size() - 2) == ".0") s.resize(s.size() - 2);
    return s + "%";
  }
  return fmt::format("{:.0f}%", pct);
}

std::string FormatCount(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  out.reserve(digits.size() + digits.size() / 3);
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string FormatBytes(uint64_t n) {
  if (n < 1024) return fmt::format("{} B", n);
  static constexpr const char* kUnits[] = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  double v = static_cast<double>(n) / 1024;
  size_t unit = 0;
  while (v >= 1024 && unit + 1 < std::size(kUnits)) {
    v /= 1024;
    ++unit;
  }
  return fmt::format("{:.1f} {}", v, kUnits[unit]);
}

std::string DurationText(int64_t seconds) {
  if (seconds < 0) seconds = -seconds;
  struct Unit {
    int64_t size;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{86400, "day"}, {3600, "hour"}, {60, "minute"}, {1, "second"}};
  for (const Unit& unit : kUnits) {
    if (seconds >= unit.size || unit.size == 1) {
      int64_t n = seconds / unit.size;
      return std::to_string(n) + " " + unit.name + (n == 1 ? "" : "s");
    }
  }
  return "0 seconds";
}

std::string RelativeText(int64_t seconds_from_reference, std::string_view what) {
  if (seconds_from_reference == 0) return "at " + std::string(what);
  return DurationText(seconds_from_reference) +
         (seconds_from_reference < 0 ? " before " : " after ") + std::string(what);
}

}  // namespace airm::report
