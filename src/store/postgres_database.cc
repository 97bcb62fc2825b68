// The PostgreSQL implementation of Database: one libpq connection, the store
// shared by a team (docs/store.md explains the choices for users).
//
// - Statements: the portable SQL's `?` placeholders are numbered here, in one
//   place (postgres_dialect.h), and each distinct statement is prepared once
//   per connection. Values travel as text; integers and reals carry their
//   type so the server never has to guess, strings and NULLs are typed by
//   their context as a literal would be.
// - Write transactions are SERIALIZABLE: the repositories read and then write
//   (next version number = MAX + 1, "does this name exist", the audit log's
//   next seq), which SQLite makes safe by admitting one writer at a time.
//   SERIALIZABLE gives the same guarantee with concurrent writers: a
//   transaction that would see a result no serial order could produce fails
//   with SQLSTATE 40001 and is retried whole, as is a deadlock victim (40P01),
//   with doubling, jittered backoff until retry_timeout_ms; a unique
//   violation, which is how PostgreSQL sometimes reports the same race, is
//   retried a few times before it counts as a real duplicate. Read
//   transactions are REPEATABLE READ: one snapshot, never blocked.
// - A row lock waited on longer than retry_timeout_ms (lock_timeout) is
//   kUnavailable, as a held SQLite lock is.
// - Errors map from SQLSTATE classes to the same Status codes SQLite's
//   result codes map to; constraint messages start as SQLite's do ("UNIQUE
//   constraint failed: …") so callers and users read one vocabulary.
// - Nothing is printed: the server's notices are dropped.
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <unordered_map>

#include "airm/store/database.h"
#include "airm/store/postgres_query.h"
#include "migrations.h"
#include "postgres_dialect.h"
#include "store_util.h"

namespace airm::store {
namespace {

// Type OIDs from PostgreSQL's pg_type.dat (stable across versions).
constexpr Oid kBoolOid = 16;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt2Oid = 21;
constexpr Oid kInt4Oid = 23;
constexpr Oid kOidOid = 26;
constexpr Oid kFloat4Oid = 700;
constexpr Oid kFloat8Oid = 701;
constexpr Oid kNumericOid = 1700;

struct ResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultDeleter>;

std::string TrimNewlines(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) c = c == '\n' ? ' ' : c;
  return text;
}

// Retries of a write transaction that failed on a unique violation (see
// RunTransaction); serialization failures are retried until the deadline.
constexpr int kUniqueViolationRetries = 4;

bool IsRetryable(std::string_view sqlstate) { return sqlstate == "40001" || sqlstate == "40P01"; }

// SQLSTATE (Appendix A of the PostgreSQL manual) to the codes SQLite's result
// codes map to in sqlite_database.cc.
StatusCode CodeFor(std::string_view sqlstate) {
  if (sqlstate.empty()) return StatusCode::kIoError;  // no answer: the connection broke
  const std::string_view sql_class = sqlstate.substr(0, 2);
  if (sql_class == "23" || sql_class == "22") return StatusCode::kInvalidArgument;
  if (sql_class == "40" || sqlstate == "55P03" || sqlstate == "57014") {
    return StatusCode::kUnavailable;
  }
  if (sqlstate == "XX001" || sqlstate == "XX002") return StatusCode::kCorrupt;
  if (sql_class == "08" || sql_class == "53" || sql_class == "58" || sql_class == "57" ||
      sql_class == "28" || sqlstate == "42501" || sqlstate == "25006") {
    return StatusCode::kIoError;
  }
  // Syntax errors, unknown columns …: a mistake in airm's own SQL.
  return StatusCode::kInternal;
}

// SQLite's words for a constraint class, so messages read the same on both.
std::string_view ConstraintPrefix(std::string_view sqlstate) {
  if (sqlstate == "23505") return "UNIQUE constraint failed: ";
  if (sqlstate == "23503") return "FOREIGN KEY constraint failed: ";
  if (sqlstate == "23502") return "NOT NULL constraint failed: ";
  if (sqlstate == "23514") return "CHECK constraint failed: ";
  return "";
}

std::string FormatDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buffer[32];
  // Shortest text that reads back as the same double.
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
  return std::string(buffer, end);
}

