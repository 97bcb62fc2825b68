// Reading an input table together with what a report says about it.
#pragma once

#include <string>

#include "airm/input_info.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/table.h"
#include "airm/usecases/in_memory_input.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

// Hashes `path` (SHA-256, bytes) and reads it as a table; *info gets path,
// digest, bytes, rows and columns. The reader's errors (file, line, column).
Result<Table> LoadInput(const std::string& path, const ReadOptions& options, InputInfo* info,
                        const ProgressFn& progress = {});

// An input's table: in_memory.table (its InputInfo as given, rows and columns
// filled in), else the file at `path` read whole into *loaded (LoadInput).
Result<Table*> TableOfInput(const std::string& path, const InMemoryInput& in_memory,
                            const ReadOptions& options, const ProgressFn& progress, Table* loaded,
                            InputInfo* info);

}  // namespace airm::usecases
