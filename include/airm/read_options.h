// ReadOptions: how the readers (CSV, JSON Lines, Parquet) interpret their input.
//
// Every field has a default that suits ordinary files; Validate() rejects
// combinations that cannot work (it is called by ReadTable and
// TableStream::Open, so callers need not call it themselves).
// The dialect, inference and error rules are documented in docs/formats/csv.md;
// the memory each reader needs and the limits below in docs/limits.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "airm/status.h"

namespace airm {

struct ReadOptions {
  // Field delimiter of CSV input. 0 = detect among ',' ';' '\t' '|' from the
  // first lines, ignoring quoted content. Must not be '"', '\r' or '\n'.
  char delimiter = 0;
  // Field values that mean "missing", compared after trimming spaces and tabs.
  // Quoted fields are compared the same way ("NA" and NA are both null).
  std::vector<std::string> null_tokens = {"", "NA", "NaN", "null", "None"};
  // Parser threads; 0 = std::thread::hardware_concurrency(). The result does
  // not depend on this number.
  std::size_t num_threads = 0;
  // A field longer than this many bytes is a parse error, so hostile input
  // cannot make the reader allocate without bound. At most 1 GiB.
  std::size_t max_field_bytes = 16u << 20;
  // Rows per chunk returned by TableStream::Next. Must be > 0.
  std::size_t chunk_rows = 65536;
  // A text column with more distinct values than this becomes kString instead
  // of kCategorical. 0 = automatic: max(1000, rows / 2), where rows is the
  // number of rows read (of the chunk, when streaming).
  std::size_t max_dictionary = 0;
  // More columns than this (CSV header fields, or distinct JSON Lines keys
  // after flattening) is a parse error naming the first column past the
  // limit. Every column costs the readers and the analyses a fixed amount
  // however few rows there are (docs/limits.md), so a small hostile file
  // must not be able to ask for millions. Must be > 0.
  std::size_t max_columns = 10000;
  // A compressed input whose decompressed bytes exceed both 64 MiB and this
  // many times the compressed bytes read is a parse error (a decompression
  // bomb). Applies to ReadTable, which holds the decompressed file in
  // memory, and to TableStream, whose memory does not grow with the file but
  // whose time would. 0 = no limit; otherwise must be >= 1.
  double max_decompression_ratio = 100;
  // JSON Lines rows may each name different keys; the table stores every
  // key a row lacks as a null cell (9 bytes each). More such cells than this
  // in one table (a whole file, or one stream chunk) is a parse error, so a
  // small file whose every line brings a new key cannot ask for gigabytes.
  // The default, 2^26, is about 600 MB of nulls. Must be > 0.
  std::size_t max_missing_cells = std::size_t{1} << 26;
  // The columns to read, by name, in the order the table should hold them;
  // empty = every column in the file's order. A name the file lacks is a
  // parse error listing the file's columns. Parquet never reads or
  // decompresses the pages of the other columns; CSV and JSON Lines still
  // parse every field (a row must be split to find its columns) and drop the
  // others from the table. Names must be distinct and non-empty.
  std::vector<std::string> columns;
  // What a name in `columns` that the file lacks means: a parse error
  // (kError), or nothing (kSkip: the table holds the asked columns the file
  // has, in the asked order). kSkip is for a use case that reports an absent
  // column itself (drift: a column missing from the current batch is a
  // finding, one missing from the reference a usage error naming its flag).
  enum class MissingColumns { kError, kSkip };
  MissingColumns missing_columns = MissingColumns::kError;
  // Columns never read, by name, whatever `columns` says; a name the file
  // lacks is no error (evaluate's schema `ignore:` columns). Parquet skips
  // their pages as it skips unasked ones. Names must be non-empty.
  std::vector<std::string> skip_columns;

  Status Validate() const;
};

// The most distinct values a text column of `rows` rows may have and stay
// kCategorical (more: kString): max_dictionary, or max(1000, rows / 2) when it
// is 0; at most INT32_MAX. The readers' rule, shared by every face that builds
// tables from text of its own (the Python package's DataFrames).
std::size_t DictionaryLimit(const ReadOptions& options, std::size_t rows);

}  // namespace airm
