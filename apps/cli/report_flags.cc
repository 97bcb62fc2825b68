#include "report_flags.h"

namespace airm::cli {

void AddReportFlags(CLI::App* sub, ReportFlags* flags, const std::string& fail_on_help) {
  sub->add_option("--json", flags->json_path, "Write the JSON report here ('-' = stdout)");
  sub->add_option("--html", flags->html_path, "Write the HTML report here ('-' = stdout)");
  sub->add_option("--fail-on", flags->fail_on, fail_on_help);
}

Result<OutputSet> CheckedReportOutputs(
    const ReportFlags& report, const ReaderFlags& reader, ReadOptions* read,
    std::initializer_list<std::pair<std::string, std::string>> more) {
  OutputSet outputs;
  outputs.Add("--json", report.json_path);
  outputs.Add("--html", report.html_path);
  for (const auto& [flag, path] : more) outputs.Add(flag, path);
  AIRM_RETURN_IF_ERROR(CheckOutputsAndReader(reader, &outputs, read));
  return outputs;
}

int GateAndCommitReport(
    OutputSet& outputs, const ReportFlags& flags, const std::string& json,
    const GateAliases& aliases, const std::function<std::string()>& html,
    const std::function<std::string(const std::vector<GateOutcome>&)>& summary) {
  auto gates = FailOnGates(flags.fail_on, json, aliases);
  if (!gates.ok()) return Fail(gates.status());
  if (outputs.Wants("--html")) outputs.SetText("--html", html());
  if (outputs.Wants("--json")) outputs.SetText("--json", json);
  return CommitOutputsAndGate(outputs, summary(*gates), *gates);
}

}  // namespace airm::cli
