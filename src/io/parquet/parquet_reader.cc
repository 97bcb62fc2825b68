#include "parquet_reader.h"

#include <optional>
#include <vector>
#ifdef __GLIBC__
#include <malloc.h>  // malloc_trim
#endif

#include "airm/parallel_for.h"
#include "column_assembler.h"
#include "column_chunk_reader.h"
#include "column_selection.h"
#include "decode_budget.h"
#include "file_layout.h"
#include "sticky_error_stream.h"

namespace airm::io::parquet {
namespace {

// The leaf columns (indexes into file.columns) that ReadOptions::columns
// asks for, in the asked order; every column when it is empty.
Result<std::vector<std::size_t>> SelectedLeaves(const ParquetFile& file,
                                                const ReadOptions& options) {
  std::vector<std::string> names;
  names.reserve(file.columns.size());
  for (const ColumnPlan& plan : file.columns) names.push_back(plan.name);
  return SelectColumns(file.path, names, options);
}

// Decodes the chunks of `row_groups` of the `selected` leaves in parallel
// into parts[group][i] (i indexing `selected`); the chunks of other columns
// are never read. The first error in file order wins.
Status DecodeRowGroups(const ParquetFile& file, const std::vector<std::size_t>& row_groups,
                       const std::vector<std::size_t>& selected, const ReadOptions& options,
                       DecodeBudget* budget, std::vector<std::vector<ColumnPart>>* parts) {
  const std::size_t columns = selected.size();
  parts->assign(row_groups.size(), std::vector<ColumnPart>(columns));
  const std::size_t tasks = row_groups.size() * columns;
  std::vector<Status> statuses(tasks);
  AIRM_RETURN_IF_ERROR(
      ParallelFor(tasks, static_cast<int>(options.num_threads), [&](std::size_t task) {
        const std::size_t g = task / columns;
        const std::size_t c = selected[task % columns];
        const std::size_t group = row_groups[g];
        const ParquetFile::Range range = file.ChunkRange(group, c);
        Status status = budget->Charge(range.length);
        std::string bytes;
        if (status.ok()) {
          bytes.resize(range.length);
          status = file.input->ReadAt(bytes.data(), range.length, range.offset);
        }
        if (status.ok()) {
          const ChunkContext context{&file.columns[c], &options, budget};
          status = DecodeColumnChunk(bytes, file.meta.row_groups[group].columns[c],
                                     file.meta.row_groups[group].num_rows, context,
                                     &(*parts)[g][task % columns]);
        }
        if (!status.ok()) {
          statuses[task] = Status(status.code(), file.Where(group, c) + status.message());
        }
      }));
  for (Status& status : statuses) AIRM_RETURN_IF_ERROR(std::move(status));
  return Status::Ok();
}

enum class Parts { kKeep, kRelease };

// The rows [begin, end) of parts[0..] (consecutive row groups, one part per
// `selected` leaf) as a Table. kRelease frees each column's parts once it is
// built, so a whole-file read does not hold every part until the last column
// is done.
Result<Table> Assemble(const ParquetFile& file, const std::vector<std::size_t>& selected,
                       std::vector<std::vector<ColumnPart>>& parts, std::size_t begin,
                       std::size_t end, const ReadOptions& options, std::vector<uint8_t>* is_string,
                       Parts release) {
  const std::size_t columns = selected.size();
  std::vector<std::optional<Column>> built(columns);
  AIRM_RETURN_IF_ERROR(
      ParallelFor(columns, static_cast<int>(options.num_threads), [&](std::size_t c) {
        std::vector<PartRange> ranges;
        std::size_t offset = 0;
        for (const std::vector<ColumnPart>& group : parts) {
          const ColumnPart& part = group[c];
          const std::size_t rows = part.rows();
          const std::size_t from = std::max(begin, offset);
          const std::size_t to = std::min(end, offset + rows);
          if (from < to) ranges.push_back({&part, from - offset, to - offset});
          offset += rows;
        }
        bool sticky = (*is_string)[c] != 0;
        const ColumnPlan& plan = file.columns[selected[c]];
        built[c].emplace(AssembleColumn(plan.name, plan.type, ranges, options, &sticky));
        (*is_string)[c] = sticky ? 1 : 0;
        if (release == Parts::kRelease) {
          for (std::vector<ColumnPart>& group : parts) group[c] = ColumnPart();
        }
      }));
  std::vector<Column> out;
  out.reserve(columns);
  for (std::optional<Column>& column : built) out.push_back(std::move(*column));
  return Table::Make(std::move(out));
}

Status NoRows(const std::string& path) {
  return Status::ParseError(path + ": no data rows: the Parquet file has a schema but no rows");
}

class ParquetStream : public StickyErrorStream {
 public:
  ParquetStream(ParquetFile file, std::vector<std::size_t> selected, ReadOptions options)
      : file_(std::move(file)),
        selected_(std::move(selected)),
        options_(std::move(options)),
        is_string_(selected_.size(), 0) {}

