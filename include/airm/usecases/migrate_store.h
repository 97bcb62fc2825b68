// MigrateStore (`airm store migrate --from SRC --to DST [--replace]`): moves
// a workspace's store to another store, typically an SQLite file to a
// PostgreSQL database shared by a team (docs/store.md).
//
// Steps:
//   1. Open both stores (each is brought to this airm's schema version; a
//      URL is checked and connected with a timeout: never a hang).
//   2. Refuse a target that holds any airm rows, unless `replace`.
//   3. In one write transaction on the target: (empty it when replacing,)
//      copy every table in dependency order with the same keys, from one
//      read snapshot of the source. A failure leaves the target as it was.
//   4. Verify: every table's row count and content digest, read back from
//      both stores, must be equal; a difference is kCorrupt naming the table.
#pragma once

#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/store_copy.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct MigrateStoreOptions {
  // A workspace directory, airm.yaml, an SQLite store file or a
  // postgresql:// URL; the source must exist.
  std::string from = "";
  // A postgresql:// URL or an SQLite file path (created when missing).
  std::string to = "";
  bool replace = false;  // empty a non-empty target first
  ProgressFn progress = {};
  // InvalidArgument naming --from / --to when missing or the same store.
  Status Validate() const;
};

struct StoreMigration {
  std::string from, to;  // as described by the stores (passwords hidden)
  int schema_version = 0;
  int64_t replaced_rows = 0;                // rows the target held before (with replace)
  std::vector<store::TableContent> tables;  // verified equal in both stores
  int64_t TotalRows() const;
};

Result<StoreMigration> MigrateStore(const MigrateStoreOptions& options);

}  // namespace airm::usecases
