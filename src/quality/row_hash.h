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

// A 64-bit hash of each row's cells, computed in blocks of rows, column by
// column within a block. Equal rows have equal hashes; unequal rows rarely
// collide (a cheap step per cell, a full mix per row), and callers confirm
// equal hashes with CompareRows.
std::vector<uint64_t> RowHashes(const Table& table);

// A total order of the rows of `table` that is 0 exactly for rows holding
// the same cells, as above: negative when row `a` orders first, positive
// when `b` does. Sorting by it puts equal rows next to each other whatever
// the hashes did.
int CompareRows(const Table& table, size_t a, size_t b);

// The same order for the cells of rows `a` and `b` of one column.
int CompareCells(const Column& column, size_t a, size_t b);

}  // namespace airm
