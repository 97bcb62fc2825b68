#include "csv_tokenizer.h"

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include "parse_error.h"
#include "value_parse.h"

namespace airm::io {
namespace {

std::size_t CountNewlines(const char* begin, const char* end) {
  std::size_t count = 0;
  for (const char* p = begin; p < end; ++p) count += *p == '\n';
  return count;
}

// Nonzero where a byte of `word` equals `byte`. Spurious bits appear only
// above a true match (borrows move up), so the lowest set bit is exact.
constexpr uint64_t MatchByte(uint64_t word, char byte) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  const uint64_t x = word ^ (kOnes * static_cast<unsigned char>(byte));
  return (x - kOnes) & ~x & (kOnes << 7);
}

// Offset of the first delimiter, newline or quote at or after `pos`, or n.
// Fields are mostly short numbers, so eight bytes a step (SWAR) beats both
// a byte loop and memchr's per-call setup.
std::size_t FindFieldStop(const char* p, std::size_t pos, std::size_t n, char delim,
                          const std::array<bool, 256>& stop) {
  if constexpr (std::endian::native == std::endian::little) {
    while (pos + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, p + pos, 8);
      const uint64_t hits = MatchByte(word, delim) | MatchByte(word, '\n') | MatchByte(word, '"');
      if (hits != 0) return pos + (std::countr_zero(hits) >> 3);
      pos += 8;
    }
  }
  while (pos < n && !stop[static_cast<unsigned char>(p[pos])]) ++pos;
  return pos;
}

Status FieldTooLong(const TokenizeContext& context, std::size_t line, std::size_t field) {
  return ParseErrorAt(
      *context.file, line, field + 1, context.names,
      "field longer than max_field_bytes (" + std::to_string(context.max_field_bytes) + " bytes)");
}

}  // namespace

