// The store's schema migrations, compiled into the library from
// src/store/migrations/NNN_name.sql (see embed_migrations.cmake).
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct Migration {
  int version;            // NNN of the file name; 1, 2, 3 … without gaps
  std::string_view name;  // the rest of the file name, e.g. "initial"
  std::string_view sql;   // one or more statements, portable SQL
  // migrations/postgresql/NNN_name.sql when the portable SQL cannot be
  // translated (postgres_dialect.h); empty otherwise.
  std::string_view postgresql_sql;
};

// The statements to run for `m` on a database of `dialect`.
std::string MigrationSql(const Migration& m, SqlDialect dialect);

// Every migration this airm knows, in version order.
std::span<const Migration> EmbeddedMigrations();

// The highest version in EmbeddedMigrations().
int KnownSchemaVersion();

// Brings `db` up to KnownSchemaVersion(): each pending migration and its
// schema_migrations row in one write transaction, so a crash leaves the store
// at a whole version. Safe when several processes open a fresh store at once
// (each transaction re-reads the applied version). Corrupt when the store is
// newer than this airm.
Status ApplyMigrations(Database& db);

}  // namespace airm::store
