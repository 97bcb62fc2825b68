// Turns the columns of two tables into one float feature matrix for the
// domain classifier (encoding documented in airm/domain_classifier.h). Two
// stages, so that the caller can size its row budget from the number of
// usable columns before any row is encoded.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "airm/status.h"
#include "airm/table.h"

namespace airm::learn {

// The columns present in both tables with compatible types, as (reference,
// current) pairs, and "name (why)" for each requested column left out.
struct DomainColumns {
  std::vector<std::pair<const Column*, const Column*>> used;
  std::vector<std::string> skipped;
};

struct DomainFeatures {
  std::vector<std::string> names;    // one per feature
  std::vector<const char*> types;    // XGBoost "q" or "c" per feature
  uint64_t rows = 0;                 // reference rows first, then current rows
  std::vector<float> values;         // rows x names.size(), row-major, NaN = missing
  std::vector<std::string> skipped;  // "name (why)" for each column not used
};

// Resolves `columns` (empty = every column present in both tables). Errors:
// InvalidArgument for a name in neither table. The result points into the
// tables, which must outlive it.
Result<DomainColumns> ResolveDomainColumns(const Table& reference, const Table& current,
                                           const std::vector<std::string>& columns);

// Encodes reference rows `reference_rows` followed by current rows
// `current_rows` (indices into each table) over the resolved columns. A
// column with no valid value in these rows is skipped as useless.
DomainFeatures EncodeDomainFeatures(const DomainColumns& columns,
                                    const std::vector<uint64_t>& reference_rows,
                                    const std::vector<uint64_t>& current_rows);

}  // namespace airm::learn
