// libFuzzer target: `airm lineage import` on arbitrary bytes. The input is
// parsed as OpenLineage RunEvents (one JSON object per line) and, when it
// parses, written into a scratch store inside a transaction that is then
// rolled back, so the store's write path sees every accepted event too.
// Contract checked: no crash and no escaping exception (nlohmann number
// overflow, wrongly typed facets, invalid UTF-8, deep nesting); whatever the
// parser accepts the store accepts or refuses with a Status.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "airm/store/database.h"
#include "lineage/openlineage_runs.h"

namespace {

// A fresh store file per process (the store checks its file's header, so
// SQLite's ":memory:" is not an airm store).
airm::store::Database& Store() {
  static std::unique_ptr<airm::store::Database> db = [] {
    const std::string path = "/tmp/airm_fuzz_openlineage_" + std::to_string(::getpid()) + ".db";
    std::remove(path.c_str());
    auto opened = airm::store::OpenSqliteStore(path, {.create = true});
    if (!opened.ok()) std::abort();  // the harness itself is broken
    return std::move(opened).value();
  }();
  return *db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = airm::lineage::internal::ParseOpenLineageEvents(text, "events.jsonl");
  if (!parsed.ok()) return 0;
  // The body's error status rolls the transaction back: every input starts
  // from the same empty store.
  const airm::Status rolled_back = Store().WriteTransaction([&](airm::store::Database& tx) {
    airm::lineage::ImportSummary summary;
    airm::Status written = airm::lineage::internal::WriteImportedRuns(tx, parsed->runs, &summary);
    (void)written;
    return airm::Status::Internal("roll back");
  });
  (void)rolled_back;
  return 0;
}
