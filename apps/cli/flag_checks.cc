#include "flag_checks.h"

#include <charconv>
#include <cmath>
#include <string>

namespace airm::cli {
namespace {

// Parses the whole of `text` as a finite double; returns an error text or "".
std::string ParseFinite(const std::string& text, double* out) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;
  auto [end, ec] = std::from_chars(first, last, *out);
  if (ec != std::errc() || end != last || first == last) return "'" + text + "' is not a number";
  if (!std::isfinite(*out)) return "'" + text + "' is not a finite number";
  return "";
}

std::string FormatBound(double x) {
  std::string s = std::to_string(x);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

CLI::Validator Count(unsigned long long min) {
  return CLI::Validator(
      [min](std::string& text) -> std::string {
        unsigned long long value = 0;
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
          return "'" + text + "' is not a whole number >= " + std::to_string(min);
        }
        if (value < min) return "must be at least " + std::to_string(min) + ", got " + text;
        return "";
      },
      "INT>=" + std::to_string(min));
}

CLI::Validator FiniteNumber() {
  return CLI::Validator(
      [](std::string& text) -> std::string {
        double value = 0;
        return ParseFinite(text, &value);
      },
      "NUMBER");
}

namespace {

CLI::Validator Interval(double low, double high, bool open) {
  const std::string range =
      (open ? "(" : "[") + FormatBound(low) + ", " + FormatBound(high) + (open ? ")" : "]");
  return CLI::Validator(
      [low, high, open, range](std::string& text) -> std::string {
        double value = 0;
        if (std::string error = ParseFinite(text, &value); !error.empty()) return error;
        const bool inside = open ? (value > low && value < high) : (value >= low && value <= high);
        if (!inside) return "must be in " + range + ", got " + text;
        return "";
      },
      "NUMBER in " + range);
}

}  // namespace

CLI::Validator ClosedInterval(double low, double high) { return Interval(low, high, false); }

CLI::Validator OpenInterval(double low, double high) { return Interval(low, high, true); }

CLI::Option* AddListOption(CLI::App* sub, const std::string& name, std::vector<std::string>* values,
                           const std::string& what) {
  return sub->add_option(name, *values, what + " (comma list or repeated)")
      ->delimiter(',')
      ->allow_extra_args(false);
}

std::vector<std::string> SplitPairList(const std::string& text) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    std::string piece = text.substr(start, comma == std::string::npos ? comma : comma - start);
    if (!items.empty() && piece.find('=') == std::string::npos) {
      items.back() += "," + piece;  // part of the previous item's value
    } else {
      items.push_back(std::move(piece));
    }
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

CLI::Option* AddPairListOption(CLI::App* sub, const std::string& name,
                               std::vector<std::string>* values, const std::string& what) {
  return sub
      ->add_option_function<std::vector<std::string>>(
          name,
          [values](const std::vector<std::string>& given) {
            for (const std::string& text : given) {
              for (std::string& item : SplitPairList(text)) values->push_back(std::move(item));
            }
          },
          what + " (comma list or repeated)")
      ->type_name("TEXT")
      ->allow_extra_args(false);
}

}  // namespace airm::cli
