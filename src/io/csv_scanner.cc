#include "csv_scanner.h"

#include <limits>

#include "parse_error.h"

namespace airm::io {

char DetectDelimiter(std::string_view head) {
  constexpr char kCandidates[] = {',', ';', '\t', '|'};
  constexpr std::size_t kMaxLines = 20;
  std::vector<std::vector<std::size_t>> counts;  // [line][candidate]
  std::vector<std::size_t> current(4, 0);
  bool in_quotes = false;
  bool line_has_bytes = false;
  for (std::size_t i = 0; i < head.size() && counts.size() < kMaxLines; ++i) {
    const char c = head[i];
    if (c == '"') {
      in_quotes = !in_quotes;  // "" toggles twice: no net change
    } else if (!in_quotes && c == '\n') {
      if (line_has_bytes) counts.push_back(current);
      current.assign(4, 0);
      line_has_bytes = false;
      continue;
    } else if (!in_quotes) {
      for (int k = 0; k < 4; ++k) current[k] += c == kCandidates[k];
    }
    if (c != '\r') line_has_bytes = true;
  }
  // A last line without newline counts only when it is the only line: it may
  // have been cut by the size of `head`.
  if (counts.empty() && line_has_bytes) counts.push_back(current);
  if (counts.empty()) return ',';
  int best = -1;
  std::size_t best_count = 0;
  for (int k = 0; k < 4; ++k) {
    const std::size_t first = counts[0][k];
    if (first == 0) continue;
    bool consistent = true;
    for (const auto& line : counts) consistent = consistent && line[k] == first;
    if (consistent && first > best_count) {
      best = k;
      best_count = first;
    }
  }
  if (best >= 0) return kCandidates[best];
  for (int k = 0; k < 4; ++k) {
    if (counts[0][k] > best_count) {
      best = k;
      best_count = counts[0][k];
    }
  }
  return best >= 0 ? kCandidates[best] : ',';
}

CsvRowScanner::CsvRowScanner(const std::string& file, char delimiter, std::size_t max_field_bytes)
    : file_(file), delimiter_(delimiter), max_field_bytes_(max_field_bytes) {}

Status CsvRowScanner::FieldTooLong() const {
  if (names_ == nullptr) {
    return ParseErrorAt(
        file_, row_line_, 0, nullptr,
        "header row longer than max_field_bytes (" + std::to_string(max_field_bytes_) + " bytes)");
  }
  const std::size_t line = state_ == State::kUnquoted ? field_line_ : quote_line_;
  return ParseErrorAt(
      file_, line, field_index_ + 1, names_,
      "field longer than max_field_bytes (" + std::to_string(max_field_bytes_) + " bytes)");
}

Status CsvRowScanner::TooManyFields() const {
  return ParseErrorAt(file_, row_line_, names_->size() + 1, nullptr,
                      "too many fields: expected " + std::to_string(names_->size()) +
                          " fields as in the header, found more");
}

bool CsvRowScanner::EndLine(std::size_t next_offset) {
  const bool blank = field_index_ == 0 && state_ != State::kAfterQuote &&
                     (row_bytes_ == 0 || (row_bytes_ == 1 && last_byte_ == '\r'));
  ++line_;
  state_ = State::kFieldStart;
  field_index_ = 0;
  field_bytes_ = 0;
  row_bytes_ = 0;
  last_byte_ = 0;
  if (blank) return false;
  ++rows_ended_;
  if (mark_interval_ > 0 && next_offset - last_mark_ >= mark_interval_) {
    marks_.push_back(Mark{next_offset, line_});
    last_mark_ = next_offset;
  }
  return true;
}

Result<std::size_t> CsvRowScanner::Scan(std::string_view data, std::size_t pos,
                                        std::size_t max_rows) {
  const char* p = data.data();
  const std::size_t n = data.size();
  const char delim = delimiter_;
  const std::size_t max_fields =
      names_ != nullptr ? names_->size() : std::numeric_limits<std::size_t>::max();
  // The header is bounded as a whole, every later row field by field.
  const std::size_t max_bytes = max_field_bytes_;
  std::size_t ended_here = 0;
  while (pos < n) {
    char c = p[pos];
    switch (state_) {
      case State::kFieldStart:
        if (field_index_ == 0 && row_bytes_ == 0) row_line_ = line_;
        field_bytes_ = 0;
        if (c == '"') {
          state_ = State::kQuoted;
          quote_line_ = line_;
          ++row_bytes_;
          last_byte_ = c;
          ++pos;
          break;
        }
        state_ = State::kUnquoted;
        field_line_ = line_;
        [[fallthrough]];
      case State::kUnquoted: {
        const std::size_t start = pos;
        while (pos < n && p[pos] != delim && p[pos] != '\n') ++pos;
        const std::size_t run = pos - start;
        field_bytes_ += run;
        row_bytes_ += run;
        if (run > 0) last_byte_ = p[pos - 1];
        if (field_bytes_ > max_bytes || (names_ == nullptr && row_bytes_ > max_bytes)) {
          return FieldTooLong();
        }
        if (pos == n) break;
        c = p[pos];
        ++pos;
        if (c == delim) {
          ++field_index_;
          if (field_index_ >= max_fields) return TooManyFields();
          ++row_bytes_;
          last_byte_ = c;
          state_ = State::kFieldStart;
        } else if (EndLine(pos) && ++ended_here == max_rows) {
          return pos;
        }
        break;
      }
      case State::kQuoted: {
        const std::size_t start = pos;
        while (pos < n && p[pos] != '"') {
          if (p[pos] == '\n') ++line_;
          ++pos;
        }
        const std::size_t run = pos - start;
        field_bytes_ += run;
        row_bytes_ += run;
        if (field_bytes_ > max_bytes || (names_ == nullptr && row_bytes_ > max_bytes)) {
          return FieldTooLong();
        }
        if (pos == n) break;
        state_ = State::kQuotedQuote;
        ++row_bytes_;
        last_byte_ = '"';
        ++pos;
        break;
      }
      case State::kQuotedQuote:
        if (c == '"') {
          // A doubled quote: one literal quote, still inside the field.
          state_ = State::kQuoted;
          ++field_bytes_;
          ++row_bytes_;
          ++pos;
          break;
        }
        state_ = State::kAfterQuote;
        [[fallthrough]];
      case State::kAfterQuote:
        if (c == delim) {
          ++pos;
          ++field_index_;
          if (field_index_ >= max_fields) return TooManyFields();
          ++row_bytes_;
          last_byte_ = c;
          state_ = State::kFieldStart;
        } else if (c == '\n') {
          ++pos;
          if (EndLine(pos) && ++ended_here == max_rows) return pos;
        } else if (c == '\r') {
          ++row_bytes_;
          last_byte_ = c;
          ++pos;
        } else {
          // A stray byte after a closing quote: the tokenizer reports it; here
          // the field simply continues unquoted so row ends stay consistent.
          state_ = State::kUnquoted;
        }
        break;
    }
  }
  return pos;
}

Status CsvRowScanner::Finish(std::size_t end) {
  if (state_ == State::kQuoted) {
    return ParseErrorAt(file_, quote_line_, field_index_ + 1, names_,
                        "unterminated quoted field: the quote opened on this line is never "
                        "closed");
  }
  if (row_pending()) {
    EndLine(end);
    --line_;  // no newline was consumed
  }
  return Status::Ok();
}

}  // namespace airm::io
