// The read side of the store: `airm lineage trace|impact|export|import` and
// `airm model card`. They register with the store commands' set (they share
// --store and --json) and only translate: the work is in airm::lineage.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "airm/report.h"
#include "airm/status.h"
#include "store_cli.h"

namespace airm::cli {

// Adds every lineage command to `app` (under the `lineage` and `model` groups).
void AddLineageCommands(CLI::App* app, StoreCommandSet* set);

void AddLineageTraceCommand(CLI::App* lineage, StoreCommandSet* set);
void AddLineageImpactCommand(CLI::App* lineage, StoreCommandSet* set);
void AddLineageExportCommand(CLI::App* lineage, StoreCommandSet* set);
void AddLineageImportCommand(CLI::App* lineage, StoreCommandSet* set);
void AddModelCardCommand(CLI::App* model, StoreCommandSet* set);

// Writes `text` to `out` ("" or "-" = stdout; else atomically to the file).
Status WriteLineageOutput(const std::string& out, const std::string& text);

}  // namespace airm::cli
