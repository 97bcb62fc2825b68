// What every `airm` subcommand shares: loading inputs with their digests,
// writing outputs atomically, progress on a terminal, and turning a Status
// into a message and an exit code. The CLI only translates: no statistics.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/input_info.h"
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
  Status ToReadOptions(ReadOptions* out) const;
};

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
