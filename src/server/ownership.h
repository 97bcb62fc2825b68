// Ownership per AI system: below admin, a write to a system's records needs
// the acting user to be the system's owner (AiSystem::owner).
#pragma once

#include <optional>
#include <string>

#include "airm/server/api.h"

namespace airm::server {

// nullopt when allowed; else the 403 problem (kind "forbidden-owner") or the
// use case's error (404 for an unknown system).
std::optional<ApiResponse> RequireSystemOwner(const ServerContext& context,
                                              const ApiRequest& request, const std::string& system);

// The acting user's name (the audit log's actor).
std::string ActorOf(const ApiRequest& request);

}  // namespace airm::server
