// Queries on a PostgreSQL database that is not an airm store (a monitor's
// SQL source, airm.yaml `current.postgres`), through the store's libpq
// adapter so cells are typed as the store types them.
#pragma once

#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

// What a query on a database that is not an airm store returned: the result's
// column names and its rows (cells typed as Database::Query types them:
// booleans as 0/1, integers, reals, numeric as an integer or a real, other
// types as their text).
struct ExternalRows {
  std::vector<std::string> columns;
  std::vector<Row> rows;
};

// Connects to the PostgreSQL database `url` names — any database, not an
// airm store: nothing is checked or migrated — runs `sql` with its numbered
// parameters ($1, $2 …) bound to `params` as untyped text in a READ ONLY
// transaction, and disconnects. For a monitor's SQL source. Errors (messages
// never hold the password): InvalidArgument for a malformed URL, a
// statement that returns no rows, or SQL the server rejects (its message and
// SQLSTATE, a write among them); IoError when the server cannot be reached,
// refuses the login or the connection breaks.
Result<ExternalRows> QueryPostgresReadOnly(const std::string& url, const std::string& sql,
                                           const std::vector<std::string>& params,
                                           const PostgresOptions& options = {});

}  // namespace airm::store
