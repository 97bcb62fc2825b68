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

}  // namespace airm::usecases
