// The read side of the store: `airm lineage trace|impact|export|import` and
// `airm model card`. They register with the store commands' set (they share
// --store and --json) and only translate: the work is in airm::lineage.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

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

// One document a command writes (--json, --html); an empty path = not asked for.
struct DocumentOutput {
  std::string flag;
  std::string path;
  std::string text;
};

// Writes `documents` and the --format form as one OutputSet (airm/output_set.h):
// every path checked before anything is written, never two outputs on stdout
// (exit 2 naming both flags). The form goes to `out`; with `out` "" it goes to
// stdout unless a document took stdout, and is then not rendered at all.
// On stdout the form has control characters escaped (names come from the store).
Status WriteLineageOutputs(const std::vector<DocumentOutput>& documents, const std::string& out,
                           const std::function<std::string()>& render_form);

}  // namespace airm::cli