// The text of a parameter and the type it tells the server (0: infer).
template <typename V>
void Encode(const V& value, std::string* text, bool* is_null, Oid* type) {
  *is_null = false;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) {
          *is_null = true;
          *type = 0;
        } else if constexpr (std::is_same_v<T, int64_t>) {
          *text = std::to_string(v);
          *type = kInt8Oid;
        } else if constexpr (std::is_same_v<T, double>) {
          *text = FormatDouble(v);
          *type = kFloat8Oid;
        } else {
          text->assign(v.data(), v.size());
          *type = 0;
        }
      },
      value);
}

Value DecodeCell(const PGresult* result, int row, int column_idx) {
  if (PQgetisnull(result, row, column_idx)) return std::monostate{};
  const char* text = PQgetvalue(result, row, column_idx);
  const int length = PQgetlength(result, row, column_idx);
  switch (PQftype(result, column_idx)) {
    case kBoolOid:
      return int64_t{text[0] == 't' ? 1 : 0};
    case kInt2Oid:
    case kInt4Oid:
    case kInt8Oid:
    case kOidOid: {
      int64_t v = 0;
      std::from_chars(text, text + length, v);
      return v;
    }
    case kFloat4Oid:
    case kFloat8Oid:
      return std::strtod(text, nullptr);
    case kNumericOid: {
      // SUM over BIGINT is NUMERIC: an integer when it has no fraction (as
      // SQLite's SUM of integers is), else a real.
      int64_t v = 0;
      auto [end, ec] = std::from_chars(text, text + length, v);
      if (ec == std::errc() && end == text + length) return v;
      return std::strtod(text, nullptr);
    }
    default:
      return std::string(text, length);
  }
}

class PostgresDatabase;

class PostgresStatement : public PreparedStatement {
 public:
  PostgresStatement(PostgresDatabase* db, std::string sql) : db_(db), sql_(std::move(sql)) {}
  Status Run(const std::vector<Value>& params) override;
  Status RunViews(std::span<const ValueView> params) override;

 private:
  PostgresDatabase* db_;
  std::string sql_;
};

class PostgresDatabase : public Database {
 public:
  PostgresDatabase(PGconn* conn, std::string description, PostgresOptions options)
      : conn_(conn), description_(std::move(description)), options_(options) {}
  ~PostgresDatabase() override { PQfinish(conn_); }

