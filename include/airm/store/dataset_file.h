// Describing a file for registration: its digest, and when it is a table
// (CSV/TSV/JSON Lines, optionally .gz/.zst) its rows, schema and airm profile.
#pragma once

#include <string>

#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/table.h"

namespace airm::store {

// Hashes the file and, when its name says it is a table (.csv, .tsv, .txt,
// .jsonl, .ndjson, plus .gz/.zst), reads and profiles it. A file that is not
// a table, or a table that does not parse, is described by digest and size
// alone with content.note saying why. IoError when the file cannot be read or
// changes while it is being read (size or modification time moved).
Result<DatasetContent> DescribeDatasetFile(const std::string& path,
                                           const ReadOptions& options = {});

// The same, also handing back the table read (empty when not read as one),
// so a caller needing the rows reads the file once.
Result<DatasetContent> DescribeDatasetFile(const std::string& path, const ReadOptions& options,
                                           Table* table);

// Rows held in memory (the Python package's DataFrame) described as a file
// would be: rows, schema and profile, and as digest "sha256:" + the SHA-256
// of the hex SHA-256s of consecutive blocks of rows, each block the rows'
// canonical encodings (prediction_rows.h, over every column) each followed by
// 0x1E. So the same values in the same row order give the same digest
// whatever the column order or dtype widths; bytes is nullopt (no file).
Result<DatasetContent> DescribeDatasetTable(const Table& table);

// "sha256:" + Sha256File(path), with the size in *bytes.
Result<std::string> FileDigest(const std::string& path, int64_t* bytes = nullptr);

}  // namespace airm::store
