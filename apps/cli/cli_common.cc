#include "cli_common.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "airm/input_file.h"
#include "airm/usecases/load_input.h"
#include "airm/version.h"
#include "flag_checks.h"

namespace airm::cli {

Status ReaderFlags::ToReadOptions(ReadOptions* out) const {
  if (delimiter == "tab" || delimiter == "\\t") {
    out->delimiter = '\t';
  } else if (delimiter.size() == 1) {
    out->delimiter = delimiter[0];
  } else if (!delimiter.empty()) {
    return Status::InvalidArgument("--delimiter expects one character or 'tab', got '" + delimiter +
                                   "'");
  }
  if (!null_tokens.empty()) out->null_tokens = null_tokens;
  if (max_columns == 0) return Status::InvalidArgument("--max-columns must be at least 1");
  if (!(max_decompression_ratio == 0 || max_decompression_ratio >= 1)) {
    return Status::InvalidArgument("--max-decompression-ratio must be at least 1, or 0 for none");
  }
  out->max_columns = max_columns;
  out->max_decompression_ratio = max_decompression_ratio;
  out->max_missing_cells = max_missing_cells;
  SetNonRegularInputLimit(max_pipe_bytes);
  Status s = out->Validate();
  if (!s.ok()) return Status::InvalidArgument(s.message());
  return Status::Ok();
}

void AddReaderFlags(CLI::App* sub, ReaderFlags* flags) {
  sub->add_option("--delimiter", flags->delimiter, "CSV delimiter (default: detect)");
  AddListOption(sub, "--null-token", &flags->null_tokens,
                "A value meaning missing (replaces the defaults)");
  sub->add_option("--max-columns", flags->max_columns,
                  "Refuse input with more columns or JSON keys (default 10000; docs/limits.md)");
  sub->add_option("--max-decompression-ratio", flags->max_decompression_ratio,
                  "Refuse compressed input expanding more (default 100; 0 = none)");
  sub->add_option("--max-missing-cells", flags->max_missing_cells,
                  "Refuse JSON Lines whose rows lack more key cells (default 2^26; docs/limits.md)")
      ->check(Count(1));
  sub->add_option("--max-pipe-bytes", flags->max_pipe_bytes,
                  "Refuse an input from a pipe or stdin longer than this (default 1 GiB)")
      ->check(Count(1));
}

Result<std::map<std::string, QualityThreshold>> QualityThresholdsOf(
    const std::vector<std::string>& specs) {
  std::map<std::string, QualityThreshold> thresholds;
  if (specs.empty()) return thresholds;
  thresholds = DefaultQualityThresholds();
  for (const std::string& spec : specs) {
    AIRM_RETURN_IF_ERROR(ParseQualityThreshold(spec, &thresholds));
  }
  return thresholds;
}

Result<std::vector<GateOutcome>> FailOnGates(std::string_view fail_on, std::string_view json,
                                             const GateAliases& aliases) {
  if (fail_on.empty()) return std::vector<GateOutcome>{};
  return EvaluateGates(fail_on, json, aliases);
}

Status CheckOutputsAndReader(const ReaderFlags& reader, OutputSet* outputs, ReadOptions* read) {
  AIRM_RETURN_IF_ERROR(outputs->Check());
  return reader.ToReadOptions(read);
}

Result<Table> LoadTable(const std::string& path, const ReadOptions& options, InputInfo* info) {
  return usecases::LoadInput(path, options, info, Progress);
}

void Progress(std::string_view what) {
  static const bool tty = isatty(STDERR_FILENO);
  if (tty) std::cerr << "airm: " << what << "...\n";
}

int Fail(const Status& status) {
  std::cerr << "airm: error: " << TerminalSafe(status.message()) << "\n";
  return ExitCodeFor(status);
}

Status WriteOutput(const std::string& path, std::string_view text) {
  if (path.empty()) return Status::Ok();
  return WriteFileAtomically(path, text);
}

ReportMeta MakeMeta(int argc, char** argv) {
  ReportMeta meta;
  meta.airm_version = AIRM_VERSION;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  meta.generated_at = buf;
  for (int i = 0; i < argc; ++i) {
    std::string arg = argv[i];
    bool quote = arg.find_first_of(" \t\"'$") != std::string::npos || arg.empty();
    if (i > 0) meta.command_line.push_back(' ');
    if (quote) meta.command_line.push_back('\'');
    meta.command_line.append(arg);
    if (quote) meta.command_line.push_back('\'');
  }
  return meta;
}

}  // namespace airm::cli
