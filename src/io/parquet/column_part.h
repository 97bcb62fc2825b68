// ColumnPart: the decoded rows of one column chunk (one column of one row
// group), in the storage of the column it becomes. Text is held as codes
// into a part-local dictionary in first-appearance order, so a
// dictionary-encoded string column costs 4 bytes a row plus its distinct
// values; the reader merges the parts' dictionaries in row-group order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "airm/column.h"

namespace airm::io::parquet {

struct ColumnPart {
  DataType type = DataType::kFloat64;                    // kCategorical stands for text
  std::vector<uint8_t> valid;                            // one per row
  std::vector<int64_t> ints;                             // kInt64, kTimestamp
  std::vector<double> doubles;                           // kFloat64
  std::vector<uint8_t> bools;                            // kBool
  std::vector<int32_t> codes;                            // text
  std::deque<std::string> dictionary;                    // text, stable addresses for `lookup`
  std::unordered_map<std::string_view, int32_t> lookup;  // while decoding only

  std::size_t rows() const { return valid.size(); }
};

}  // namespace airm::io::parquet
