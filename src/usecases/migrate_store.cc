#include "airm/usecases/migrate_store.h"

#include <filesystem>

#include "airm/store/workspace.h"

namespace airm::usecases {
namespace {

Result<std::unique_ptr<store::Database>> OpenSource(const std::string& from) {
  std::error_code ec;
  if (!store::IsPostgresUrl(from) && !std::filesystem::exists(from, ec)) {
    return Status::NotFound("--from " + from + ": no such file or directory");
  }
  AIRM_ASSIGN_OR_RETURN(store::Workspace ws, store::LocateWorkspace({.store_flag = from}));
  return store::OpenWorkspaceStore(ws);
}

Result<std::unique_ptr<store::Database>> OpenTarget(const std::string& to) {
  if (store::IsPostgresUrl(to)) return store::OpenPostgresStore(to);
  return store::OpenSqliteStore(to, {.create = true});
}

}  // namespace

Status MigrateStoreOptions::Validate() const {
  if (from.empty()) return Status::InvalidArgument("--from: the store to copy is required");
  if (to.empty()) return Status::InvalidArgument("--to: the store to copy into is required");
  if (from == to) return Status::InvalidArgument("--from and --to name the same store");
  return Status::Ok();
}

int64_t StoreMigration::TotalRows() const {
  int64_t total = 0;
  for (const store::TableContent& t : tables) total += t.rows;
  return total;
}

Result<StoreMigration> MigrateStore(const MigrateStoreOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  auto report = [&](const std::string& text) {
    if (options.progress) options.progress(text);
  };
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> from, OpenSource(options.from));
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<store::Database> to, OpenTarget(options.to));
  StoreMigration out;
  out.from = from->Describe();
  out.to = to->Describe();
  if (out.from == out.to) {
    return Status::InvalidArgument("--from and --to name the same store (" + out.from + ")");
  }
  AIRM_ASSIGN_OR_RETURN(out.schema_version, from->SchemaVersion());
  AIRM_ASSIGN_OR_RETURN(int target_version, to->SchemaVersion());
  if (target_version != out.schema_version) {
    return Status::InvalidArgument(out.to + ": schema version " + std::to_string(target_version) +
                                   " differs from the source's " +
                                   std::to_string(out.schema_version));
  }
  AIRM_ASSIGN_OR_RETURN(out.replaced_rows, store::CountStoreRows(*to));
  if (out.replaced_rows > 0 && !options.replace) {
    return Status::InvalidArgument(
        "--to " + out.to + ": the target store is not empty (" + std::to_string(out.replaced_rows) +
        " rows); pass --replace to delete them and copy the source in their place");
  }
  const std::vector<std::string> tables = store::StoreTables();
  AIRM_RETURN_IF_ERROR(from->ReadTransaction([&](store::Database& source) -> Status {
    return to->WriteTransaction([&](store::Database& target) -> Status {
      if (options.replace) AIRM_RETURN_IF_ERROR(store::EmptyStoreTables(target));
      for (const std::string& table : tables) {
        report("copying " + table);
        AIRM_RETURN_IF_ERROR(store::CopyTable(source, target, table).status());
      }
      return Status::Ok();
    });
  }));
  // Verification reads both stores afresh, after the commit.
  for (const std::string& table : tables) {
    report("verifying " + table);
    AIRM_ASSIGN_OR_RETURN(store::TableContent a, store::DescribeTable(*from, table));
    AIRM_ASSIGN_OR_RETURN(store::TableContent b, store::DescribeTable(*to, table));
    if (a.rows != b.rows || a.digest != b.digest) {
      return Status::Corrupt(out.to + ": table " + table + " differs after the copy: " +
                             std::to_string(a.rows) + " rows " + a.digest + " in the source, " +
                             std::to_string(b.rows) + " rows " + b.digest + " in the target");
    }
    out.tables.push_back(std::move(a));
  }
  return out;
}

}  // namespace airm::usecases