  Status WriteTransaction(const std::function<Status(Database&)>& body) override {
    if (transaction_depth_ > 0) return body(*this);
    return RunTransaction("BEGIN ISOLATION LEVEL SERIALIZABLE", body);
  }
  Status ReadTransaction(const std::function<Status(Database&)>& body) override {
    if (transaction_depth_ > 0) return body(*this);
    return RunTransaction("BEGIN ISOLATION LEVEL REPEATABLE READ", body);
  }
  Status Execute(std::string_view sql, const std::vector<Value>& params) override {
    if (params.empty()) {
      // Parameterless SQL may hold several statements (migrations, scripts).
      const size_t last = sql.find_last_not_of(" \t\r\n;");
      if (last != std::string_view::npos &&
          sql.substr(0, last).find(';') != std::string_view::npos) {
        return Simple(sql);
      }
    }
    return Run(sql, std::span<const Value>(params), nullptr);
  }
  Result<std::vector<Row>> Query(std::string_view sql, const std::vector<Value>& params) override {
    std::vector<Row> rows;
    std::function<Status(const Row&)> collect = [&rows](const Row& row) {
      rows.push_back(row);
      return Status::Ok();
    };
    AIRM_RETURN_IF_ERROR(Run(sql, std::span<const Value>(params), &collect));
    return rows;
  }
  // Through a cursor, options_.fetch_rows rows per round trip, so memory
  // holds one batch however large the result (a prediction log's window);
  // on_row may run queries of its own between the fetches. Inside a
  // transaction the cursor reads its snapshot; outside, a WITH HOLD cursor
  // (the server keeps the result once the implicit transaction commits), so
  // on_row may also run transactions of its own.
  Status QueryEach(std::string_view sql, const std::vector<Value>& params,
                   const std::function<Status(const Row&)>& on_row) override {
    // One name per nesting level: stable text, so DECLARE and FETCH are
    // prepared once per statement and level.
    const std::string cursor = "airm_cursor_" + std::to_string(open_cursors_);
    const bool hold = transaction_depth_ == 0;
    AIRM_RETURN_IF_ERROR(Run("DECLARE " + cursor + " NO SCROLL CURSOR" +
                                 (hold ? " WITH HOLD" : "") + " FOR " + std::string(sql),
                             std::span<const Value>(params), nullptr));
    ++open_cursors_;
    const std::string fetch =
        "FETCH FORWARD " + std::to_string(options_.fetch_rows) + " FROM " + cursor;
    Status s;
    for (int fetched = options_.fetch_rows; s.ok() && fetched == options_.fetch_rows;) {
      fetched = 0;
      const std::function<Status(const Row&)> counted = [&](const Row& row) {
        ++fetched;
        return on_row(row);
      };
      s = Run(fetch, std::span<const Value>(), &counted);
    }
    --open_cursors_;
    // After a failed statement the transaction accepts nothing more (its
    // cursors go with it); otherwise the cursor is closed so its name can be
    // used again.
    if (PQtransactionStatus(conn_) != PQTRANS_INERROR) {
      Status closed = Simple("CLOSE " + cursor);
      if (s.ok()) s = closed;
    }
    return s;
  }
  Result<std::unique_ptr<PreparedStatement>> Prepare(std::string_view sql) override {
    return std::unique_ptr<PreparedStatement>(
        std::make_unique<PostgresStatement>(this, std::string(sql)));
  }
  Result<int> SchemaVersion() override {
    AIRM_ASSIGN_OR_RETURN(std::vector<Row> tables,
                          Query("SELECT to_regclass('schema_migrations') IS NOT NULL", {}));
    if (tables.empty() || tables[0].Int(0) == 0) return 0;
    AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                          Query("SELECT MAX(version) FROM schema_migrations", {}));
    if (rows.empty() || rows[0].IsNull(0)) return 0;
    return static_cast<int>(rows[0].Int(0));
  }
  std::string Describe() const override { return description_; }
  SqlDialect dialect() const override { return SqlDialect::kPostgresql; }

  // Runs `sql` (one statement with `?` placeholders) with `params`, handing
  // each result row to *on_row when given.
  template <typename V>
  Status Run(std::string_view sql, std::span<const V> params,
             const std::function<Status(const Row&)>* on_row) {
    AIRM_ASSIGN_OR_RETURN(const Prepared* prepared, PrepareCached(sql, params));
    if (static_cast<size_t>(prepared->parameter_count) != params.size()) {
      return Status::Internal("statement expects " + std::to_string(prepared->parameter_count) +
                              " parameters, got " + std::to_string(params.size()) + " [" +
                              internal::AbbreviateSql(sql) + "]");
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      bool is_null = false;
      Oid type = 0;
      Encode(params[i], &texts[i], &is_null, &type);
      values[i] = is_null ? nullptr : texts[i].c_str();
    }
    ResultPtr result(PQexecPrepared(conn_, prepared->name.c_str(), static_cast<int>(values.size()),
                                    values.data(), nullptr, nullptr, 0));
    AIRM_RETURN_IF_ERROR(Check(result.get(), sql));
    if (on_row == nullptr) return Status::Ok();
    // The whole result is in memory, so nested queries from on_row are safe.
    const int rows = PQntuples(result.get());
    const int columns = PQnfields(result.get());
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> cells;
      cells.reserve(columns);
      for (int c = 0; c < columns; ++c) cells.push_back(DecodeCell(result.get(), r, c));
      AIRM_RETURN_IF_ERROR((*on_row)(Row(std::move(cells))));
    }
    return Status::Ok();
  }

  // Runs SQL without parameters through the simple protocol (several
  // statements allowed; BEGIN / COMMIT).
  Status Simple(std::string_view sql) {
    ResultPtr result(PQexec(conn_, std::string(sql).c_str()));
    return Check(result.get(), sql);
  }

  PGconn* conn() { return conn_; }

 private:
  struct Prepared {
    std::string name;
    int parameter_count = 0;
  };

  Status Check(const PGresult* result, std::string_view sql) {
    const ExecStatusType status = result == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return Status::Ok();
    const char* state = result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_SQLSTATE);
    const std::string sqlstate = state == nullptr ? "" : state;
    if (IsRetryable(sqlstate)) saw_retryable_ = true;
    if (sqlstate == "23505") saw_unique_violation_ = true;
    const char* primary =
        result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    std::string message =
        description_ + ": " + std::string(ConstraintPrefix(sqlstate)) +
        (primary != nullptr ? std::string(primary) : TrimNewlines(PQerrorMessage(conn_)));
    const char* detail =
        result == nullptr ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
    if (detail != nullptr) message += " (" + std::string(detail) + ")";
    if (sqlstate == "55P03") {
      message += " (another connection held a lock longer than " +
                 std::to_string(options_.retry_timeout_ms) + " ms)";
    }
    if (PQstatus(conn_) == CONNECTION_BAD) message += " (the connection to the server was lost)";
    if (!sql.empty()) message += " [" + internal::AbbreviateSql(sql) + "]";
    return Status(CodeFor(sqlstate), std::move(message));
  }

  template <typename V>
  Result<const Prepared*> PrepareCached(std::string_view sql, std::span<const V> params) {
    auto it = cache_.find(std::string(sql));
    if (it != cache_.end()) return &it->second;
    Prepared prepared;
    const std::string numbered = internal::NumberPlaceholders(sql, &prepared.parameter_count);
    // The first call's value types: integers and reals are declared, text and
    // NULL left for the server to infer from the statement.
    std::vector<Oid> types(static_cast<size_t>(prepared.parameter_count), 0);
    for (size_t i = 0; i < params.size() && i < types.size(); ++i) {
      std::string text;
      bool is_null = false;
      Encode(params[i], &text, &is_null, &types[i]);
    }
    prepared.name = "airm_" + std::to_string(cache_.size() + 1);
    ResultPtr result(PQprepare(conn_, prepared.name.c_str(), numbered.c_str(),
                               prepared.parameter_count, types.data()));
    AIRM_RETURN_IF_ERROR(Check(result.get(), sql));
    return &cache_.emplace(std::string(sql), std::move(prepared)).first->second;
  }

  Status RunTransaction(const char* begin, const std::function<Status(Database&)>& body) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + std::chrono::milliseconds(options_.retry_timeout_ms);
    auto backoff = std::chrono::milliseconds(5);
    std::minstd_rand jitter(static_cast<unsigned>(Clock::now().time_since_epoch().count()));
    int unique_retries = 0;
    for (int attempt = 1;; ++attempt) {
      saw_retryable_ = false;
      saw_unique_violation_ = false;
      Status s = Simple(begin);
      if (s.ok()) {
        ++transaction_depth_;
        s = body(*this);
        --transaction_depth_;
        if (s.ok()) {
          s = Simple("COMMIT");
          if (s.ok()) return s;
        }
      }
      if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
      // A unique violation is what a lost MAX + 1 race looks like when the
      // read did not go through the unique index (PostgreSQL then reports
      // 23505, not 40001). Retried a few times: a race resolves once the
      // other writer's row is visible; a real duplicate repeats and is
      // returned as the constraint error it is.
      if (!saw_retryable_ && saw_unique_violation_ && unique_retries < kUniqueViolationRetries) {
        ++unique_retries;
      } else if (!saw_retryable_) {
        return s;
      }
      if (Clock::now() >= deadline) {
        if (!saw_retryable_) return s;
        return Status::Unavailable(description_ + ": gave up after " + std::to_string(attempt) +
                                   " attempts in " + std::to_string(options_.retry_timeout_ms) +
                                   " ms: concurrent writers kept conflicting (" + s.message() +
                                   ")");
      }
      // Jitter so that writers who collided do not collide again in step.
      const auto sleep = backoff + std::chrono::milliseconds(jitter() % (backoff.count() + 1));
      std::this_thread::sleep_for(std::min(
          sleep, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now())));
      backoff = std::min(backoff * 2, std::chrono::milliseconds(500));
    }
  }

  PGconn* conn_;
  std::string description_;
  PostgresOptions options_;
  std::unordered_map<std::string, Prepared> cache_;
  int transaction_depth_ = 0;
  int open_cursors_ = 0;  // QueryEach calls running (nested in on_row)
  bool saw_retryable_ = false;
  bool saw_unique_violation_ = false;
};

