#include "time_text.h"

#include <ctime>
#include <string>

namespace airm::lineage::internal {

std::optional<int64_t> EpochSeconds(std::string_view t) {
  // 2026-11-27T04:33:16Z
  if (t.size() != 20 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' ||
      t[16] != ':' || t[19] != 'Z') {
    return std::nullopt;
  }
  auto num = [&](size_t at, size_t len, int* out) {
    int v = 0;
    for (size_t i = at; i < at + len; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      v = v * 10 + (t[i] - '0');
    }
    *out = v;
    return true;
  };
  std::tm tm{};
  int year = 0, month = 0;
  if (!num(0, 4, &year) || !num(5, 2, &month) || !num(8, 2, &tm.tm_mday) ||
      !num(11, 2, &tm.tm_hour) || !num(14, 2, &tm.tm_min) || !num(17, 2, &tm.tm_sec)) {
    return std::nullopt;
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  return static_cast<int64_t>(timegm(&tm));
}

std::optional<int64_t> SecondsBetween(std::string_view earlier, std::string_view later) {
  std::optional<int64_t> a = EpochSeconds(earlier), b = EpochSeconds(later);
  if (!a || !b) return std::nullopt;
  return *b - *a;
}

}  // namespace airm::lineage::internal
