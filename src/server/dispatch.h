// One request through the table: route (404 / 405), authenticate (401),
// role and token scope (403), CSRF for a browser session's writes (403),
// then the handler. Every 403, whoever produced it, goes to the audit log.
#pragma once

#include <string>

#include "airm/server/api.h"

namespace airm::server {

struct Dispatched {
  ApiResponse response;
  std::string route = "unmatched";  // the table's path, for metrics and logs
  std::string user = "-";
};

Dispatched Dispatch(const ServerContext& context, ApiRequest request);

}  // namespace airm::server