Status PostgresStatement::Run(const std::vector<Value>& params) {
  return db_->Run(sql_, std::span<const Value>(params), nullptr);
}

Status PostgresStatement::RunViews(std::span<const ValueView> params) {
  return db_->Run(sql_, params, nullptr);
}

void IgnoreNotice(void*, const char*) {}

// Refuses a schema that holds someone else's tables, as OpenSqliteStore
// refuses a foreign SQLite file.
Status CheckIsAirmStore(PostgresDatabase& db, bool create) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT current_schema() IS NOT NULL,"
               " (SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()),"
               " to_regclass('schema_migrations') IS NOT NULL",
               {}));
  if (rows[0].Int(0) == 0) {
    return Status::InvalidArgument(db.Describe() +
                                   ": no schema to use (the search_path names no existing "
                                   "schema); create it or fix the URL's options");
  }
  const int64_t tables = rows[0].Int(1);
  if (rows[0].Int(2) != 0) return Status::Ok();
  if (tables > 0) {
    return Status::Corrupt(db.Describe() +
                           ": not an airm store (a PostgreSQL schema with other tables and no "
                           "schema_migrations table)");
  }
  if (!create) return Status::Corrupt(db.Describe() + ": not an airm store (an empty database)");
  return Status::Ok();
}

// Migrates under a session advisory lock keyed by the schema, so processes
// opening a fresh database at once do not race on CREATE TABLE.
Status MigrateLocked(PostgresDatabase& db) {
  constexpr std::string_view kKey = "hashtext('airm-migrations:' || current_schema())";
  AIRM_RETURN_IF_ERROR(db.Simple("SELECT pg_advisory_lock(" + std::string(kKey) + ")"));
  Status s = ApplyMigrations(db);
  Status unlocked = db.Simple("SELECT pg_advisory_unlock(" + std::string(kKey) + ")");
  return s.ok() ? unlocked : s;
}

