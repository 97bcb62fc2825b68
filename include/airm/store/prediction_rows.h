// The canonical encoding of a prediction's input row and its digest.
//
// A row's input_digest is "sha256:" + hex SHA-256 of its encoding:
//   for each feature column, in byte-wise order of column names:
//     name '=' value 0x1F      when the value is present
//     name 0x1F                when it is missing (no '=')
// where value is airm's canonical text of the parsed cell (Column::TextAt):
// numbers in shortest round-trip form ("3", "0.25", "NaN", "Inf"), booleans
// "true"/"false", timestamps ISO 8601 UTC, text verbatim. So the digest
// depends on the values, not on the file's formatting ("1.50" and "1.5" are
// the same input) or column order; the same row logged twice has the same
// digest. Feature columns are every column except the id, time and output
// columns and those the caller excludes (targets, scores, ...).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/table.h"

namespace airm::store {

class RowEncoder {
 public:
  // `feature_columns`: indexes into `table`; sorted here by name.
  RowEncoder(const Table& table, std::vector<size_t> feature_columns);

  // Replaces *out with the encoding of `row` (reuses its capacity).
  void Encode(size_t row, std::string* out) const;
  // Replaces *out with {"name": value, …} (numbers as JSON numbers, missing as
  // null, non-finite numbers as null), in the same column order.
  void EncodeJson(size_t row, std::string* out) const;
  const std::vector<size_t>& columns() const { return columns_; }

 private:
  const Table& table_;
  std::vector<size_t> columns_;
  // Per column of columns_: "name=" before a present value, "name" 0x1F for
  // a missing one.
  std::vector<std::string> present_, missing_;
};

// The text of a valid cell, written into *scratch when it must be formatted;
// the view stays valid until *scratch or the table changes.
std::string_view CellText(const Column& column, size_t row, std::string* scratch);

// "sha256:" + 64 hex digits of `bytes`, written over *out (reuses capacity).
void InputDigest(std::string_view bytes, std::string* out);

// Length of an input digest: "sha256:" + 64 hex digits.
inline constexpr size_t kInputDigestSize = 71;

// The input digests of rows [begin, end), back to back in *out (each
// kInputDigestSize bytes). Safe to call from several threads at once on
// disjoint outputs: the encoder only reads the table.
void InputDigests(const RowEncoder& encoder, size_t begin, size_t end, std::string* out);

}  // namespace airm::store
