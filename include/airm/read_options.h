// ReadOptions: how the CSV and JSON Lines readers interpret their input.
//
// Every field has a default that suits ordinary files; Validate() rejects
// combinations that cannot work (it is called by ReadTable and
// TableStream::Open, so callers need not call it themselves).
// The dialect, inference and error rules are documented in docs/formats/csv.md.
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

  Status Validate() const;
};

}  // namespace airm
