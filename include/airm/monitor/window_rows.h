// Assigning the rows of current-data files to windows, and gathering a
// window's rows from several files into one table.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/table.h"

namespace airm::monitor {

// Each row's time in seconds since the epoch (UTC) from column `name`: a
// timestamp column, or text in ISO 8601 with a zone. InvalidArgument naming
// `source` and the column when it is missing or of another type; ParseError
// naming the row (1-based data row) when a text value is not a time. A null
// time is an error too: the row would belong to no window.
Result<std::vector<int64_t>> RowTimes(const Table& table, const std::string& name,
                                      const std::string& source);

struct RowSource {
  const Table* table = nullptr;
  std::string source;        // the file, for messages
  std::vector<size_t> rows;  // row indexes into *table, in order
};

// One table holding the selected rows of every source, in order. Columns are
// matched by name against the first source with rows; a column another source
// lacks is null there. Integer and float columns mix as float; text columns
// mix as text. InvalidArgument naming both files when a column's types
// cannot be mixed (text in one file, numbers in another).
Result<Table> GatherRows(std::span<const RowSource> sources);

}  // namespace airm::monitor
