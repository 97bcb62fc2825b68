// Reading one column chunk: its pages in file order (an optional dictionary
// page first, then data pages v1 and v2, index pages skipped), each
// decompressed, its definition levels decoded into validity, its values
// decoded and converted into a ColumnPart.
//
// Steps per data page: (1) bound the claimed sizes by the chunk's bytes and
// the decode budget; (2) decompress (v2: only the values, levels are stored
// plain); (3) definition levels (RLE, bit width 1; flat schemas have no
// repetition levels) give the non-null count; (4) DecodeValues; (5) convert
// each value as the ColumnPlan says and append. Errors carry no file or
// column name; the caller adds them.
#pragma once

#include <cstdint>
#include <string_view>

#include "airm/read_options.h"
#include "airm/status.h"
#include "column_part.h"
#include "column_plan.h"
#include "decode_budget.h"
#include "metadata.h"

namespace airm::io::parquet {

struct ChunkContext {
  const ColumnPlan* plan = nullptr;
  const ReadOptions* options = nullptr;
  DecodeBudget* budget = nullptr;
};

// Decodes `bytes` (the chunk's pages, as `meta` locates them) into `out`,
// which must hold exactly `rows` rows afterwards.
Status DecodeColumnChunk(std::string_view bytes, const ColumnChunkMeta& meta, int64_t rows,
                         const ChunkContext& context, ColumnPart* out);

}  // namespace airm::io::parquet
