// The SQLite implementation of Database.
//
// Durability and concurrency choices (docs/store.md explains them for users):
// - journal_mode=WAL: readers never block the writer and a crash at any point
//   leaves the last committed state (the WAL is replayed or ignored whole).
// - synchronous=FULL: every commit fsyncs the WAL, so a write airm has
//   acknowledged (exit 0) survives a power cut too, not only a killed process.
//   airm commits once per command, so the cost is one fsync per command.
// - foreign_keys=ON on every connection (SQLite's default is off).
// - Statement and savepoint journals (the pages a failed statement or a
//   ROLLBACK TO restores, never needed after a crash) stay in memory up to
//   kStatementJournalSpill bytes before SQLite spills them to a temporary
//   file. Its default, 64 KiB, sent each 500-row prediction INSERT's
//   journal to a file: half of a 1M-row log's write calls. Durability is
//   unchanged: the WAL and its fsync at commit are what a crash relies on.
// - Writes begin with BEGIN IMMEDIATE, taking the write lock up front, so a
//   transaction never fails half-way on a lock; a lock held by another writer
//   is waited for by the busy handler, and the whole body is retried with
//   backoff until busy_timeout_ms has passed, then kUnavailable.
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <unordered_map>

#include "airm/store/database.h"
#include "migrations.h"
#include "store_util.h"

namespace airm::store {
namespace {

StatusCode CodeFor(int rc) {
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
      return StatusCode::kInvalidArgument;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StatusCode::kUnavailable;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return StatusCode::kCorrupt;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_NOLFS:
      return StatusCode::kIoError;
    case SQLITE_NOTFOUND:
      return StatusCode::kNotFound;
    default:
      // SQLITE_ERROR is mostly an SQL mistake in airm itself.
      return StatusCode::kInternal;
  }
}

bool IsBusy(int rc) { return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED; }

class SqliteDatabase;

class SqliteStatement : public PreparedStatement {
 public:
  SqliteStatement(SqliteDatabase* db, sqlite3_stmt* stmt, std::string sql)
      : db_(db), stmt_(stmt), sql_(std::move(sql)) {}
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }
  Status Run(const std::vector<Value>& params) override;
  Status RunViews(std::span<const ValueView> params) override;

 private:
  SqliteDatabase* db_;
  sqlite3_stmt* stmt_;
  std::string sql_;
};

class SqliteDatabase : public Database {
 public:
  SqliteDatabase(sqlite3* handle, std::string path, SqliteOptions options)
      : handle_(handle), path_(std::move(path)), options_(options) {}
  ~SqliteDatabase() override {
    for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
    sqlite3_close_v2(handle_);
  }

  Status WriteTransaction(const std::function<Status(Database&)>& body) override;
  Status ReadTransaction(const std::function<Status(Database&)>& body) override;
  Status Execute(std::string_view sql, const std::vector<Value>& params) override;
  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override;
  Status QueryEach(std::string_view sql, const std::vector<Value>& params,
                   const std::function<Status(const Row&)>& on_row) override;
  Result<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql) override;
  Result<int> SchemaVersion() override;
  std::string Describe() const override { return path_; }
  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

  // Turns an SQLite result code into a Status naming the store and the SQL.
  Status Error(int rc, std::string_view sql) {
    if (IsBusy(rc)) saw_busy_ = true;
    std::string message = path_ + ": " + sqlite3_errmsg(handle_);
    if (IsBusy(rc)) {
      message += " (another process held the write lock longer than " +
                 std::to_string(options_.busy_timeout_ms) + " ms)";
    }
    if (!sql.empty()) message += " [" + internal::AbbreviateSql(sql) + "]";
    return Status(CodeFor(rc), std::move(message));
  }

  Status Step(sqlite3_stmt* stmt, std::string_view sql,
              const std::function<Status(const Row&)>* on_row);
  sqlite3* handle() { return handle_; }

 private:
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  // Borrows a compiled statement for `sql` from the cache (or compiles a
  // fresh one when the cached one is busy, e.g. a query inside QueryEach).
  class Lease {
   public:
    Lease(SqliteDatabase* db, sqlite3_stmt* stmt, CachedStatement* cached)
        : db_(db), stmt_(stmt), cached_(cached) {}
    Lease(Lease&& other) noexcept
        : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), cached_(other.cached_) {}
    ~Lease() {
      if (stmt_ == nullptr) return;
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
      if (cached_ != nullptr) {
        cached_->in_use = false;
      } else {
        sqlite3_finalize(stmt_);
      }
    }
    sqlite3_stmt* get() const { return stmt_; }

   private:
    SqliteDatabase* db_;
    sqlite3_stmt* stmt_;
    CachedStatement* cached_;
  };
  Result<Lease> Borrow(std::string_view sql);
  Status RunScript(std::string_view sql);
  Status RunTransaction(const char* begin, const std::function<Status(Database&)>& body);

  sqlite3* handle_;
  std::string path_;
  SqliteOptions options_;
  std::unordered_map<std::string, CachedStatement> cache_;
  int transaction_depth_ = 0;
  bool saw_busy_ = false;
};

