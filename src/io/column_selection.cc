#include "column_selection.h"

#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace airm::io {
namespace {

// Enough names to spot a typo without flooding the terminal for wide files.
constexpr std::size_t kListedColumns = 50;

std::string ListColumns(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kListedColumns; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  if (names.size() > kListedColumns) {
    out += ", ... (" + std::to_string(names.size() - kListedColumns) + " more)";
  }
  return out;
}

}  // namespace

bool SelectsColumns(const ReadOptions& options) {
  return !options.columns.empty() || !options.skip_columns.empty();
}

Result<std::vector<std::size_t>> SelectColumns(const std::string& file,
                                               const std::vector<std::string>& available,
                                               const ReadOptions& options) {
  const std::unordered_set<std::string> skipped(options.skip_columns.begin(),
                                                options.skip_columns.end());
  std::vector<std::size_t> indexes;
  if (options.columns.empty()) {
    for (std::size_t i = 0; i < available.size(); ++i) {
      if (!skipped.contains(available[i])) indexes.push_back(i);
    }
    return indexes;
  }
  std::unordered_map<std::string, std::size_t> by_name;
  for (std::size_t i = 0; i < available.size(); ++i) by_name.emplace(available[i], i);
  indexes.reserve(options.columns.size());
  for (const std::string& name : options.columns) {
    auto it = by_name.find(name);
    if (it == by_name.end()) {
      if (options.missing_columns == ReadOptions::MissingColumns::kSkip) continue;
      return Status::ParseError(
          file + ": no column '" + name +
          "' (asked for by the column selection); the file's columns: " + ListColumns(available));
    }
    if (!skipped.contains(name)) indexes.push_back(it->second);
  }
  return indexes;
}

Result<Table> KeepSelectedColumns(const std::string& file, Table table,
                                  const ReadOptions& options) {
  if (!SelectsColumns(options)) return table;
  std::vector<std::string> names;
  names.reserve(table.num_columns());
  for (const Column& column : table.columns()) names.push_back(column.name());
  AIRM_ASSIGN_OR_RETURN(std::vector<std::size_t> indexes, SelectColumns(file, names, options));
  std::vector<Column> all = std::move(table).TakeColumns();
  std::vector<Column> kept;
  kept.reserve(indexes.size());
  for (std::size_t i : indexes) kept.push_back(std::move(all[i]));
  return Table::Make(std::move(kept));
}

}  // namespace airm::io
