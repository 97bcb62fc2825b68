// A monitor's SQL sources (airm.yaml `current: {sqlite | postgres, query}`):
// the query run on one window, its bounds bound as parameters, the rows as
// JSON Lines for the one reader to type (as the prediction-log source does).
//
// The bounds: :start and :end (ISO 8601 UTC text, "2026-03-02T00:00:00Z")
// and :start_epoch and :end_epoch (seconds since the epoch), each bound where
// the query names it; the query selects the rows of [start, end).
#pragma once

#include <cstdint>
#include <string>

#include "airm/status.h"

namespace airm::usecases::internal {

struct SqlWindowRows {
  std::string jsonl;  // one JSON object per row, keys the result's column names
  int64_t rows = 0;
};

// Opens `db_path` read-only and runs `query` on one window. Errors name the
// file and the query: NotFound for a missing file, InvalidArgument for SQL
// that does not prepare (SQLite's message), a BLOB value, or duplicate column
// names.
Result<SqlWindowRows> QuerySqliteWindow(const std::string& db_path, const std::string& query,
                                        int64_t start, int64_t end);

// Runs `query` on one window of the PostgreSQL database `url` names (a
// password may come from $PGPASSWORD or ~/.pgpass instead of the URL): the
// bound names numbered for the protocol (monitor/sql_parameters.h) and sent
// as untyped text, so the server types each by its context (`ts >= :start`
// on a timestamptz column is a timestamptz), in a READ ONLY transaction
// (store::QueryPostgresReadOnly, which also says how cells are typed).
// Errors name the server (password redacted): IoError when it cannot be
// reached or refuses the login; InvalidArgument for a query it rejects (its
// message and SQLSTATE) or duplicate column names.
Result<SqlWindowRows> QueryPostgresWindow(const std::string& url, const std::string& query,
                                          int64_t start, int64_t end);

}  // namespace airm::usecases::internal
