#include "store_backends.h"

#include <cstdlib>

#include "postgres_server.h"

namespace airm::testing {

std::string StoreBackendName(const ::testing::TestParamInfo<StoreBackend>& info) {
  return info.param == StoreBackend::kSqlite ? "Sqlite" : "Postgres";
}

std::string FreshStoreLocation(StoreBackend backend, const std::filesystem::path& dir,
                               std::string* skip_reason) {
  if (backend == StoreBackend::kSqlite) return (dir / "airm.db").string();
  std::string why;
  PostgresServer* server = PostgresServer::Shared(&why);
  if (server == nullptr) {
    const char* required = std::getenv("AIRM_TEST_REQUIRE_POSTGRES");
    if (required != nullptr && *required != '\0') {
      ADD_FAILURE() << "AIRM_TEST_REQUIRE_POSTGRES is set but: " << why;
    }
    *skip_reason = "PostgreSQL run skipped: " + why;
    return "";
  }
  auto url = server->FreshSchemaUrl(SchemaNameForCurrentTest());
  if (!url.ok()) {
    ADD_FAILURE() << url.status().ToString();
    return "";
  }
  return *url;
}

Result<std::unique_ptr<store::Database>> OpenStoreLocation(const std::string& location) {
  if (store::IsPostgresUrl(location)) return store::OpenPostgresStore(location);
  return store::OpenSqliteStore(location, {.create = true});
}

FreshStore OpenFreshStore(StoreBackend backend, const std::filesystem::path& dir) {
  FreshStore fresh;
  fresh.location = FreshStoreLocation(backend, dir, &fresh.skip_reason);
  if (fresh.location.empty()) return fresh;
  auto db = OpenStoreLocation(fresh.location);
  if (!db.ok()) {
    ADD_FAILURE() << db.status().ToString();
    return fresh;
  }
  fresh.db = std::move(db).value();
  return fresh;
}

}  // namespace airm::testing