Status TokenizeCsv(std::string_view data, std::size_t first_line, const TokenizeContext& context,
                   FieldSink* sink, std::deque<std::string>* arena, std::size_t* rows) {
  const std::string& file = *context.file;
  const std::vector<std::string>* names = context.names;
  const char delim = context.delimiter;
  const char* p = data.data();
  const std::size_t n = data.size();
  const std::size_t bad_utf8 = FindInvalidUtf8(data);

  // Bytes that end an unquoted run: delimiter, newline, quote.
  std::array<bool, 256> stop{};
  stop[static_cast<unsigned char>(delim)] = true;
  stop['\n'] = true;
  stop['"'] = true;

  const std::size_t expected = names != nullptr ? names->size() : 0;
  *rows = 0;

  std::size_t pos = 0;
  std::size_t line = first_line;
  while (pos < n) {
    // Skip blank lines.
    if (p[pos] == '\n') {
      ++pos;
      ++line;
      continue;
    }
    if (p[pos] == '\r' && (pos + 1 == n || p[pos + 1] == '\n')) {
      pos += pos + 1 == n ? 1 : 2;
      ++line;
      continue;
    }
    const std::size_t row_line = line;
    std::size_t field = 0;
    bool row_done = false;
    while (!row_done) {
      if (names != nullptr && field >= expected) {
        return ParseErrorAt(file, row_line, expected + 1, nullptr,
                            "too many fields: expected " + std::to_string(expected) +
                                " fields as in the header, found more");
      }
      std::string_view value;
      std::size_t raw_begin = pos;
      std::size_t raw_end;
      std::size_t field_line = line;
      if (pos < n && p[pos] == '"') {
        const std::size_t open_line = line;
        ++pos;
        const std::size_t content = pos;
        std::size_t pairs = 0;  // doubled quotes: each counts one byte
        while (true) {
          const void* q = pos < n ? std::memchr(p + pos, '"', n - pos) : nullptr;
          if (q == nullptr) {
            if (n - content - pairs > context.max_field_bytes) {
              return FieldTooLong(context, open_line, field);
            }
            return ParseErrorAt(file, open_line, field + 1, names,
                                "unterminated quoted field: the quote opened on this line is "
                                "never closed");
          }
          const std::size_t quote = static_cast<const char*>(q) - p;
          line += CountNewlines(p + pos, p + quote);
          if (quote + 1 < n && p[quote + 1] == '"') {
            ++pairs;
            pos = quote + 2;
            continue;
          }
          pos = quote + 1;
          break;
        }
        raw_end = pos;
        value = std::string_view(p + content, pos - 1 - content);
        if (value.size() - pairs > context.max_field_bytes) {
          return FieldTooLong(context, open_line, field);
        }
        if (pairs > 0) {
          std::string& text = arena->emplace_back();
          text.reserve(value.size());
          for (std::size_t i = 0; i < value.size(); ++i) {
            text.push_back(value[i]);
            if (value[i] == '"') ++i;  // skip the second quote of a pair
          }
          value = text;
        }
        // After the closing quote: delimiter, end of row, or CR LF.
        if (pos < n && p[pos] == '\r' && (pos + 1 == n || p[pos + 1] == '\n')) ++pos;
        if (pos < n && p[pos] != delim && p[pos] != '\n') {
          return ParseErrorAt(file, line, field + 1, names,
                              "unexpected " + DescribeByte(p[pos]) +
                                  " after the closing quote of a quoted field; expected the "
                                  "delimiter or the end of the row");
        }
      } else {
        pos = FindFieldStop(p, pos, n, delim, stop);
        if (pos < n && p[pos] == '"') {
          return ParseErrorAt(file, line, field + 1, names,
                              "quote character inside an unquoted field; a field containing "
                              "quotes must be enclosed in quotes with each quote doubled");
        }
        raw_end = pos;
        // The scanner counts the CR of a CRLF row end too.
        if (raw_end - raw_begin > context.max_field_bytes) {
          return FieldTooLong(context, field_line, field);
        }
        std::size_t value_end = pos;
        // CR of a CRLF row end (or of a last row without LF).
        if ((pos == n || p[pos] == '\n') && value_end > raw_begin && p[value_end - 1] == '\r') {
          --value_end;
        }
        value = std::string_view(p + raw_begin, value_end - raw_begin);
      }
      if (bad_utf8 >= raw_begin && bad_utf8 < raw_end) {
        const std::size_t bad_line = field_line + CountNewlines(p + raw_begin, p + bad_utf8);
        return ParseErrorAt(file, bad_line, field + 1, names,
                            "invalid UTF-8 (" + DescribeByte(p[bad_utf8]) + " at byte " +
                                std::to_string(bad_utf8 - raw_begin + 1) + " of the field)");
      }
      sink->Field(field, value);
      ++field;
      if (pos < n && p[pos] == delim) {
        // The next field may be empty, also at the end of the row ("a,b,").
        ++pos;
      } else {
        if (pos < n) {
          ++pos;  // the '\n'
          ++line;
        }
        row_done = true;
      }
    }
    if (names != nullptr && field < expected) {
      return ParseErrorAt(file, row_line, field + 1, names,
                          "too few fields: expected " + std::to_string(expected) +
                              " fields as in the header, found " + std::to_string(field));
    }
    sink->EndRow();
    ++*rows;
    if (names == nullptr) return Status::Ok();  // the header is one row
  }
  return Status::Ok();
}

Status TokenizeCsvHeader(std::string_view data, const TokenizeContext& context,
                         std::vector<std::string>* fields) {
  class Collector : public FieldSink {
   public:
    explicit Collector(std::vector<std::string>* out) : out_(out) {}
    void Field(std::size_t, std::string_view value) override { out_->emplace_back(value); }

   private:
    std::vector<std::string>* out_;
  };
  Collector collector(fields);
  std::deque<std::string> arena;
  std::size_t rows = 0;
  return TokenizeCsv(data, 1, context, &collector, &arena, &rows);
}

}  // namespace airm::io
