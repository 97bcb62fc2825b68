// Database: the one door through which airm reaches its store.
//
// Callers (dataset/run/model repositories, lineage queries) speak portable
// SQL through this interface: `?` placeholders, TEXT/INTEGER/REAL columns,
// ISO 8601 UTC text for times, `INSERT ... RETURNING id` for new keys. The
// embedded SQLite implementation is the default; the PostgreSQL one (a store
// shared by a team) sits behind the same interface: it rewrites `?` to `$n`
// and translates the migrations (postgres_dialect.h), so callers and
// repositories are the same for both.
//
// Errors: every call returns Status/Result; nothing throws. A database that
// is corrupt, not an airm store, or written by a newer airm is kCorrupt; a
// constraint violation is kInvalidArgument; a lock held past the busy
// timeout is kUnavailable.
//
// Thread-safety: one Database object per thread. Several processes may open
// the same store at once: writers serialise on the database lock (SQLite:
// WAL, BEGIN IMMEDIATE, busy timeout, retries), readers never block.
// PostgreSQL: write transactions are SERIALIZABLE and retried whole on a
// serialization failure or deadlock (SQLSTATE 40001 / 40P01), so the result is
// as if they ran one at a time, as on SQLite.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "airm/status.h"

namespace airm::store {

// A bound parameter or a result cell. monostate is SQL NULL.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

// One result row; column order as in the SELECT.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t column_idx) const;
  // REQUIRES: the cell holds that type (an INTEGER cell also reads as double).
  // Cells read from a table column always hold its declared type: the SQLite
  // implementation checks every cell as it reads and reports a damaged store
  // as kCorrupt, so a mismatch here is a programming error, not bad input.
  int64_t Int(size_t column_idx) const;
  double Real(size_t column_idx) const;
  const std::string& Text(size_t column_idx) const;
  std::optional<int64_t> OptionalInt(size_t column_idx) const;
  std::optional<std::string> OptionalText(size_t column_idx) const;
  const Value& operator[](size_t column_idx) const { return values_[column_idx]; }

 private:
  std::vector<Value> values_;
};

// A parameter that borrows its text: the caller keeps the bytes alive until
// the call that binds it returns. Lets a bulk loader bind fields straight from
// its read buffer without building a std::string per cell.
using ValueView = std::variant<std::monostate, int64_t, double, std::string_view>;

// A statement compiled once and run many times (bulk prediction logging).
class PreparedStatement {
 public:
  virtual ~PreparedStatement() = default;
  virtual Status Run(const std::vector<Value>& params) = 0;
  // Same as Run, binding borrowed values (no copies).
  virtual Status RunViews(std::span<const ValueView> params) = 0;
};

enum class SqlDialect { kSqlite, kPostgresql };

class Database {
 public:
  virtual ~Database() = default;

  // Runs `body` in one write transaction: commits when it returns OK, rolls
  // back otherwise (and on every error inside). When another process holds
  // the write lock, waits up to the busy timeout and retries the whole body,
  // so `body` must be safe to run again (no side effects outside the db).
  virtual Status WriteTransaction(const std::function<Status(Database&)>& body) = 0;
  // A consistent snapshot for several reads.
  virtual Status ReadTransaction(const std::function<Status(Database&)>& body) = 0;

  virtual Status Execute(std::string_view sql, const std::vector<Value>& params = {}) = 0;
  virtual Result<std::vector<Row>> Query(std::string_view sql,
                                         const std::vector<Value>& params = {}) = 0;
  // Streams rows to `on_row`; stops early and returns its status when not OK.
  virtual Status QueryEach(std::string_view sql, const std::vector<Value>& params,
                           const std::function<Status(const Row&)>& on_row) = 0;
  virtual Result<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql) = 0;

  // Schema version the store is at (the highest applied migration).
  virtual Result<int> SchemaVersion() = 0;
  // Location for messages: the file path for SQLite, host/db for PostgreSQL.
  virtual std::string Describe() const = 0;
  virtual SqlDialect dialect() const = 0;
};

struct SqliteOptions {
  int busy_timeout_ms = 10000;  // how long a writer waits for another process's lock
  bool create = false;          // create the file if missing (airm init); else NotFound
  bool read_only = false;
};

// Opens (or with options.create, creates) an SQLite store at `path`, turns on
// WAL and foreign keys, and applies pending migrations. Errors: NotFound when
// the file is missing and create is false; Corrupt when the file is not an
// SQLite database, fails its integrity header, or has a schema version newer
// than this airm knows (the message names both versions).
Result<std::unique_ptr<Database>> OpenSqliteStore(const std::string& path,
                                                  const SqliteOptions& options);

struct PostgresOptions {
  // Seconds to wait for the server to accept a connection (libpq's
  // connect_timeout; the URL's own connect_timeout wins). Never 0 = forever.
  int connect_timeout_s = 10;
  // How long a write transaction keeps retrying after serialization failures
  // and deadlocks, and how long it waits for a row lock (lock_timeout),
  // before kUnavailable.
  int retry_timeout_ms = 30000;
  // Apply migrations to an empty database (a store named by URL is created
  // on first use: the database itself is made by its administrator).
  bool create = true;
  // Rows QueryEach fetches per round trip through its cursor: the most it
  // holds in memory at once. Must be > 0.
  int fetch_rows = 1000;
};

// Whether `location` names a PostgreSQL store: "postgresql://…" or
// "postgres://…" (libpq's URI forms).
bool IsPostgresUrl(std::string_view location);

// `url` with any password replaced by "***", for messages and listings.
std::string RedactPostgresUrl(std::string_view url);

// Connects to the PostgreSQL database `url` names and applies pending
// migrations (under an advisory lock, so several processes opening a fresh
// database at once migrate it once). Errors: InvalidArgument for a malformed
// URL; IoError when the server cannot be reached or refuses the login (the
// message names host and port, never the password); Corrupt when the schema
// holds tables but no schema_migrations, or a newer schema version.
Result<std::unique_ptr<Database>> OpenPostgresStore(const std::string& url,
                                                    const PostgresOptions& options = {});

}  // namespace airm::store
