// Describing a file for registration: its digest, and when it is a table
// (CSV/TSV/JSON Lines, optionally .gz/.zst) its rows, schema and airm profile.
#pragma once

#include <optional>
#include <string>

#include "airm/profile.h"
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

// The same description for a caller that reads the table itself, chunk by
// chunk (TableStream), in memory bounded by the chunk: the digest is taken
// when it begins, each chunk goes into a streamed profile (sketches, with
// their error bounds, as `airm profile --stream`), and the schema holds each
// column's widest type across chunks. Not thread-safe.
class StreamedDatasetFile {
 public:
  // Hashes the file. InvalidArgument when its name does not say it is a
  // table (as DescribeDatasetFile decides); IoError when it cannot be read.
  static Result<StreamedDatasetFile> Begin(const std::string& path);
  const std::string& digest() const { return content_.digest; }
  // Adds the next chunk of rows (before any roles are applied, as
  // DescribeDatasetFile profiles the file).
  Status Add(const Table& chunk);
  // The description with row count, schema and profile. IoError when the
  // file changed since Begin (size or modification time).
  Result<DatasetContent> Finish() const;

 private:
  StreamedDatasetFile() = default;
  std::string path_;
  int64_t size_ = 0, mtime_ns_ = 0;
  DatasetContent content_;
  std::optional<ProfileBuilder> profile_;
};

// "sha256:" + Sha256File(path), with the size in *bytes.
Result<std::string> FileDigest(const std::string& path, int64_t* bytes = nullptr);

}  // namespace airm::store
