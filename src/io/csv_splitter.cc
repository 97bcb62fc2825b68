#include "csv_splitter.h"

#include <algorithm>
#include <cstdint>

#include "airm/parallel_for.h"

namespace airm::io {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct RangeSurvey {
  std::size_t quotes = 0;
  std::size_t newlines = 0;
  // For a range entered outside (parity 0) or inside (1) quotes: the offset
  // just after its first row-ending newline, and the newlines before it.
  std::size_t after_newline[2] = {kNone, kNone};
  std::size_t newlines_before[2] = {0, 0};
};

RangeSurvey Survey(std::string_view data, std::size_t begin, std::size_t end) {
  RangeSurvey s;
  const char* p = data.data();
  // Counting is branch-free, in blocks small enough for byte-wide counters,
  // so the compiler vectorises it.
  constexpr std::size_t kBlock = 255;
  std::size_t quotes = 0;
  std::size_t newlines = 0;
  for (std::size_t block = begin; block < end; block += kBlock) {
    const std::size_t stop = std::min(end, block + kBlock);
    uint8_t q = 0;
    uint8_t nl = 0;
    for (std::size_t i = block; i < stop; ++i) {
      q += p[i] == '"';
      nl += p[i] == '\n';
    }
    quotes += q;
    newlines += nl;
  }
  s.quotes = quotes;
  s.newlines = newlines;
  // The first newline at each relative parity is usually within a row or two.
  // Once the range's last quote is passed the parity stays put, so the search
  // stops at the next newline (at once in a file without quotes).
  unsigned parity = 0;
  std::size_t seen = 0;
  std::size_t quotes_seen = 0;
  for (std::size_t i = begin; i < end; ++i) {
    if (p[i] == '"') {
      parity ^= 1;
      ++quotes_seen;
    } else if (p[i] == '\n') {
      // Entered with parity e, the newline is outside quotes when e == parity.
      if (s.after_newline[parity] == kNone) {
        s.after_newline[parity] = i + 1;
        s.newlines_before[parity] = seen;
      }
      ++seen;
      if (quotes_seen == quotes || s.after_newline[parity ^ 1] != kNone) break;
    }
  }
  return s;
}

}  // namespace

Result<std::vector<CsvRowScanner::Mark>> FindRowStarts(std::string_view data,
                                                       std::size_t first_line, std::size_t interval,
                                                       std::size_t num_threads) {
  std::vector<CsvRowScanner::Mark> starts{{0, first_line}};
  interval = std::max<std::size_t>(interval, 1);
  const std::size_t n = data.size();
  const std::size_t ranges = (n + interval - 1) / interval;
  if (ranges <= 1) return starts;
  std::vector<RangeSurvey> surveys(ranges);
  AIRM_RETURN_IF_ERROR(ParallelFor(ranges, static_cast<int>(num_threads), [&](std::size_t r) {
    surveys[r] = Survey(data, r * interval, std::min(n, (r + 1) * interval));
  }));
  // The first range starts the data, so it needs no split point of its own.
  unsigned parity = surveys[0].quotes & 1;
  std::size_t line = first_line + surveys[0].newlines;
  for (std::size_t r = 1; r < ranges; ++r) {
    const RangeSurvey& s = surveys[r];
    const std::size_t at = s.after_newline[parity];
    if (at != kNone && at < n) {
      starts.push_back({at, line + s.newlines_before[parity] + 1});
    }
    parity ^= s.quotes & 1;
    line += s.newlines;
  }
  return starts;
}

}  // namespace airm::io
