// Number formatting shared by the human-readable renderers (HTML, later
// Markdown and terminal text). Every function accepts undefined and
// non-finite values and says so in words instead of printing "nan".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

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

}  // namespace airm::report
