#include "report_outputs.h"

#include <filesystem>
#include <iostream>

#include "airm/report.h"
#include "cli_common.h"

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

}  // namespace airm::cli
