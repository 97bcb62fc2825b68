// PhysicalValues: the non-null values of one page (or of a dictionary page)
// as the file stores them, before logical conversion (column_plan.h).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace airm::io::parquet {

struct PhysicalValues {
  // BOOLEAN (0 / 1), INT32 (sign-extended) and INT64.
  std::vector<int64_t> ints;
  // FLOAT and DOUBLE.
  std::vector<double> doubles;
  // BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY and INT96: views into the page buffer,
  // a dictionary's buffer, or `owned` (values DELTA_BYTE_ARRAY rebuilt).
  std::vector<std::string_view> bytes;
  std::deque<std::string> owned;

  std::size_t size() const { return ints.size() + doubles.size() + bytes.size(); }
  void Clear() {
    ints.clear();
    doubles.clear();
    bytes.clear();
    owned.clear();
  }
};

}  // namespace airm::io::parquet
