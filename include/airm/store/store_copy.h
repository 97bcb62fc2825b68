// Copying a store's tables to another store (SQLite to PostgreSQL or back)
// and comparing two stores table by table. The building blocks of
// `airm store migrate` (airm/usecases/migrate_store.h).
//
// Tables are the ones airm's migrations create, in creation order: every
// foreign key points to an earlier table, so copying in this order never
// inserts a row before the row it references.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

// Every table of the store schema this airm knows, in creation order
// (schema_migrations excluded).
std::vector<std::string> StoreTables();

struct TableContent {
  std::string table;
  int64_t rows = 0;
  // "sha256:<hex>" over the sorted SHA-256s of the rows' canonical encoding
  // (type and value of each cell, in column order): independent of row order
  // and of the database's collation, equal when the contents are.
  std::string digest;
};

// Row count and content digest of `table`.
Result<TableContent> DescribeTable(Database& db, const std::string& table);

// Total rows over StoreTables().
Result<int64_t> CountStoreRows(Database& db);

// Deletes every row of every store table (newest table first), for a copy
// into a store that is to be replaced. REQUIRES: inside a write transaction.
Status EmptyStoreTables(Database& to);

// Copies every row of `table` from `from` to `to` with the same keys, and on
// PostgreSQL moves the table's identity sequence past the copied keys.
// REQUIRES: `to` is inside a write transaction; both at the same schema
// version. InvalidArgument when the two tables' columns differ.
Result<int64_t> CopyTable(Database& from, Database& to, const std::string& table);

}  // namespace airm::store
