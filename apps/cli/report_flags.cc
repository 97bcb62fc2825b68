#include "report_flags.h"

#include <filesystem>
#include <iostream>

#include "airm/report.h"

namespace airm::cli {

Result<std::vector<std::string>> CommitReports(OutputSet& outputs,
                                               const std::vector<std::string>& paths) {
  AIRM_RETURN_IF_ERROR(outputs.Commit());
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    // After the commit a report written to a file is a regular file; "-",
    // /dev/stdout and pipes are not.
    if (path.empty() || path == "-" || !std::filesystem::is_regular_file(path, error)) continue;
    const std::filesystem::path canonical = std::filesystem::canonical(path, error);
    files.push_back(error ? path : canonical.string());
  }
  return files;
}

int SummaryAndGate(const OutputSet& outputs, std::string_view summary,
                   const std::vector<GateOutcome>& gates) {
  if (!outputs.WritesStdout()) std::cout << TerminalSafe(summary);
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

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

Result<std::vector<std::string>> GateAndCommitReport(
    OutputSet& outputs, const ReportFlags& flags, const std::string& json,
    const GateAliases& aliases, const std::function<std::string()>& html,
    std::vector<GateOutcome>* gates, std::initializer_list<std::string> more_paths) {
  AIRM_ASSIGN_OR_RETURN(*gates, FailOnGates(flags.fail_on, json, aliases));
  if (outputs.Wants("--html")) outputs.SetText("--html", html());
  if (outputs.Wants("--json")) outputs.SetText("--json", json);
  std::vector<std::string> paths = {flags.json_path, flags.html_path};
  paths.insert(paths.end(), more_paths.begin(), more_paths.end());
  return CommitReports(outputs, paths);
}

}  // namespace airm::cli
