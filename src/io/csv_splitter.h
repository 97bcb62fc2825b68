// FindRowStarts: split points for parsing a whole CSV buffer in parallel,
// found in parallel.
//
// The dialect's strict quoting (csv_tokenizer.h: a quote may only open a
// field, close it, or be doubled inside it) means that a newline ends a row
// exactly when an even number of quotes precede it. So each range of the
// buffer can be surveyed on its own (quote parity, newline count, first
// newline after an even and after an odd number of the range's quotes), and
// a prefix sum over the ranges picks the right candidate: exact, not
// speculative. In a file that breaks the quoting rules, split points after
// the first offending quote may be wrong; the tokenizer reports that quote
// first (errors are taken in file order), so the result is the same.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "csv_scanner.h"

namespace airm::io {

// Row starts in `data` (whose first byte starts a row on physical line
// `first_line`): {0, first_line}, then about one per `interval` bytes, each
// right after a newline outside quotes, strictly increasing, all below
// data.size(). Scans on up to `num_threads` threads of the process pool;
// Internal when the pool cannot run the scan.
Result<std::vector<CsvRowScanner::Mark>> FindRowStarts(std::string_view data,
                                                       std::size_t first_line, std::size_t interval,
                                                       std::size_t num_threads);

}  // namespace airm::io
