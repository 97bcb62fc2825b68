#include "airm/store/dataset_file.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <vector>

#include "airm/profile.h"
#include "airm/reader.h"
#include "airm/sha256.h"
#include "airm/store/prediction_rows.h"

namespace airm::store {
namespace {

struct FileStamp {
  int64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const FileStamp&) const = default;
};

// Size and modification time of a regular file, to notice one rewritten while
// it is read. Standard input and pipes are read once into memory (see
// airm/input_file.h), so they cannot change in between: an empty stamp.
Result<FileStamp> Stamp(const std::string& path) {
  if (path == "-") return FileStamp{};
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) {
    return Status::IoError(path + ": cannot read: " + std::strerror(errno));
  }
  if (S_ISDIR(info.st_mode)) return Status::IoError(path + ": is a directory, not a file");
  if (!S_ISREG(info.st_mode)) return FileStamp{};
  return FileStamp{static_cast<int64_t>(info.st_size),
                   static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec};
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// By name, as the readers choose a format (reader.h), plus .txt / .tsv.
bool LooksTabular(std::string path) {
  for (std::string_view compressed : {".gz", ".zst"}) {
    if (EndsWith(path, compressed)) path.resize(path.size() - compressed.size());
  }
  for (char& c : path) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view ext : {".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".parquet"}) {
    if (EndsWith(path, ext)) return true;
  }
  return false;
}

template <typename Columns>
std::string SchemaJson(const Columns& columns) {
  nlohmann::json schema = nlohmann::json::array();
  for (const auto& c : columns) {
    schema.push_back({{"name", std::string(c.name())}, {"type", DataTypeName(c.type())}});
  }
  return schema.dump();
}

// A profiled column as SchemaJson reads a table's.
struct ProfiledColumn {
  const ColumnProfile& column;
  const std::string& name() const { return column.name; }
  DataType type() const { return column.type; }
};

Status ChangedWhileRead(const std::string& path) {
  return Status::IoError(path +
                         ": the file changed while it was being read; register it again "
                         "once it is complete");
}

}  // namespace

Result<std::string> FileDigest(const std::string& path, int64_t* bytes) {
  uint64_t size = 0;
  AIRM_ASSIGN_OR_RETURN(std::string hex, Sha256File(path, &size));
  if (bytes != nullptr) *bytes = static_cast<int64_t>(size);
  return "sha256:" + hex;
}

Result<DatasetContent> DescribeDatasetTable(const Table& table) {
  // Blocks bound the memory of the encoding; the block size is part of the digest's definition.
  constexpr size_t kBlockRows = 32768;
  std::vector<size_t> all(table.num_columns());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  const RowEncoder encoder(table, all);
  std::string block, row_bytes, block_digests;
  for (size_t begin = 0; begin < table.num_rows(); begin += kBlockRows) {
    block.clear();
    for (size_t row = begin; row < std::min(begin + kBlockRows, table.num_rows()); ++row) {
      encoder.Encode(row, &row_bytes);
      block += row_bytes;
      block.push_back('\x1e');
    }
    block_digests += Sha256Hex(block);
  }
  DatasetContent content;
  content.digest = "sha256:" + Sha256Hex(block_digests);
  content.row_count = static_cast<int64_t>(table.num_rows());
  content.schema_json = SchemaJson(table.columns());
  AIRM_ASSIGN_OR_RETURN(Profile profile, ProfileTable(table));
  content.profile_json = ProfileJsonText(profile);
  return content;
}

Result<DatasetContent> DescribeDatasetFile(const std::string& path, const ReadOptions& options) {
  Table unused;
  return DescribeDatasetFile(path, options, &unused);
}

Result<DatasetContent> DescribeDatasetFile(const std::string& path, const ReadOptions& options,
                                           Table* table_out) {
  *table_out = Table();
  AIRM_ASSIGN_OR_RETURN(FileStamp before, Stamp(path));
  DatasetContent content;
  int64_t bytes = 0;
  AIRM_ASSIGN_OR_RETURN(content.digest, FileDigest(path, &bytes));
  content.bytes = bytes;
  if (!LooksTabular(path)) {
    content.note =
        "not a table by its name (.csv, .tsv, .txt, .jsonl, .ndjson, .parquet): recorded by "
        "digest and size only";
  } else {
    Result<Table> table = ReadTable(path, options);
    if (!table.ok() && table.status().code() != StatusCode::kParseError) return table.status();
    if (!table.ok()) {
      content.note = "not read as a table (" + table.status().message() +
                     "): recorded by digest and size only";
    } else {
      content.row_count = static_cast<int64_t>(table->num_rows());
      content.schema_json = SchemaJson(table->columns());
      AIRM_ASSIGN_OR_RETURN(Profile profile, ProfileTable(*table));
      content.profile_json = ProfileJsonText(profile);
      *table_out = std::move(table).value();
    }
  }
  AIRM_ASSIGN_OR_RETURN(FileStamp after, Stamp(path));
  if (!(before == after)) return ChangedWhileRead(path);
  return content;
}

Result<StreamedDatasetFile> StreamedDatasetFile::Begin(const std::string& path) {
  if (!LooksTabular(path)) {
    return Status::InvalidArgument(path +
                                   ": not a table by its name (.csv, .tsv, .txt, .jsonl, .ndjson, "
                                   ".parquet, optionally .gz or .zst)");
  }
  StreamedDatasetFile file;
  file.path_ = path;
  AIRM_ASSIGN_OR_RETURN(FileStamp stamp, Stamp(path));
  file.size_ = stamp.size;
  file.mtime_ns_ = stamp.mtime_ns;
  int64_t bytes = 0;
  AIRM_ASSIGN_OR_RETURN(file.content_.digest, FileDigest(path, &bytes));
  file.content_.bytes = bytes;
  AIRM_ASSIGN_OR_RETURN(ProfileBuilder builder, ProfileBuilder::Make());
  file.profile_.emplace(std::move(builder));
  return file;
}

Status StreamedDatasetFile::Add(const Table& chunk) {
  content_.row_count = content_.row_count.value_or(0) + static_cast<int64_t>(chunk.num_rows());
  return profile_->Add(chunk);
}

Result<DatasetContent> StreamedDatasetFile::Finish() const {
  DatasetContent content = content_;
  AIRM_ASSIGN_OR_RETURN(Profile profile, profile_->Finish());
  std::vector<ProfiledColumn> columns;
  for (const ColumnProfile& column : profile.columns) columns.push_back({column});
  content.schema_json = SchemaJson(columns);
  content.profile_json = ProfileJsonText(profile);
  AIRM_ASSIGN_OR_RETURN(FileStamp after, Stamp(path_));
  if (!(FileStamp{size_, mtime_ns_} == after)) return ChangedWhileRead(path_);
  return content;
}

}  // namespace airm::store
