#include "airm/store/timestamp.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

namespace airm::store {

std::string UtcNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

namespace {

// Reads exactly `count` digits at text[*pos]; advances *pos.
bool Digits(std::string_view text, size_t* pos, int count, int* out) {
  if (*pos + count > text.size()) return false;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += count;
  *out = value;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

bool IsLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (era arithmetic on
// 400-year cycles, the standard civil-calendar conversion).
int64_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const int64_t year_of_era = year - era * 400;
  const int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void CivilFromDays(int64_t days, int* year, int* month, int* day) {
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t day_of_era = days - era * 146097;
  const int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int64_t mp = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = static_cast<int>(year_of_era + era * 400 + (*month <= 2));
}

}  // namespace

std::optional<std::string> ParseIso8601(std::string_view text) {
  std::string out;
  if (!ParseIso8601Into(text, &out)) return std::nullopt;
  return out;
}

bool FormatUtcSeconds(int64_t seconds, std::string* out) {
  int64_t days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  int64_t rest = seconds - days * 86400;
  int year = 0, month = 0, day = 0;
  CivilFromDays(days, &year, &month, &day);
  if (year < 0 || year > 9999) return false;
  // Formatted by hand: bulk loads call this once per row.
  char buf[19];  // YYYY-MM-DDTHH:MM:SS
  auto two = [&buf](int at, int value) {
    buf[at] = static_cast<char>('0' + value / 10);
    buf[at + 1] = static_cast<char>('0' + value % 10);
  };
  two(0, year / 100);
  two(2, year % 100);
  buf[4] = '-';
  two(5, month);
  buf[7] = '-';
  two(8, day);
  buf[10] = 'T';
  two(11, static_cast<int>(rest / 3600));
  buf[13] = ':';
  two(14, static_cast<int>(rest / 60 % 60));
  buf[16] = ':';
  two(17, static_cast<int>(rest % 60));
  out->assign(buf, sizeof buf);
  out->push_back('Z');
  return true;
}

bool ParseIso8601Into(std::string_view text, std::string* result) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!Digits(text, &pos, 4, &year) || !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &month) ||
      !Expect(text, &pos, '-') || !Digits(text, &pos, 2, &day)) {
    return false;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
  int offset_minutes = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return false;
    ++pos;
    if (!Digits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') ||
        !Digits(text, &pos, 2, &minute) || !Expect(text, &pos, ':') ||
        !Digits(text, &pos, 2, &second)) {
      return false;
    }
    if (hour > 23 || minute > 59 || second > 59) return false;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      size_t start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return false;
    }
    if (pos >= text.size()) return false;  // no zone: refuse to guess it
    if (text[pos] == 'Z' || text[pos] == 'z') {
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      const int sign = text[pos] == '+' ? 1 : -1;
      ++pos;
      int oh, om;
      if (!Digits(text, &pos, 2, &oh)) return false;
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!Digits(text, &pos, 2, &om) || oh > 23 || om > 59) return false;
      offset_minutes = sign * (oh * 60 + om);
    } else {
      return false;
    }
    if (pos != text.size()) return false;
  }
  int64_t seconds = DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second -
                    int64_t{offset_minutes} * 60;
  if (seconds < DaysFromCivil(0, 1, 1) * 86400 || seconds >= DaysFromCivil(10000, 1, 1) * 86400) {
    return false;
  }
  return FormatUtcSeconds(seconds, result);
}

}  // namespace airm::store