template <typename V>
Status BindOne(sqlite3_stmt* stmt, int index, const V& value) {
  int rc = SQLITE_OK;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          rc = sqlite3_bind_null(stmt, index);
        } else if constexpr (std::is_same_v<T, int64_t>) {
          rc = sqlite3_bind_int64(stmt, index, v);
        } else if constexpr (std::is_same_v<T, double>) {
          rc = sqlite3_bind_double(stmt, index, v);
        } else {
          // SQLITE_STATIC: the caller's value outlives the step that reads it.
          rc = sqlite3_bind_text64(stmt, index, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
        }
      },
      value);
  return rc == SQLITE_OK ? Status::Ok() : Status(CodeFor(rc), "cannot bind parameter");
}

template <typename Container>
Status BindAll(sqlite3_stmt* stmt, const Container& params, std::string_view sql) {
  const int expected = sqlite3_bind_parameter_count(stmt);
  if (static_cast<size_t>(expected) != params.size()) {
    return Status::Internal("statement expects " + std::to_string(expected) + " parameters, got " +
                            std::to_string(params.size()) + " [" + internal::AbbreviateSql(sql) +
                            "]");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    AIRM_RETURN_IF_ERROR(BindOne(stmt, static_cast<int>(i + 1), params[i]));
  }
  return Status::Ok();
}

// The storage class a declared column type allows (SQLite's affinity rules,
// https://www.sqlite.org/datatype3.html 3.1), or 0 when any is allowed.
int ExpectedStorage(const char* decltype_text) {
  if (decltype_text == nullptr) return 0;  // an expression: its type is ours
  std::string upper(decltype_text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper.find("INT") != std::string::npos) return SQLITE_INTEGER;
  if (upper.find("CHAR") != std::string::npos || upper.find("CLOB") != std::string::npos ||
      upper.find("TEXT") != std::string::npos) {
    return SQLITE_TEXT;
  }
  if (upper.find("REAL") != std::string::npos || upper.find("FLOA") != std::string::npos ||
      upper.find("DOUB") != std::string::npos) {
    return SQLITE_FLOAT;
  }
  return 0;
}

const char* StorageName(int type) {
  switch (type) {
    case SQLITE_INTEGER:
      return "an integer";
    case SQLITE_FLOAT:
      return "a real number";
    case SQLITE_TEXT:
      return "text";
    default:
      return "a blob";
  }
}

// Whether a statement may yield NULL for a NOT NULL column legitimately: an
// outer join does for its unmatched side. Every other NULL from such a column
// can only come from a damaged or hand-edited file.
bool HasOuterJoin(sqlite3_stmt* stmt) {
  const char* sql = sqlite3_sql(stmt);
  if (sql == nullptr) return true;
  std::string upper(sql);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper.find("LEFT ") != std::string::npos || upper.find("RIGHT ") != std::string::npos ||
         upper.find("FULL ") != std::string::npos;
}

// Whether the table column a result column reads is declared NOT NULL (false
// for expressions, which have no origin).
bool OriginIsNotNull(sqlite3* db, sqlite3_stmt* stmt, int column_idx) {
  const char* table = sqlite3_column_table_name(stmt, column_idx);
  const char* origin = sqlite3_column_origin_name(stmt, column_idx);
  if (table == nullptr || origin == nullptr) return false;
  int not_null = 0;
  if (sqlite3_table_column_metadata(db, sqlite3_column_database_name(stmt, column_idx), table,
                                    origin, nullptr, nullptr, &not_null, nullptr,
                                    nullptr) != SQLITE_OK) {
    return false;
  }
  return not_null != 0;
}

