// A monitor's SQL source on SQLite (airm.yaml `current: {sqlite, query}`):
// the query run on one window, its bounds bound as parameters, the rows as
// JSON Lines for the one reader to type (as the prediction-log source does).
#pragma once

#include <cstdint>
#include <string>

#include "airm/status.h"

namespace airm::usecases::internal {

struct SqliteWindowRows {
  std::string jsonl;  // one JSON object per row, keys the result's column names
  int64_t rows = 0;
};

// Opens `db_path` read-only, runs `query` with :start / :end (ISO 8601 UTC
// text) and :start_epoch / :end_epoch (seconds) bound where the query names
// them. Errors name the file and the query: NotFound for a missing file,
// InvalidArgument for SQL that does not prepare (SQLite's message), a BLOB
// value, or duplicate column names.
Result<SqliteWindowRows> QuerySqliteWindow(const std::string& db_path, const std::string& query,
                                           int64_t start, int64_t end);

}  // namespace airm::usecases::internal
