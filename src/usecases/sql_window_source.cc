#include "sql_window_source.h"

#include <sqlite3.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/monitor/windows.h"

namespace airm::usecases::internal {
namespace {

struct CloseDb {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct Finalize {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

Result<SqlWindowRows> QuerySqliteWindow(const std::string& db_path, const std::string& query,
                                        int64_t start, int64_t end) {
  const std::string where = "current.sqlite " + db_path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(db_path, ec)) {
    return Status::NotFound(where + ": no such file");
  }
  sqlite3* raw_db = nullptr;
  const int opened = sqlite3_open_v2(db_path.c_str(), &raw_db, SQLITE_OPEN_READONLY, nullptr);
  std::unique_ptr<sqlite3, CloseDb> db(raw_db);
  if (opened != SQLITE_OK) {
    return Status::IoError(
        where + ": cannot open: " + (raw_db ? sqlite3_errmsg(raw_db) : sqlite3_errstr(opened)));
  }
  sqlite3_busy_timeout(db.get(), 10000);
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), query.c_str(), -1, &raw_stmt, nullptr) != SQLITE_OK) {
    return Status::InvalidArgument(where +
                                   ": current.query does not prepare: " + sqlite3_errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, Finalize> stmt(raw_stmt);
  const std::string start_text = monitor::SecondsToCanonical(start);
  const std::string end_text = monitor::SecondsToCanonical(end);
  auto bind_text = [&](const char* name, const std::string& value) {
    if (int i = sqlite3_bind_parameter_index(stmt.get(), name); i > 0) {
      sqlite3_bind_text(stmt.get(), i, value.c_str(), static_cast<int>(value.size()),
                        SQLITE_TRANSIENT);
    }
  };
  bind_text(":start", start_text);
  bind_text(":end", end_text);
  if (int i = sqlite3_bind_parameter_index(stmt.get(), ":start_epoch"); i > 0) {
    sqlite3_bind_int64(stmt.get(), i, start);
  }
  if (int i = sqlite3_bind_parameter_index(stmt.get(), ":end_epoch"); i > 0) {
    sqlite3_bind_int64(stmt.get(), i, end);
  }
  const int columns = sqlite3_column_count(stmt.get());
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (int c = 0; c < columns; ++c) {
    names.emplace_back(sqlite3_column_name(stmt.get(), c));
    if (!seen.insert(names.back()).second) {
      return Status::InvalidArgument(where + ": current.query returns the column '" + names.back() +
                                     "' twice; name the columns with AS");
    }
  }
  SqlWindowRows out;
  for (;;) {
    const int step = sqlite3_step(stmt.get());
    if (step == SQLITE_DONE) break;
    if (step != SQLITE_ROW) {
      return Status::IoError(where + ": current.query failed: " + sqlite3_errmsg(db.get()));
    }
    nlohmann::ordered_json row = nlohmann::ordered_json::object();
    for (int c = 0; c < columns; ++c) {
      switch (sqlite3_column_type(stmt.get(), c)) {
        case SQLITE_INTEGER:
          row[names[c]] = sqlite3_column_int64(stmt.get(), c);
          break;
        case SQLITE_FLOAT:
          row[names[c]] = sqlite3_column_double(stmt.get(), c);
          break;
        case SQLITE_TEXT:
          row[names[c]] =
              std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), c)),
                          static_cast<size_t>(sqlite3_column_bytes(stmt.get(), c)));
          break;
        case SQLITE_NULL:
          row[names[c]] = nullptr;
          break;
        default:
          return Status::InvalidArgument(where + ": column '" + names[c] + "' of row " +
                                         std::to_string(out.rows + 1) +
                                         " is a BLOB; select text or numbers");
      }
    }
    out.jsonl += row.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    ++out.rows;
  }
  return out;
}

}  // namespace airm::usecases::internal
