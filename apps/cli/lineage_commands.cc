#include "lineage_commands.h"

#include <iostream>

#include "cli_common.h"

namespace airm::cli {

void AddLineageCommands(CLI::App* app, StoreCommandSet* set) {
  CLI::App* lineage = CommandGroup(
      app, "lineage", "Trace a prediction, find what depends on data, exchange OpenLineage events");
  AddLineageTraceCommand(lineage, set);
  AddLineageImpactCommand(lineage, set);
  AddLineageExportCommand(lineage, set);
  AddLineageImportCommand(lineage, set);
  AddModelCardCommand(CommandGroup(app, "model", "Register model versions and write their cards"),
                      set);
}

Status WriteLineageOutput(const std::string& out, const std::string& text) {
  if (out.empty() || out == "-") {
    // Names in text, DOT and Mermaid come from the store; JSON escapes its own.
    std::cout << TerminalSafe(text);
    std::cout.flush();
    return std::cout ? Status::Ok() : Status::IoError("cannot write to standard output");
  }
  return WriteOutput(out, text);
}

}  // namespace airm::cli
