// What every `airm` subcommand shares: loading inputs with their digests,
// writing outputs atomically, progress on a terminal, and turning a Status
// into a message and an exit code. The CLI only translates: no statistics.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "airm/gate.h"
#include "airm/input_file.h"
#include "airm/input_info.h"
#include "airm/output_set.h"
#include "airm/quality.h"
#include "airm/read_options.h"
#include "airm/report.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitGateFailed = 1;
inline constexpr int kExitUsage = 2;

// Options every reading command accepts.
struct ReaderFlags {
  std::string delimiter;                 // "" = detect; "tab" or one character
  std::vector<std::string> null_tokens;  // replaces the default list when given
  std::size_t max_columns = ReadOptions{}.max_columns;
  double max_decompression_ratio = ReadOptions{}.max_decompression_ratio;
  std::size_t max_missing_cells = ReadOptions{}.max_missing_cells;
  std::size_t max_pipe_bytes = kDefaultNonRegularInputLimit;
  // Also sets the process-wide limit on inputs read from pipes
  // (SetNonRegularInputLimit): the command reads its inputs after this.
  Status ToReadOptions(ReadOptions* out) const;
};
// Adds --delimiter, --null-token and the reader limits (docs/limits.md).
void AddReaderFlags(CLI::App* sub, ReaderFlags* flags);

// An analysis command's first step: every output in `outputs` checked
// (before any input is read) and the reader flags turned into options.
Status CheckOutputsAndReader(const ReaderFlags& reader, OutputSet* outputs, ReadOptions* read);

// --quality-threshold NAME=WARN,FAIL values over the default table; empty
// (the use case's defaults) when none was given.
Result<std::map<std::string, QualityThreshold>> QualityThresholdsOf(
    const std::vector<std::string>& specs);

// The --fail-on gates on a command's JSON document; none without --fail-on.
Result<std::vector<GateOutcome>> FailOnGates(std::string_view fail_on, std::string_view json,
                                             const GateAliases& aliases);

// Reads a table and describes the file (path, SHA-256, rows, bytes).
Result<Table> LoadTable(const std::string& path, const ReadOptions& options, InputInfo* info);

// Prints "airm: <what>" to stderr (only when stderr is a terminal).
void Progress(std::string_view what);

// Prints "airm: error: ..." and returns the exit code for `status`.
int Fail(const Status& status);

// Writes one output by the rules of airm/output_set.h ("" = none, "-" =
// stdout). A command with several outputs uses an OutputSet instead, so
// they are checked before any is written and committed together.
Status WriteOutput(const std::string& path, std::string_view text);

ReportMeta MakeMeta(int argc, char** argv);

}  // namespace airm::cli
