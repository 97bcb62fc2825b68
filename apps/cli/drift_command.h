// `airm drift`: compare a current batch with a reference batch.
#pragma once

#include <CLI/CLI.hpp>

namespace airm::cli {

struct DriftCommand;
// Adds the subcommand to `app`; the returned state lives as long as `app`.
DriftCommand* AddDriftCommand(CLI::App* app);
int RunDriftCommand(const DriftCommand& command, int argc, char** argv);

}  // namespace airm::cli
