// Building, widening, merging and summarising one ColumnProfile. Internal to
// src/profile; the public entry points are in airm/profile.h.
#pragma once

#include <string>

#include "airm/column.h"
#include "airm/profile.h"
#include "airm/table.h"

namespace airm::profile_internal {

// The wider of two column types: equal types stay; two different numeric
// types become float64; anything involving text becomes string.
DataType WidenType(DataType a, DataType b);

// An empty column profile with sketches sized by `options`.
ColumnProfile NewColumnProfile(std::string name, DataType type, ColumnRole role,
                               const ProfileOptions& options);

// The exact in-memory profile of a whole column (exact = true).
ColumnProfile ProfileColumnExact(const Column& column, ColumnRole role,
                                 const ProfileOptions& options);

// Streaming: adds one chunk's column to `state` (counts and sketches only;
// call SummarizeFromSketches before handing it out). `row_offset` is the row
// of the chunk's first row in the stream, used in notes.
void AddChunkColumn(const Column& column, uint64_t row_offset, const ProfileOptions& options,
                    ColumnProfile* state);

// Merges the counts and sketches of `other` (same column name) into `state`.
// Errors: InvalidArgument naming the column when sketch parameters differ.
Status MergeColumnState(const ColumnProfile& other, const ProfileOptions& options,
                        ColumnProfile* state);

// Derives every summary field from the sketches and marks the column
// approximate (exact = false).
void SummarizeFromSketches(const ProfileOptions& options, ColumnProfile* column);

}  // namespace airm::profile_internal
