// Whole-row identity for duplicate-row detection, without copying rows.
//
// Rows compare by the bits of every cell: nulls equal only nulls, floats by
// their bit pattern (so NaN equals the same NaN, and -0.0 differs from 0.0),
// categorical cells by their code (so rows compare only within one table).
#pragma once

#include <cstdint>
#include <vector>

#include "airm/table.h"

namespace airm {

// A 64-bit hash of each row's cells, computed column by column (one linear
// pass per column). Equal rows have equal hashes; unequal rows collide with
// probability about 2^-64, and callers confirm with RowsEqual.
std::vector<uint64_t> RowHashes(const Table& table);

// True when rows `a` and `b` of `table` hold the same cells, as above.
bool RowsEqual(const Table& table, size_t a, size_t b);

}  // namespace airm
