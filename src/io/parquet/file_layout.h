// ParquetFile: an opened Parquet file whose footer has been read and checked.
//
// Layout: "PAR1", column chunks, the footer (Thrift FileMetaData), the
// footer's length (4 bytes little-endian), "PAR1". Opening checks, before a
// single page is read: both magics, that the footer lies inside the file,
// that the schema is flat (a root and leaf columns), that every row group has
// one chunk per column of the schema's type, in this file, whose bytes lie
// between the first magic and the footer. Errors are kParseError starting
// with the file name, naming the row group and column where there is one.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "airm/input_file.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "column_plan.h"
#include "metadata.h"

namespace airm::io::parquet {

inline constexpr std::string_view kMagic = "PAR1";

struct ParquetFile {
  std::string path;
  std::unique_ptr<InputFile> input;
  uint64_t size = 0;
  uint64_t footer_start = 0;  // column chunks end here
  FileMetaData meta;
  std::vector<ColumnPlan> columns;  // one per leaf, in schema order

  // "<file>: row group R, column C ('name'): " (1-based), for messages.
  std::string Where(std::size_t row_group, std::size_t column) const;
  // The byte range of a column chunk, as checked by Open.
  struct Range {
    uint64_t offset = 0;
    uint64_t length = 0;
  };
  Range ChunkRange(std::size_t row_group, std::size_t column) const;

  static Result<ParquetFile> Open(const std::string& path, const ReadOptions& options);
};

// True when the input starts with "PAR1" (an error only if it cannot be opened).
Result<bool> StartsWithParquetMagic(const std::string& path);

}  // namespace airm::io::parquet
