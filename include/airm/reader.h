// Readers: CSV and JSON Lines files (optionally gzip- or zstd-compressed) and
// Parquet files into typed Tables.
//
// Format: a file that starts with "PAR1" is Parquet, whatever its name
// (docs/formats/parquet.md: flat schemas, its own types, errors name the row
// group and column). Otherwise by file name: *.jsonl and *.ndjson are JSON
// Lines, everything else is CSV; an extra .gz or .zst suffix is ignored for
// this choice. Compression is
// detected from the first bytes (gzip 1f 8b, zstd 28 b5 2f fd), whatever the
// name. Column types are inferred (bool, int64, float64, timestamp, text ->
// categorical or string); every rule is in docs/formats/csv.md.
//
// Inputs are opened as airm/input_file.h says: "-" is standard input, pipes
// are read once into memory, devices and directories are refused.
//
// Errors: a missing or unreadable file, a device, or a file that shrinks
// while it is read is kIoError; malformed content (ragged
// rows, bad quotes, invalid UTF-8, corrupt compressed data, a field longer
// than max_field_bytes, more columns than max_columns, a decompression bomb,
// ...) is kParseError whose message starts with the
// file name and gives "line N" (1-based physical line), the 1-based column
// index and the column name when known, and what was expected.
// No function here throws, prints or aborts on any input.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

// Reads a whole file into one Table, parsing on options.num_threads threads.
// Memory: about the decompressed file size plus the parsed columns
// (docs/limits.md gives the model per reader and the limits that bound it).
Result<Table> ReadTable(const std::string& path, const ReadOptions& options = {});

// `table` with options' column selection applied (columns, missing_columns,
// skip_columns), as ReadTable with that selection would have returned the
// file: for a table a face already holds in memory, so a use case narrows it
// as it narrows a file. `source` names it in messages.
Result<Table> SelectTableColumns(const std::string& source, Table table,
                                 const ReadOptions& options);

// Reads a file in chunks of options.chunk_rows rows with memory bounded by
// the chunk size (input is read in 4 MiB blocks), independent of file size.
//
// Column names and order are fixed by the CSV header (for JSON Lines: every
// key of the file, which Open collects in a first pass over the input, so a
// key that first appears late is a column of every chunk, null before). Types are inferred per
// chunk but never narrower than in earlier chunks: once a column was float64 it stays float64 (or
// wider), once text it stays text, once kString it never returns to kCategorical. A column that is
// entirely null in a chunk is reported as all-null float64 for that chunk and
// does not constrain later chunks. Categorical dictionaries are per chunk.
// Not thread-safe: call Next from one thread at a time.
class TableStream {
 public:
  static Result<std::unique_ptr<TableStream>> Open(const std::string& path,
                                                   const ReadOptions& options = {});
  // The next chunk (1 to chunk_rows rows), or nullopt at the end of input.
  // After an error every later call returns the same error.
  virtual Result<std::optional<Table>> Next() = 0;
  virtual ~TableStream() = default;
};

}  // namespace airm
