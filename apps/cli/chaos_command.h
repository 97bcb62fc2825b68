// `airm chaos`: break a model's inputs and serving path on purpose and
// record, per failure mode, whether it was handled, degraded or failed.
#pragma once

#include <CLI/CLI.hpp>

namespace airm::cli {

struct ChaosCommand;
// Adds the subcommand to `app`; the returned state lives as long as `app`.
ChaosCommand* AddChaosCommand(CLI::App* app);
int RunChaosCommand(const ChaosCommand& command, int argc, char** argv);

}  // namespace airm::cli
