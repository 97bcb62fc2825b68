// FieldChunk: the raw text of a run of rows, column by column, as produced by
// the CSV tokenizer and the JSON Lines parser and consumed by the type
// inference in table_builder.h.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace airm::io {

// Receives the fields of each row in column order, then EndRow. Views stay
// valid as long as the producer's input and arena live. A view with
// data() == nullptr is an absent value (a JSON null or missing key).
class FieldSink {
 public:
  virtual ~FieldSink() = default;
  virtual void Field(std::size_t column, std::string_view value) = 0;
  virtual void EndRow() {}
};

struct FieldChunk {
  std::size_t num_rows = 0;
  // fields[column][row]. A view with data() == nullptr is a value that is
  // absent (a JSON null or missing key); it is null whatever the null tokens.
  // Other views point into the input buffer or into `arena`.
  std::vector<std::vector<std::string_view>> fields;
  // Owned text of fields that needed unescaping. A deque, so views into its
  // strings stay valid while it grows.
  std::deque<std::string> arena;
};

}  // namespace airm::io
