// Columns of a Table from ColumnParts: the rows [begin, end) of one or more
// parts (row groups, in order) become one Column.
//
// Text: the parts' local dictionaries are merged in row order, so the
// column's dictionary is in first-appearance order whatever the number of
// row groups or threads; more distinct values than the dictionary limit
// (ReadOptions::max_dictionary, 0 = max(1000, rows / 2), as for CSV) makes a
// kString column, and so does `*is_string` already set by an earlier stream
// chunk (it is set when this chunk goes over).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/read_options.h"
#include "column_part.h"

namespace airm::io::parquet {

struct PartRange {
  const ColumnPart* part = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

Column AssembleColumn(const std::string& name, DataType type, const std::vector<PartRange>& ranges,
                      const ReadOptions& options, bool* is_string);

}  // namespace airm::io::parquet
