// CSV tokenizer: splits a run of complete rows into fields (RFC 4180).
//
// Rules: fields are separated by the delimiter and rows by LF or CRLF; a
// field that starts with '"' is quoted, may contain delimiters and newlines,
// and writes a literal quote as ""; after its closing quote only a delimiter
// or the end of the row may follow. A quote inside an unquoted field is an
// error. Empty lines (or a lone "\r") between rows are skipped. Every field
// must be valid UTF-8.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "field_chunk.h"

namespace airm::io {

struct TokenizeContext {
  const std::string* file = nullptr;
  char delimiter = ',';
  // Column names for messages; also the expected field count. Null when
  // tokenizing the header itself (any field count accepted).
  const std::vector<std::string>* names = nullptr;
  // A longer field (quoted content counted unescaped) is an error, reported
  // like CsvRowScanner does. Whole-file reads rely on this check; streams
  // have the scanner fail earlier.
  std::size_t max_field_bytes = static_cast<std::size_t>(-1);
};

// Tokenizes `data`, whose first byte starts a row on physical line
// `first_line`. With a header (context.names), every row must have exactly
// names->size() fields. Fields go to `sink`; the unescaped text of quoted
// fields with doubled quotes is stored in `arena`. `*rows` counts the rows.
Status TokenizeCsv(std::string_view data, std::size_t first_line, const TokenizeContext& context,
                   FieldSink* sink, std::deque<std::string>* arena, std::size_t* rows);

// Convenience for the header: collects the fields of the first row.
Status TokenizeCsvHeader(std::string_view data, const TokenizeContext& context,
                         std::vector<std::string>* fields);

}  // namespace airm::io
