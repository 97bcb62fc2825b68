#include <string>

#include "airm/store/timestamp.h"
#include "migrations.h"
#include "postgres_dialect.h"

namespace airm::store {

int KnownSchemaVersion() {
  int known = 0;
  for (const Migration& m : EmbeddedMigrations()) known = m.version > known ? m.version : known;
  return known;
}

std::string MigrationSql(const Migration& m, SqlDialect dialect) {
  if (dialect == SqlDialect::kSqlite) return std::string(m.sql);
  if (!m.postgresql_sql.empty()) return std::string(m.postgresql_sql);
  return internal::TranslateMigrationForPostgres(m.sql);
}

namespace {

constexpr std::string_view kCreateMigrationsTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";

Status NewerThanKnown(const Database& db, int version, int known) {
  return Status::Corrupt(db.Describe() + ": store schema version " + std::to_string(version) +
                         " is newer than this airm (knows up to " + std::to_string(known) +
                         "); upgrade airm");
}

}  // namespace

Status ApplyMigrations(Database& db) {
  const int known = KnownSchemaVersion();
  AIRM_ASSIGN_OR_RETURN(int version, db.SchemaVersion());
  if (version > known) return NewerThanKnown(db, version, known);
  // The common case, a store already current, takes no write lock.
  if (version == known) return Status::Ok();
  for (const Migration& m : EmbeddedMigrations()) {
    AIRM_RETURN_IF_ERROR(db.WriteTransaction([&](Database& tx) -> Status {
      AIRM_RETURN_IF_ERROR(
          tx.Execute(MigrationSql({0, "", kCreateMigrationsTable, ""}, tx.dialect())));
      // Re-read inside the lock: another process may have migrated meanwhile.
      AIRM_ASSIGN_OR_RETURN(int current, tx.SchemaVersion());
      if (current > known) return NewerThanKnown(tx, current, known);
      if (current >= m.version) return Status::Ok();
      if (current != m.version - 1) {
        return Status::Corrupt(tx.Describe() + ": store schema version " + std::to_string(current) +
                               " cannot be migrated to " + std::to_string(m.version) +
                               " (a migration is missing)");
      }
      AIRM_RETURN_IF_ERROR(tx.Execute(MigrationSql(m, tx.dialect())));
      return tx.Execute(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
          {int64_t{m.version}, std::string(m.name), UtcNow()});
    }));
  }
  return Status::Ok();
}

}  // namespace airm::store
