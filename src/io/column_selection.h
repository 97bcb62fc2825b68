// ReadOptions::columns applied by every reader: which of a file's columns to
// keep, in the order they were asked for.
//
// Parquet uses the indexes to decode only the chosen column chunks; CSV and
// JSON Lines parse every field (a row must be split to find its columns) and
// drop the other columns from the built table, so every format yields the
// same table for the same selection.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::io {

// Whether `options` keeps fewer than all of a file's columns (columns or
// skip_columns given).
bool SelectsColumns(const ReadOptions& options);

// The indexes into `available` of options.columns, in the asked order (every
// index, in file order, when options.columns is empty), less the names in
// options.skip_columns. A name the file lacks is kParseError "<file>: no
// column 'x' (asked for by the column selection); the file's columns: a, b,
// ..." under MissingColumns::kError, and left out under kSkip.
Result<std::vector<std::size_t>> SelectColumns(const std::string& file,
                                               const std::vector<std::string>& available,
                                               const ReadOptions& options);

// The table holding only the selected columns of `table`, in the selection's
// order (`table` itself when nothing is selected).
Result<Table> KeepSelectedColumns(const std::string& file, Table table, const ReadOptions& options);

}  // namespace airm::io
