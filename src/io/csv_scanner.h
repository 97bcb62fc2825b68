// CsvRowScanner: the sequential first pass over CSV bytes. It tracks quote
// state to find where rows end (so chunks can be parsed in parallel at safe
// boundaries) and enforces the limits that keep memory bounded on hostile
// input: a field longer than max_field_bytes and a row with more fields than
// the header fail as soon as they are seen, before more input is read.
// An unterminated quoted field is reported at the line where its quote
// opened. Quote rules are the tokenizer's (csv_tokenizer.h): a quote opens a
// quoted field only at the start of a field, and "" inside it is a literal
// quote.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::io {

// Picks the delimiter among ',' ';' '\t' '|' from the first lines of `head`
// (quoted content ignored): the one found the same non-zero number of times on
// every line, the most frequent such; else the most frequent on the first
// line; else ','.
char DetectDelimiter(std::string_view head);

class CsvRowScanner {
 public:
  // A safe split point: a row starts at `offset`, on physical line `line`.
  struct Mark {
    std::size_t offset;
    std::size_t line;
  };

  CsvRowScanner(const std::string& file, char delimiter, std::size_t max_field_bytes);

  // After the header is known: rows may not have more fields than `names`.
  void SetHeader(const std::vector<std::string>* names) { names_ = names; }
  // Record a Mark at a row end when at least `interval` bytes passed since the
  // last mark (0 = no marks).
  void SetMarkInterval(std::size_t interval, std::size_t last_mark) {
    mark_interval_ = interval;
    last_mark_ = last_mark;
  }

  // Scans data[pos, data.size()), stopping right after the `max_rows`-th
  // non-blank row that ends in this call. Returns where it stopped.
  Result<std::size_t> Scan(std::string_view data, std::size_t pos, std::size_t max_rows);
  // At end of input: fails on an unterminated quote; counts a last row that
  // has no newline. `end` is the data size.
  Status Finish(std::size_t end);

  std::size_t rows_ended() const { return rows_ended_; }
  std::size_t line() const { return line_; }  // physical line of the next byte
  bool row_pending() const { return row_bytes_ > 0 || state_ != State::kFieldStart; }
  std::vector<Mark>& marks() { return marks_; }

 private:
  enum class State { kFieldStart, kUnquoted, kQuoted, kQuotedQuote, kAfterQuote };
  Status FieldTooLong() const;
  Status TooManyFields() const;
  // Handles '\n' outside quotes; returns true when a non-blank row ended.
  bool EndLine(std::size_t next_offset);

  std::string file_;
  char delimiter_;
  std::size_t max_field_bytes_;
  const std::vector<std::string>* names_ = nullptr;
  State state_ = State::kFieldStart;
  std::size_t field_bytes_ = 0;
  std::size_t field_index_ = 0;  // 0-based index of the current field
  std::size_t row_bytes_ = 0;    // bytes of the current row so far
  char last_byte_ = 0;
  std::size_t line_ = 1;
  std::size_t row_line_ = 1;
  std::size_t field_line_ = 1;
  std::size_t quote_line_ = 1;
  std::size_t rows_ended_ = 0;
  std::size_t mark_interval_ = 0;
  std::size_t last_mark_ = 0;
  std::vector<Mark> marks_;
};

}  // namespace airm::io