// A connection to the database `url` names, notices dropped, UTF-8; `what`
// names the database in messages ("the PostgreSQL store").
Result<PGconn*> Connect(const std::string& url, const PostgresOptions& options,
                        const std::string& what) {
  const std::string shown = RedactPostgresUrl(url);
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
  if (parsed == nullptr) {
    std::string why = parse_error != nullptr ? TrimNewlines(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return Status::InvalidArgument(shown + ": not a valid PostgreSQL URL: " + why);
  }
  PQconninfoFree(parsed);
  // Entries before dbname are defaults the URL may override (libpq's rule for
  // expand_dbname).
  const std::string timeout = std::to_string(std::max(options.connect_timeout_s, 2));
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
  const char* values[] = {timeout.c_str(), "airm", url.c_str(), nullptr};
  PGconn* conn = PQconnectdbParams(keywords, values, 1);
  if (conn == nullptr) return Status::IoError(shown + ": cannot connect: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = TrimNewlines(PQerrorMessage(conn));
    PQfinish(conn);
    return Status::IoError(shown + ": cannot connect to " + what + ": " + why);
  }
  PQsetNoticeProcessor(conn, IgnoreNotice, nullptr);
  PQsetClientEncoding(conn, "UTF8");
  return conn;
}

}  // namespace

