// The analysis commands' report (drift, evaluate, chaos): the same --json,
// --html and --fail-on flags, the same first step (outputs checked before any
// input is read) and the same last steps (gates and outputs inside the use
// case, before it records a verdict with a registered model version; then the
// summary and the exit code).
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
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

// The report step, run inside the use case so that a verdict is recorded
// only once its reports exist (usecases/model_under_review.h): the --fail-on
// gates evaluated on `json` into *gates, the JSON and (only when wanted) the
// HTML set as the --json / --html outputs, every output committed. Returns
// the report files written (CommitReports); `more_paths` are the paths of
// the command's own outputs, already set by the caller.
Result<std::vector<std::string>> GateAndCommitReport(
    OutputSet& outputs, const ReportFlags& flags, const std::string& json,
    const GateAliases& aliases, const std::function<std::string()>& html,
    std::vector<GateOutcome>* gates, std::initializer_list<std::string> more_paths = {});

// Commits every output; returns the absolute paths of those that are
// regular files now (`paths`: the paths as given, "" for outputs not asked
// for): what the verdict's record points at. Standard output, devices and
// pipes are not files to point at.
Result<std::vector<std::string>> CommitReports(OutputSet& outputs,
                                               const std::vector<std::string>& paths);

// The command's last step after CommitReports: `summary` printed
// (terminal-safe) unless an output took stdout, the gates as the exit code.
int SummaryAndGate(const OutputSet& outputs, std::string_view summary,
                   const std::vector<GateOutcome>& gates);

}  // namespace airm::cli
