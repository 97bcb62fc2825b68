// The analysis commands' report (drift, evaluate, chaos): the same --json,
// --html and --fail-on flags, the same first step (outputs checked before any
// input is read) and the same last steps (gates, outputs, summary, exit code).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "cli_common.h"

namespace airm::cli {

struct ReportFlags {
  std::string json_path, html_path;  // "" = none, "-" = stdout
  std::string fail_on;               // the gate conditions; "" = none
};

// Adds --json and --html, then --fail-on described by `fail_on_help`.
void AddReportFlags(CLI::App* sub, ReportFlags* flags, const std::string& fail_on_help);

// The first step: the report's outputs (--json, --html, then the command's
// `more` flag/path pairs) checked before any input is read, and the reader
// flags turned into `read`.
Result<OutputSet> CheckedReportOutputs(
    const ReportFlags& report, const ReaderFlags& reader, ReadOptions* read,
    std::initializer_list<std::pair<std::string, std::string>> more = {});

// The last steps: the --fail-on gates evaluated on `json`, the JSON and
// (only when wanted) the HTML set as the --json / --html outputs, then
// CommitOutputsAndGate with the summary of the result and its gates.
int GateAndCommitReport(OutputSet& outputs, const ReportFlags& flags, const std::string& json,
                        const GateAliases& aliases, const std::function<std::string()>& html,
                        const std::function<std::string(const std::vector<GateOutcome>&)>& summary);

}  // namespace airm::cli
