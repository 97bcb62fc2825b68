// `airm store migrate --from SRC --to DST [--replace]`: flags to
// usecases::MigrateStore (airm/usecases/migrate_store.h), then a table of
// what was copied and verified. Exit 0 when every table matched; 2 for a bad
// URL, an unreachable server, a missing source, a non-empty target or a copy
// that read back differently (kCorrupt naming the table).
#include <iostream>
#include <memory>

#include "airm/report/store_migration_text.h"
#include "airm/usecases/migrate_store.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct MigrateCommand {
  std::string from, to;
  bool replace = false;
};

int RunMigrate(const MigrateCommand& c) {
  auto migrated = usecases::MigrateStore(
      {.from = c.from, .to = c.to, .replace = c.replace, .progress = CliProgress()});
  if (!migrated.ok()) return Fail(migrated.status());
  std::cout << report::StoreMigrationText(*migrated);
  return kExitOk;
}

}  // namespace

void AddStoreMigrateCommand(CLI::App* store_group, StoreCommandSet* set) {
  static std::unique_ptr<MigrateCommand> holder = std::make_unique<MigrateCommand>();
  MigrateCommand* c = holder.get();
  CLI::App* sub = store_group->add_subcommand(
      "migrate", "Copy a store to another (e.g. SQLite to PostgreSQL) and verify every table");
  sub->add_option("--from", c->from,
                  "The store to copy: a workspace directory, a store file or a postgresql:// URL")
      ->required();
  sub->add_option("--to", c->to, "The store to copy into: a postgresql:// URL or a store file")
      ->required();
  sub->add_flag("--replace", c->replace,
                "Delete the rows a non-empty target holds and copy the source in their place");
  set->Add(sub, [c] { return RunMigrate(*c); });
}

}  // namespace airm::cli
