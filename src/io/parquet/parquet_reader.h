// Parquet input for ReadTable and TableStream (airm/reader.h), chosen there
// when a file starts with the magic bytes "PAR1", whatever its name.
//
// ReadParquetTable: (1) open and check the footer (file_layout.h); (2)
// decode every (row group, column) chunk of the columns asked for
// (ReadOptions::columns; the others are never read) as its own task on the process's
// thread pool (ParallelFor), each reading its bytes with pread; (3) assemble
// each column from its row groups' parts in order (column_assembler.h).
// Memory: the decoded parts plus the assembled table (about twice the
// table) and, per running task, one compressed column chunk and one
// decompressed page; decoding is bounded by DecodeBudget.
//
// The stream decodes one row group at a time (its columns in parallel) and
// hands it out in chunks of chunk_rows rows, so its memory is bounded by the
// largest row group rather than by the file.
#pragma once

#include <memory>
#include <string>

#include "airm/read_options.h"
#include "airm/reader.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::io::parquet {

Result<Table> ReadParquetTable(const std::string& path, const ReadOptions& options);
Result<std::unique_ptr<TableStream>> OpenParquetStream(const std::string& path,
                                                       const ReadOptions& options);

}  // namespace airm::io::parquet