// Reads one row, checking each cell against its column's declared type and
// NOT NULL constraint: the store's own writes always match (affinity converts
// on insert; SQLite enforces NOT NULL), so a mismatch means the file was
// damaged or edited, which Row's typed accessors must never see.
Result<Row> ReadRow(sqlite3_stmt* stmt, const std::string& path) {
  const int columns = sqlite3_column_count(stmt);
  std::vector<Value> values;
  values.reserve(columns);
  for (int column_idx = 0; column_idx < columns; ++column_idx) {
    const int type = sqlite3_column_type(stmt, column_idx);
    const int expected = ExpectedStorage(sqlite3_column_decltype(stmt, column_idx));
    const bool matches = type == SQLITE_NULL || expected == 0 || type == expected ||
                         (expected == SQLITE_FLOAT && type == SQLITE_INTEGER);
    if (type == SQLITE_NULL && OriginIsNotNull(sqlite3_db_handle(stmt), stmt, column_idx) &&
        !HasOuterJoin(stmt)) {
      const char* name = sqlite3_column_name(stmt, column_idx);
      return Status::Corrupt(path + ": the store is damaged: column '" +
                             std::string(name == nullptr ? "?" : name) +
                             "' is empty (NULL) where a value is required");
    }
    if (!matches) {
      const char* name = sqlite3_column_name(stmt, column_idx);
      return Status::Corrupt(
          path + ": the store is damaged: column '" + std::string(name == nullptr ? "?" : name) +
          "' holds " + StorageName(type) + " where " + StorageName(expected) + " is declared");
    }
    switch (type) {
      case SQLITE_INTEGER:
        values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, column_idx)));
        break;
      case SQLITE_FLOAT:
        values.emplace_back(sqlite3_column_double(stmt, column_idx));
        break;
      case SQLITE_NULL:
        values.emplace_back(std::monostate{});
        break;
      default: {
        const auto* text = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, column_idx));
        const int size = sqlite3_column_bytes(stmt, column_idx);
        values.emplace_back(std::string(text == nullptr ? "" : text, size));
      }
    }
  }
  return Row(std::move(values));
}

Status SqliteDatabase::Step(sqlite3_stmt* stmt, std::string_view sql,
                            const std::function<Status(const Row&)>* on_row) {
  while (true) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) return Status::Ok();
    if (rc == SQLITE_ROW) {
      if (on_row != nullptr) {
        AIRM_ASSIGN_OR_RETURN(Row row, ReadRow(stmt, path_));
        AIRM_RETURN_IF_ERROR((*on_row)(row));
      }
      continue;
    }
    return Error(rc, sql);
  }
}

Result<SqliteDatabase::Lease> SqliteDatabase::Borrow(std::string_view sql) {
  auto it = cache_.find(std::string(sql));
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Lease(this, it->second.stmt, &it->second);
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  int rc = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) return Error(rc, sql);
  if (stmt == nullptr) return Status::Internal("empty SQL statement");
  if (it != cache_.end()) return Lease(this, stmt, nullptr);
  CachedStatement& cached = cache_[std::string(sql)];
  cached.stmt = stmt;
  cached.in_use = true;
  return Lease(this, stmt, &cached);
}

Status SqliteDatabase::RunScript(std::string_view sql) {
  std::string text(sql);
  const char* next = text.c_str();
  const char* end = next + text.size();
  while (next < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(handle_, next, static_cast<int>(end - next), &stmt, &tail);
    if (rc != SQLITE_OK) return Error(rc, next);
    if (stmt == nullptr) break;  // only whitespace or comments left
    Status s = Step(stmt, std::string_view(next, tail - next), nullptr);
    sqlite3_finalize(stmt);
    AIRM_RETURN_IF_ERROR(s);
    next = tail;
  }
  return Status::Ok();
}

Status SqliteDatabase::Execute(std::string_view sql, const std::vector<Value>& params) {
  // Parameterless SQL may hold several statements (migrations, scripts); a
  // ';' before the end sends it to the statement-by-statement runner.
  if (params.empty()) {
    const size_t last = sql.find_last_not_of(" \t\r\n;");
    if (last != std::string_view::npos && sql.substr(0, last).find(';') != std::string_view::npos) {
      return RunScript(sql);
    }
  }
  AIRM_ASSIGN_OR_RETURN(Lease lease, Borrow(sql));
  AIRM_RETURN_IF_ERROR(BindAll(lease.get(), params, sql));
  return Step(lease.get(), sql, nullptr);
}

