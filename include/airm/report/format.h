// Number formatting shared by the human-readable renderers (HTML, later
// Markdown and terminal text). Every function accepts undefined and
// non-finite values and says so in words instead of printing "nan".
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace airm::report {

// Shown wherever a number is undefined (an empty optional or a NaN).
inline constexpr const char* kUndefined = "\u2014";  // em dash

// 4 significant digits, no exponent for moderate magnitudes: "0.1234",
// "12.35", "1.235e+06"; "∞" / "−∞" for infinities; kUndefined for NaN.
std::string FormatNumber(double x);
std::string FormatNumber(std::optional<double> x);

// A p-value: "0.0312", "0.0001", "3.2e-05"; "< 1e-300" when it underflowed
// to 0; kUndefined when absent (distances have no p-value).
std::string FormatPValue(std::optional<double> p);

// A share in [0, 1] as a percentage: "23%", "0.4%", "< 0.1%" for tiny
// non-zero shares, "0%" for exactly zero.
std::string FormatShare(double share);

// A count with thousands separators: "1,234,567".
std::string FormatCount(uint64_t n);

// A byte count in binary units: "512 B", "1.5 KiB", "12.3 MiB".
std::string FormatBytes(uint64_t n);

// A duration in the largest whole unit: "3 days", "1 hour", "45 seconds"
// (the sign is ignored).
std::string DurationText(int64_t seconds);

// Where an event sits relative to a reference event called `what`:
// "3 days before training", "2 hours after training", "at training".
std::string RelativeText(int64_t seconds_from_reference, std::string_view what);

// Concatenation by appending. Also sidesteps GCC 12's -Wrestrict false
// positive on `"x" + std::string(...)` (operator+(const char*, string&&)).
inline std::string Cat(std::initializer_list<std::string_view> parts) {
  size_t size = 0;
  for (std::string_view p : parts) size += p.size();
  std::string out;
  out.reserve(size);
  for (std::string_view p : parts) out.append(p);
  return out;
}

}  // namespace airm::report
