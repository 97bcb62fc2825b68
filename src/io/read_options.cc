#include "airm/read_options.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <unordered_set>

namespace airm {

Status ReadOptions::Validate() const {
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
    return Status::InvalidArgument(
        "ReadOptions.delimiter: must not be a quote or a line break (0 = detect)");
  }
  if (max_field_bytes == 0 || max_field_bytes > (std::size_t{1} << 30)) {
    return Status::InvalidArgument("ReadOptions.max_field_bytes: must be in [1, 2^30]");
  }
  if (chunk_rows == 0) return Status::InvalidArgument("ReadOptions.chunk_rows: must be > 0");
  if (max_missing_cells == 0) {
    return Status::InvalidArgument("ReadOptions.max_missing_cells: must be > 0");
  }
  if (max_columns == 0) return Status::InvalidArgument("ReadOptions.max_columns: must be > 0");
  if (!(max_decompression_ratio == 0 || max_decompression_ratio >= 1)) {
    return Status::InvalidArgument(
        "ReadOptions.max_decompression_ratio: must be >= 1, or 0 for no limit");
  }
  std::unordered_set<std::string> seen;
  for (const std::string& name : columns) {
    if (name.empty()) return Status::InvalidArgument("ReadOptions.columns: a column name is empty");
    if (!seen.insert(name).second) {
      return Status::InvalidArgument("ReadOptions.columns: '" + name + "' is listed twice");
    }
  }
  for (const std::string& name : skip_columns) {
    if (name.empty()) {
      return Status::InvalidArgument("ReadOptions.skip_columns: a column name is empty");
    }
  }
  return Status::Ok();
}

std::size_t DictionaryLimit(const ReadOptions& options, std::size_t rows) {
  const std::size_t limit =
      options.max_dictionary != 0 ? options.max_dictionary : std::max<std::size_t>(1000, rows / 2);
  return std::min<std::size_t>(limit, std::numeric_limits<int32_t>::max());
}

}  // namespace airm