Result<std::vector<Row>> SqliteDatabase::Query(std::string_view sql,
                                               const std::vector<Value>& params) {
  std::vector<Row> rows;
  std::function<Status(const Row&)> collect = [&rows](const Row& row) {
    rows.push_back(row);
    return Status::Ok();
  };
  AIRM_RETURN_IF_ERROR(QueryEach(sql, params, collect));
  return rows;
}

Status SqliteDatabase::QueryEach(std::string_view sql, const std::vector<Value>& params,
                                 const std::function<Status(const Row&)>& on_row) {
  AIRM_ASSIGN_OR_RETURN(Lease lease, Borrow(sql));
  AIRM_RETURN_IF_ERROR(BindAll(lease.get(), params, sql));
  return Step(lease.get(), sql, &on_row);
}

Result<std::unique_ptr<PreparedStatement>> SqliteDatabase::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(handle_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return Error(rc, sql);
  if (stmt == nullptr) return Status::Internal("empty SQL statement");
  return std::unique_ptr<PreparedStatement>(
      std::make_unique<SqliteStatement>(this, stmt, std::string(sql)));
}

Status SqliteStatement::Run(const std::vector<Value>& params) {
  sqlite3_reset(stmt_);
  Status s = BindAll(stmt_, params, sql_);
  if (s.ok()) s = db_->Step(stmt_, sql_, nullptr);
  sqlite3_reset(stmt_);
  return s;
}

Status SqliteStatement::RunViews(std::span<const ValueView> params) {
  sqlite3_reset(stmt_);
  Status s = BindAll(stmt_, params, sql_);
  if (s.ok()) s = db_->Step(stmt_, sql_, nullptr);
  // Reset releases the borrowed text before the caller reuses its buffer.
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  return s;
}

Status SqliteDatabase::RunTransaction(const char* begin,
                                      const std::function<Status(Database&)>& body) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(options_.busy_timeout_ms);
  auto backoff = std::chrono::milliseconds(5);
  while (true) {
    saw_busy_ = false;
    Status s = Execute(begin, {});
    if (s.ok()) {
      ++transaction_depth_;
      s = body(*this);
      --transaction_depth_;
      if (s.ok()) {
        s = Execute("COMMIT", {});
        if (s.ok()) return s;
      }
      sqlite3_exec(handle_, "ROLLBACK", nullptr, nullptr, nullptr);
    }
    if (!saw_busy_ || Clock::now() >= deadline) return s;
    std::this_thread::sleep_for(std::min(
        backoff, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())));
    backoff = std::min(backoff * 2, std::chrono::milliseconds(200));
  }
}

Status SqliteDatabase::WriteTransaction(const std::function<Status(Database&)>& body) {
  if (options_.read_only) {
    return Status::InvalidArgument(path_ + ": store opened read-only cannot be written");
  }
  // Nested: the outer transaction already holds the lock and commits.
  if (transaction_depth_ > 0) return body(*this);
  return RunTransaction("BEGIN IMMEDIATE", body);
}

Status SqliteDatabase::ReadTransaction(const std::function<Status(Database&)>& body) {
  if (transaction_depth_ > 0) return body(*this);
  return RunTransaction("BEGIN", body);
}

Result<int> SqliteDatabase::SchemaVersion() {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> tables,
      Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'", {}));
  if (tables.empty()) return 0;
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        Query("SELECT MAX(version) FROM schema_migrations", {}));
  if (rows.empty() || rows[0].IsNull(0)) return 0;
  return static_cast<int>(rows[0].Int(0));
}

// A file that exists but does not start with SQLite's magic string is not a
// store, whatever SQLite would make of it.
Status CheckHeader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  char header[16] = {};
  in.read(header, sizeof header);
  const std::streamsize got = in.gcount();
  if (got == 0) return Status::Ok();  // an empty file: SQLite treats it as an empty database
  static constexpr char kMagic[16] = {'S', 'Q', 'L', 'i', 't', 'e', ' ', 'f',
                                      'o', 'r', 'm', 'a', 't', ' ', '3', '\0'};
  if (got < 16 || std::memcmp(header, kMagic, 16) != 0) {
    return Status::Corrupt(path + ": not an airm store (not an SQLite database: bad file header)");
  }
  return Status::Ok();
}

Status Pragma(SqliteDatabase& db, const std::string& sql) {
  char* error = nullptr;
  int rc = sqlite3_exec(db.handle(), sql.c_str(), nullptr, nullptr, &error);
  sqlite3_free(error);
  return rc == SQLITE_OK ? Status::Ok() : db.Error(rc, sql);
}

