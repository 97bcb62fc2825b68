#include "file_layout.h"

#include <cstring>
#include <unordered_map>

namespace airm::io::parquet {
namespace {

Status FileError(const std::string& path, const std::string& what) {
  return Status::ParseError(path + ": " + what);
}

Status CheckSchema(ParquetFile& file, const ReadOptions& options) {
  const std::vector<SchemaElement>& schema = file.meta.schema;
  if (schema.empty()) return FileError(file.path, "footer: the schema is empty");
  const std::size_t leaves = schema.size() - 1;
  if (schema[0].num_children < 0 || static_cast<std::size_t>(schema[0].num_children) != leaves) {
    // A root whose children are fewer than the elements after it has groups.
    for (std::size_t i = 1; i < schema.size(); ++i) {
      if (schema[i].num_children > 0 || !schema[i].type) {
        return FileError(file.path, "column '" + schema[i].name +
                                        "' is a nested group (struct, list or map): airm reads "
                                        "flat schemas only");
      }
    }
    return FileError(file.path, "footer: the schema's root has " +
                                    std::to_string(schema[0].num_children) + " children, " +
                                    std::to_string(leaves) + " elements follow it");
  }
  if (leaves == 0) return FileError(file.path, "the schema has no columns");
  if (leaves > options.max_columns) {
    return FileError(file.path, "the schema has " + std::to_string(leaves) +
                                    " columns, more than the limit of " +
                                    std::to_string(options.max_columns) +
                                    "; raise it with --max-columns (ReadOptions.max_columns)");
  }
  std::unordered_map<std::string, std::size_t> seen;
  for (std::size_t i = 1; i < schema.size(); ++i) {
    const SchemaElement& e = schema[i];
    if (e.num_children > 0 || !e.type) {
      return FileError(file.path, "column '" + e.name +
                                      "' is a nested group (struct, list or map): airm reads flat "
                                      "schemas only");
    }
    Result<ColumnPlan> plan = PlanColumn(e, i);
    if (!plan.ok()) return FileError(file.path, plan.status().message());
    if (plan->name.empty()) plan->name = "column_" + std::to_string(i);
    auto [it, inserted] = seen.emplace(plan->name, i);
    if (!inserted) {
      return FileError(file.path, "duplicate column name '" + plan->name + "' (columns " +
                                      std::to_string(it->second) + " and " + std::to_string(i) +
                                      ")");
    }
    file.columns.push_back(std::move(*plan));
  }
  return Status::Ok();
}

Status CheckRowGroups(const ParquetFile& file) {
  for (std::size_t g = 0; g < file.meta.row_groups.size(); ++g) {
    const RowGroupMeta& group = file.meta.row_groups[g];
    if (group.num_rows < 0) {
      return FileError(file.path, "row group " + std::to_string(g + 1) + ": negative row count");
    }
    if (group.columns.size() != file.columns.size()) {
      return FileError(file.path, "row group " + std::to_string(g + 1) + " has " +
                                      std::to_string(group.columns.size()) +
                                      " column chunks, the schema " +
                                      std::to_string(file.columns.size()) + " columns");
    }
    for (std::size_t c = 0; c < group.columns.size(); ++c) {
      const ColumnChunkMeta& chunk = group.columns[c];
      const ColumnPlan& plan = file.columns[c];
      auto fail = [&](const std::string& what) {
        return Status::ParseError(file.Where(g, c) + what);
      };
      if (!chunk.file_path.empty()) {
        return fail("the chunk is in another file ('" + chunk.file_path + "'), not supported");
      }
      if (!chunk.has_meta_data) return fail("the chunk has no metadata");
      if (chunk.type != plan.physical) {
        return fail(std::string("the chunk's type ") + PhysicalTypeName(chunk.type) +
                    " differs from the schema's " + PhysicalTypeName(plan.physical));
      }
      const ParquetFile::Range range = file.ChunkRange(g, c);
      if (chunk.total_compressed_size <= 0 || chunk.data_page_offset < 4 || range.offset < 4 ||
          range.length > file.footer_start || range.offset > file.footer_start - range.length) {
        return fail("the chunk's bytes (offset " + std::to_string(chunk.data_page_offset) + ", " +
                    std::to_string(chunk.total_compressed_size) +
                    " bytes) lie outside the file's data (bytes 4 to " +
                    std::to_string(file.footer_start) + ")");
      }
      if (chunk.num_values < 0) return fail("negative value count");
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ParquetFile::Where(std::size_t row_group, std::size_t column) const {
  return path + ": row group " + std::to_string(row_group + 1) + ", column " +
         std::to_string(column + 1) + " ('" + columns[column].name + "'): ";
}

ParquetFile::Range ParquetFile::ChunkRange(std::size_t row_group, std::size_t column) const {
  const ColumnChunkMeta& chunk = meta.row_groups[row_group].columns[column];
  // Some writers set dictionary_page_offset to 0 for "none"; a dictionary
  // page precedes the data pages when there is one.
  int64_t start = chunk.data_page_offset;
  if (chunk.dictionary_page_offset && *chunk.dictionary_page_offset > 0 &&
      *chunk.dictionary_page_offset < start) {
    start = *chunk.dictionary_page_offset;
  }
  if (start < 0 || chunk.total_compressed_size < 0) return {0, 0};
  return {static_cast<uint64_t>(start), static_cast<uint64_t>(chunk.total_compressed_size)};
}

Result<ParquetFile> ParquetFile::Open(const std::string& path, const ReadOptions& options) {
  ParquetFile file;
  file.path = path;
  AIRM_ASSIGN_OR_RETURN(InputFile input, InputFile::Open(path));
  file.input = std::make_unique<InputFile>(std::move(input));
  file.size = file.input->Size();
  if (file.size < 12) {
    return FileError(path, "a Parquet file of " + std::to_string(file.size) +
                               " bytes: too short for its magic and footer (truncated?)");
  }
  char tail[8];
  AIRM_RETURN_IF_ERROR(file.input->ReadAt(tail, 8, file.size - 8));
  if (std::string_view(tail + 4, 4) == "PARE") {
    return FileError(path, "an encrypted Parquet footer, not supported");
  }
  if (std::string_view(tail + 4, 4) != kMagic) {
    return FileError(path, "starts with PAR1 but does not end with it: a truncated Parquet file?");
  }
  uint32_t footer_length;
  std::memcpy(&footer_length, tail, 4);
  if (footer_length > file.size - 12) {
    return FileError(path, "the footer claims " + std::to_string(footer_length) +
                               " bytes in a file of " + std::to_string(file.size) +
                               " (truncated or corrupt)");
  }
  file.footer_start = file.size - 8 - footer_length;
  std::string footer(footer_length, '\0');
  AIRM_RETURN_IF_ERROR(file.input->ReadAt(footer.data(), footer_length, file.footer_start));
  Result<FileMetaData> meta = ParseFileMetaData(footer);
  if (!meta.ok()) return FileError(path, "footer: " + meta.status().message());
  file.meta = std::move(meta).value();
  AIRM_RETURN_IF_ERROR(CheckSchema(file, options));
  AIRM_RETURN_IF_ERROR(CheckRowGroups(file));
  return file;
}

Result<bool> StartsWithParquetMagic(const std::string& path) {
  AIRM_ASSIGN_OR_RETURN(InputFile input, InputFile::Open(path));
  if (input.Size() < kMagic.size()) return false;
  char head[4];
  AIRM_RETURN_IF_ERROR(input.ReadAt(head, 4, 0));
  return std::string_view(head, 4) == kMagic;
}

}  // namespace airm::io::parquet
