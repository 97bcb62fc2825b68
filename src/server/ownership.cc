#include "ownership.h"

#include "airm/usecases/governance_systems.h"
#include "responses.h"

namespace airm::server {

std::optional<ApiResponse> RequireSystemOwner(const ServerContext& context,
                                              const ApiRequest& request,
                                              const std::string& system) {
  if (request.principal && request.principal->role == accounts::Role::kAdmin) return std::nullopt;
  Result<usecases::SystemShown> shown =
      usecases::ShowSystem({.store = context.store, .system = system});
  if (!shown.ok()) return ProblemFor(shown.status(), request);
  const std::string user = ActorOf(request);
  if (shown->system.system.owner != user) {
    return Problem(403, "forbidden-owner",
                   "only the owner of system '" + system + "' or an admin may change it", request);
  }
  return std::nullopt;
}

std::string ActorOf(const ApiRequest& request) {
  return request.principal ? request.principal->user.username : std::string("anonymous");
}

}  // namespace airm::server
