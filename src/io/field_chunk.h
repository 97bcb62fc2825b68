// FieldChunk: the raw text of a run of rows, column by column, as produced by
// the CSV tokenizer and the JSON Lines parser and consumed by the type
// inference in table_builder.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <utility>
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

// The fields of a run of rows, sparse: a row lists only the columns it has
// (JSON Lines rows often name few of the file's keys), so memory follows the
// input, not rows x columns. A column absent from a row is null whatever the
// null tokens; so is a present view with data() == nullptr (JSON null).
struct FieldChunk {
  std::size_t num_rows = 0;
  // Per row: (column, text), each column at most once. Views point into the
  // input buffer or into `arena`.
  std::vector<std::vector<std::pair<uint32_t, std::string_view>>> rows;
  // Owned text of fields that needed unescaping. A deque, so views into its
  // strings stay valid while it grows.
  std::deque<std::string> arena;
};

}  // namespace airm::io