 private:
  // Chunks are cut at chunk_rows whatever the row groups, as for CSV, so a
  // streaming profile does not depend on how the writer grouped the rows.
  Result<std::optional<Table>> ReadChunk() override {
    if (selected_.empty()) return std::optional<Table>();
    while (buffered_ - offset_ < options_.chunk_rows &&
           next_group_ < file_.meta.row_groups.size()) {
      // Each row group gets a budget of its own: the stream holds one at a
      // time (plus the rest of the previous one).
      DecodeBudget budget(options_.max_decompression_ratio, file_.size);
      std::vector<std::vector<ColumnPart>> decoded;
      AIRM_RETURN_IF_ERROR(
          DecodeRowGroups(file_, {next_group_}, selected_, options_, &budget, &decoded));
      ++next_group_;
      const std::size_t rows = decoded[0].empty() ? 0 : decoded[0][0].rows();
      if (rows == 0) continue;
      // Row groups already handed out are dropped first.
      while (!parts_.empty() && offset_ >= parts_[0][0].rows()) {
        offset_ -= parts_[0][0].rows();
        buffered_ -= parts_[0][0].rows();
        parts_.erase(parts_.begin());
      }
      parts_.push_back(std::move(decoded[0]));
      buffered_ += rows;
    }
    if (offset_ >= buffered_) {
      if (!any_rows_) return NoRows(file_.path);
      return std::optional<Table>();
    }
    const std::size_t end = std::min(buffered_, offset_ + options_.chunk_rows);
    AIRM_ASSIGN_OR_RETURN(Table table, Assemble(file_, selected_, parts_, offset_, end, options_,
                                                &is_string_, Parts::kKeep));
    offset_ = end;
    any_rows_ = true;
    return std::optional<Table>(std::move(table));
  }

  ParquetFile file_;
  std::vector<std::size_t> selected_;  // leaves read, in the table's order
  ReadOptions options_;
  std::vector<uint8_t> is_string_;
  std::vector<std::vector<ColumnPart>> parts_;
  std::size_t next_group_ = 0;
  std::size_t buffered_ = 0;  // rows in parts_
  std::size_t offset_ = 0;    // rows of parts_ handed out
  bool any_rows_ = false;
};

}  // namespace

Result<Table> ReadParquetTable(const std::string& path, const ReadOptions& options) {
  AIRM_ASSIGN_OR_RETURN(ParquetFile file, ParquetFile::Open(path, options));
  AIRM_ASSIGN_OR_RETURN(std::vector<std::size_t> selected, SelectedLeaves(file, options));
  // Nothing selected (every asked name absent under MissingColumns::kSkip):
  // a table of no columns, as the CSV reader's selection gives.
  if (selected.empty()) return Table();
  std::vector<std::size_t> groups(file.meta.row_groups.size());
  for (std::size_t g = 0; g < groups.size(); ++g) groups[g] = g;
  DecodeBudget budget(options.max_decompression_ratio, file.size);
  std::vector<std::vector<ColumnPart>> parts;
  AIRM_RETURN_IF_ERROR(DecodeRowGroups(file, groups, selected, options, &budget, &parts));
  std::size_t rows = 0;
  for (const std::vector<ColumnPart>& group : parts) rows += group.empty() ? 0 : group[0].rows();
  if (rows == 0) return NoRows(path);
  std::vector<uint8_t> is_string(selected.size(), 0);
  Result<Table> table =
      Assemble(file, selected, parts, 0, rows, options, &is_string, Parts::kRelease);
  parts.clear();
#ifdef __GLIBC__
  // As the CSV reader does: the parts, dictionaries and page buffers just
  // freed lie between the table's columns, where glibc keeps them mapped.
  malloc_trim(0);
#endif
  return table;
}

Result<std::unique_ptr<TableStream>> OpenParquetStream(const std::string& path,
                                                       const ReadOptions& options) {
  AIRM_ASSIGN_OR_RETURN(ParquetFile file, ParquetFile::Open(path, options));
  AIRM_ASSIGN_OR_RETURN(std::vector<std::size_t> selected, SelectedLeaves(file, options));
  return std::unique_ptr<TableStream>(
      std::make_unique<ParquetStream>(std::move(file), std::move(selected), options));
}

}  // namespace airm::io::parquet