Result<std::unique_ptr<Database>> OpenPostgresStore(const std::string& url,
                                                    const PostgresOptions& options) {
  const std::string shown = RedactPostgresUrl(url);
  if (options.fetch_rows <= 0) {
    return Status::InvalidArgument("PostgresOptions.fetch_rows: must be > 0");
  }
  if (!IsPostgresUrl(url)) {
    return Status::InvalidArgument(shown +
                                   ": not a PostgreSQL URL (expected postgresql://host/db)");
  }
  AIRM_ASSIGN_OR_RETURN(PGconn * conn, Connect(url, options, "the PostgreSQL store"));
  auto db = std::make_unique<PostgresDatabase>(conn, shown, options);
  Status s = db->Simple("SET lock_timeout = " + std::to_string(options.retry_timeout_ms));
  if (s.ok()) s = CheckIsAirmStore(*db, options.create);
  if (s.ok()) s = MigrateLocked(*db);
  if (!s.ok()) return s;
  return std::unique_ptr<Database>(std::move(db));
}

Result<ExternalRows> QueryPostgresReadOnly(const std::string& url, const std::string& sql,
                                           const std::vector<std::string>& params,
                                           const PostgresOptions& options) {
  if (!IsPostgresUrl(url)) {
    return Status::InvalidArgument(RedactPostgresUrl(url) +
                                   ": not a PostgreSQL URL (expected postgresql://host/db)");
  }
  AIRM_ASSIGN_OR_RETURN(PGconn * raw, Connect(url, options, "PostgreSQL"));
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(raw, &PQfinish);
  ResultPtr begin(PQexec(conn.get(), "BEGIN READ ONLY"));
  if (PQresultStatus(begin.get()) != PGRES_COMMAND_OK) {
    return Status::IoError(TrimNewlines(PQerrorMessage(conn.get())));
  }
  std::vector<const char*> values;
  for (const std::string& p : params) values.push_back(p.c_str());
  // Untyped text parameters: the server types each by its context.
  ResultPtr result(PQexecParams(conn.get(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0));
  const ExecStatusType status = PQresultStatus(result.get());
  if (status == PGRES_COMMAND_OK) {
    return Status::InvalidArgument("the query returns no rows; it must be a SELECT");
  }
  if (status != PGRES_TUPLES_OK) {
    const char* sqlstate = PQresultErrorField(result.get(), PG_DIAG_SQLSTATE);
    if (sqlstate == nullptr || std::string_view(sqlstate).starts_with("08")) {
      return Status::IoError(TrimNewlines(PQerrorMessage(conn.get())));
    }
    return Status::InvalidArgument(
        TrimNewlines(PQresultErrorField(result.get(), PG_DIAG_MESSAGE_PRIMARY)) + " (SQLSTATE " +
        sqlstate + ")");
  }
  ExternalRows out;
  const int columns = PQnfields(result.get());
  for (int c = 0; c < columns; ++c) out.columns.emplace_back(PQfname(result.get(), c));
  const int rows = PQntuples(result.get());
  out.rows.reserve(static_cast<size_t>(rows));
  for (int r = 0; r < rows; ++r) {
    std::vector<Value> cells;
    cells.reserve(static_cast<size_t>(columns));
    for (int c = 0; c < columns; ++c) cells.push_back(DecodeCell(result.get(), r, c));
    out.rows.emplace_back(std::move(cells));
  }
  ResultPtr commit(PQexec(conn.get(), "COMMIT"));
  return out;
}

}  // namespace airm::store
