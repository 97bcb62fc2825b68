#include "lineage_commands.h"

#include "airm/output_set.h"
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

Status WriteLineageOutputs(const std::vector<DocumentOutput>& documents, const std::string& out,
                           const std::function<std::string()>& render_form) {
  OutputSet outputs;
  for (const DocumentOutput& d : documents) outputs.Add(d.flag, d.path);
  const bool form_wanted = !out.empty() || !outputs.WritesStdout();
  const std::string form_path = out.empty() ? "-" : out;
  if (form_wanted) outputs.Add("--out", form_path);
  AIRM_RETURN_IF_ERROR(outputs.Check());
  for (const DocumentOutput& d : documents) {
    if (!d.path.empty()) outputs.SetText(d.flag, d.text);
  }
  if (form_wanted) {
    // Names in text, DOT and Mermaid come from the store; JSON escapes its own.
    outputs.SetText("--out", form_path == "-" ? TerminalSafe(render_form()) : render_form());
  }
  return outputs.Commit();
}

}  // namespace airm::cli
