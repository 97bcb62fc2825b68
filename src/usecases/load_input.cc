#include "airm/usecases/load_input.h"

#include <optional>

#include "airm/parallel_for.h"
#include "airm/reader.h"
#include "airm/sha256.h"

namespace airm::usecases {

Result<Table> LoadInput(const std::string& path, const ReadOptions& options, InputInfo* info,
                        const ProgressFn& progress) {
  if (progress) progress("reading " + path);
  // The digest and the parse each read the whole file, so they run side by
  // side rather than one after the other (the parser's threads take the core
  // the digest leaves when it is done). The digest's error comes first, as
  // it did when the digest ran first.
  std::optional<Result<std::string>> digest;
  std::optional<Result<Table>> table;
  AIRM_RETURN_IF_ERROR(ParallelFor(2, 2, [&](size_t task) {
    if (task == 0) {
      digest = Sha256File(path, &info->bytes);
    } else {
      table = ReadTable(path, options);
    }
  }));
  AIRM_ASSIGN_OR_RETURN(info->sha256, std::move(*digest));
  AIRM_ASSIGN_OR_RETURN(Table loaded, std::move(*table));
  info->path = path;
  info->rows = loaded.num_rows();
  info->columns = loaded.num_columns();
  return loaded;
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
