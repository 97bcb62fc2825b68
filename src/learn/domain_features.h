// Turns the columns of two tables into one float feature matrix for the
// domain classifier (encoding documented in airm/domain_classifier.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/table.h"

namespace airm::learn {

struct DomainFeatures {
  std::vector<std::string> names;    // one per feature
  std::vector<const char*> types;    // XGBoost "q" or "c" per feature
  uint64_t rows = 0;                 // reference rows first, then current rows
  std::vector<float> values;         // rows x names.size(), row-major, NaN = missing
  std::vector<std::string> skipped;  // "name (why)" for each column not used
};

// Encodes reference rows `reference_rows` followed by current rows
// `current_rows` (indices into each table) over `columns` (empty = every
// column present in both). Columns with no valid value on either side are
// skipped as useless. Errors: InvalidArgument for a name in neither table.
Result<DomainFeatures> EncodeDomainFeatures(const Table& reference, const Table& current,
                                            const std::vector<std::string>& columns,
                                            const std::vector<uint64_t>& reference_rows,
                                            const std::vector<uint64_t>& current_rows);

}  // namespace airm::learn