Status Configure(SqliteDatabase& db, const SqliteOptions& options) {
  sqlite3_extended_result_codes(db.handle(), 1);
  sqlite3_busy_timeout(db.handle(), options.busy_timeout_ms);
  AIRM_RETURN_IF_ERROR(Pragma(db, "PRAGMA foreign_keys = ON"));
  if (options.read_only) return Status::Ok();
  // Reading the journal mode is the first real read: a file with a valid
  // header but garbage pages fails here, as kCorrupt.
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> mode, db.Query("PRAGMA journal_mode = WAL", {}));
  if (mode.empty() || mode[0].IsNull(0) || mode[0].Text(0) != "wal") {
    return Status::IoError(db.Describe() +
                           ": cannot turn on write-ahead logging (is the file system local?)");
  }
  return Pragma(db, "PRAGMA synchronous = FULL");
}

// A database with tables but no schema_migrations was made by something else;
// refuse it rather than add airm's tables to a stranger's file.
Status CheckIsAirmStore(SqliteDatabase& db, bool create) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT (SELECT COUNT(*) FROM sqlite_master),"
               " (SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations')",
               {}));
  const int64_t objects = rows[0].Int(0);
  const int64_t has_migrations = rows[0].Int(1);
  if (has_migrations > 0) return Status::Ok();
  if (objects > 0) {
    return Status::Corrupt(db.Describe() +
                           ": not an airm store (an SQLite database without airm's "
                           "schema_migrations table)");
  }
  if (!create) {
    return Status::Corrupt(db.Describe() +
                           ": not an airm store (an empty database); run `airm init`");
  }
  return Status::Ok();
}

// Process-wide settings, made once before SQLite initialises. When
// something in the process initialised SQLite first, sqlite3_config refuses
// (SQLITE_MISUSE) and SQLite's defaults stay: slower, not wrong.
void ConfigureLibraryOnce() {
  static const bool configured = [] {
    constexpr int kStatementJournalSpill = 4 << 20;
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, kStatementJournalSpill) == SQLITE_OK;
  }();
  (void)configured;
}

}  // namespace

Result<std::unique_ptr<Database>> OpenSqliteStore(const std::string& path,
                                                  const SqliteOptions& options) {
  ConfigureLibraryOnce();
  struct stat info {};
  const bool exists = ::stat(path.c_str(), &info) == 0;
  if (!exists && !options.create) return Status::NotFound(path + ": no airm store at this path");
  if (exists) {
    if (S_ISDIR(info.st_mode)) {
      return Status::InvalidArgument(path + ": is a directory, not an airm store file");
    }
    AIRM_RETURN_IF_ERROR(CheckHeader(path));
  }
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0);
  }
  sqlite3* handle = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &handle, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = path + ": cannot open store: " +
                          (handle != nullptr ? sqlite3_errmsg(handle) : sqlite3_errstr(rc));
    sqlite3_close_v2(handle);
    return Status(CodeFor(rc) == StatusCode::kInternal ? StatusCode::kIoError : CodeFor(rc),
                  message);
  }
  auto db = std::make_unique<SqliteDatabase>(handle, path, options);
  Status s = Configure(*db, options);
  if (s.ok()) s = CheckIsAirmStore(*db, options.create);
  if (s.ok() && !options.read_only) s = ApplyMigrations(*db);
  if (s.ok() && options.read_only) {
    auto version = db->SchemaVersion();
    if (!version.ok()) {
      s = version.status();
    } else if (*version > KnownSchemaVersion()) {
      s = Status::Corrupt(path + ": store schema version " + std::to_string(*version) +
                          " is newer than this airm (knows up to " +
                          std::to_string(KnownSchemaVersion()) + "); upgrade airm");
    } else if (*version < KnownSchemaVersion()) {
      s = Status::InvalidArgument(path + ": store schema version " + std::to_string(*version) +
                                  " needs migrating to " + std::to_string(KnownSchemaVersion()) +
                                  "; open it once without read-only");
    }
  }
  if (!s.ok()) {
    // SQLite reports garbage past a valid header as "file is not a database"
    // or "database disk image is malformed": name the file in plain words.
    if (s.code() == StatusCode::kCorrupt && s.message().find("airm") == std::string::npos) {
      return Status::Corrupt(path + ": the airm store is damaged (" + s.message() + ")");
    }
    return s;
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace airm::store
