// The CSV a cmd: model reads on stdin: a header line, then one line per row.
//
// Fields are separated by ',' and lines end in "\n". A field is quoted per
// RFC 4180 ("..." with inner quotes doubled) when it contains ',', '"', CR or
// LF, and an empty string is written as "" so that it differs from null,
// which is an empty field. Numbers use the shortest round-trip decimal; NaN
// and ±Inf are written nan, inf and -inf (what Python's float() and C's
// strtod read back). A row of one null cell is written "" so that it is not a
// blank line, which CSV readers skip. A row with no cells is a blank line.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"

namespace airm::chaos {

std::string EncodeCsv(const std::vector<std::string>& columns,
                      std::span<const std::vector<Cell>> rows);

}  // namespace airm::chaos
