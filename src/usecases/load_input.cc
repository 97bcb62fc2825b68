#include "airm/usecases/load_input.h"

#include "airm/reader.h"
#include "airm/sha256.h"

namespace airm::usecases {

Result<Table> LoadInput(const std::string& path, const ReadOptions& options, InputInfo* info,
                        const ProgressFn& progress) {
  if (progress) progress("reading " + path);
  AIRM_ASSIGN_OR_RETURN(info->sha256, Sha256File(path, &info->bytes));
  info->path = path;
  AIRM_ASSIGN_OR_RETURN(Table table, ReadTable(path, options));
  info->rows = table.num_rows();
  info->columns = table.num_columns();
  return table;
}

Result<Table*> TableOfInput(const std::string& path, const InMemoryInput& in_memory,
                            const ReadOptions& options, const ProgressFn& progress, Table* loaded,
                            InputInfo* info) {
  if (in_memory.table != nullptr) {
    *info = in_memory.info;
    info->rows = in_memory.table->num_rows();
    info->columns = in_memory.table->num_columns();
    return in_memory.table;
  }
  AIRM_ASSIGN_OR_RETURN(*loaded, LoadInput(path, options, info, progress));
  return loaded;
}

}  // namespace airm::usecases
