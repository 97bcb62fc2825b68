// What a handler of `airm serve` sees and returns: a request already routed
// and authenticated, and a response; no HTTP library type crosses this line,
// so handlers call use cases and renderers and nothing else.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/status.h"
#include "airm/store/workspace.h"
#include "airm/usecases/accounts.h"

namespace airm::usecases {
class MonitorScheduler;
class MonitorHistoryCache;
class MonitorConfigCache;
}  // namespace airm::usecases

namespace airm::server {

class RequestMetrics;

struct ApiRequest {
  std::string method = "";
  std::string path = "";
  std::map<std::string, std::string> params = {};   // path parameters by name
  std::map<std::string, std::string> query = {};    // first value of each
  std::map<std::string, std::string> headers = {};  // names lowercased
  std::string body = "";
  std::string client = "";                                      // remote address
  std::optional<usecases::Principal> principal = std::nullopt;  // nullopt on public routes
  std::string Header(const std::string& lower_name) const;
  std::string Query(const std::string& name) const;
};

struct ApiResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body = "";
  std::vector<std::pair<std::string, std::string>> headers = {};
};

// Shared by every request of one server. Thread-safe members only.
struct ServerContext {
  // The workspace. Requests open it through the server's StorePool
  // (airm/store/store_pool.h), which keeps airm.yaml located and connections open.
  store::LocateOptions store = {};
  bool tls = false;
  RequestMetrics* metrics = nullptr;
  int64_t session_hours = 12;
  const usecases::MonitorScheduler* scheduler = nullptr;   // nullptr without --with-scheduler
  usecases::MonitorHistoryCache* history_cache = nullptr;  // windows' metric values already read
  usecases::MonitorConfigCache* config_cache = nullptr;    // airm.yaml's monitors, parsed once
};

}  // namespace airm::server
