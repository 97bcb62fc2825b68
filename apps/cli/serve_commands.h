// `airm serve` (the HTTP API, airm/server/server.h) and `airm user
// add|list|disable|reset-password|token` (airm/usecases/accounts.h): flags to
// options, one call, a summary. Exit codes: 0 ok (serve: stopped by SIGTERM
// or SIGINT), 2 usage or input error, 3 internal.
#pragma once

#include <CLI/CLI.hpp>

#include "store_cli.h"

namespace airm::cli {

void AddServeCommand(CLI::App* app, StoreCommandSet* set);
void AddUserCommands(CLI::App* app, StoreCommandSet* set);

}  // namespace airm::cli
