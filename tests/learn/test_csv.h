// A test-only CSV loader for the simple fixture files of tests/learn: a header
// line, comma-separated fields, no quoting, empty field = null. A column is
// float64 when every non-empty field parses as a number, else categorical.
// The real reader lives in the io module; this keeps learn's tests
// independent of it.
#pragma once

#include <string>

#include "airm/table.h"

namespace airm::learn_test {

Result<Table> LoadSimpleCsv(const std::string& path);

}  // namespace airm::learn_test
