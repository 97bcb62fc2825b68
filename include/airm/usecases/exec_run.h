// ExecRun (`airm run exec --job J --input FILE... --output FILE... -- CMD`):
// run a command and record it as a run of job J with its exact inputs and
// outputs.
//
// Steps: hash (and profile) every input; run the command with the caller's
// stdin/stdout/stderr; hash the inputs again; hash and profile the outputs;
// then write everything in ONE transaction: input versions, output versions,
// the run, its edges and column lineage. Nothing is written before the command
// ends, so a crash or kill leaves no trace of the run (never a half-registered
// output); a command that fails is recorded as failed with its exit code and
// NO outputs registered.
//
// SIGINT and SIGQUIT are ignored by the calling process while the command runs
// (as system() does) so Ctrl-C stops the command, not the recording. Not
// thread-safe with other code that changes those signal dispositions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

// A file the command reads or writes. Text form FILE[=NAME][:ROLE] (inputs)
// or FILE[=NAME] (outputs).
struct RunFile {
  std::string path = {};
  std::string name = "";       // dataset name; "" = the file's name (inputs: reuse by digest)
  std::string role = "input";  // inputs: train, validation, test, reference, input
};

// Column lineage OUT_COL=IN_COL[,IN_COL...][:DIRECT|:INDIRECT][:DESCRIPTION];
// a column may be written DATASET_NAME.COLUMN when several files have it.
struct ColumnDerivation {
  std::string output_column = {};
  std::vector<std::string> input_columns = {};
  std::string transformation;  // DIRECT (one input) or INDIRECT (several) by default
  std::optional<std::string> description = {};
};

// Parsers of the text forms; InvalidArgument naming the flag (--input,
// --output, --derive) and what was expected.
Result<RunFile> ParseRunInput(const std::string& text);
Result<RunFile> ParseRunOutput(const std::string& text);
Result<ColumnDerivation> ParseColumnDerivation(const std::string& text);

struct ExecRunOptions {
  store::LocateOptions store = {};
  std::string job = {};   // required
  std::string kind = "";  // training, preprocessing, features, scoring, quality, other
  std::vector<RunFile> inputs = {};
  std::vector<RunFile> outputs = {};
  std::vector<std::pair<std::string, std::string>> parameters = {};  // recorded as given
  std::vector<ColumnDerivation> derivations = {};
  std::vector<std::string> command = {};  // argv; required
  std::string code_dir = ".";             // whose git commit is the run's code version
  ProgressFn progress = {};
  // InvalidArgument for an empty job or command, an unknown kind or role.
  Status Validate() const;
};

// How the run ended, from the recording's point of view.
enum class RunOutcome {
  kCompleted,      // exit 0, every output read: recorded as completed
  kCommandFailed,  // non-zero exit or killed: recorded as failed
  kOutputMissing,  // a declared output was not produced or cannot be read: failed
  kInputChanged,   // an input changed between hashing and the end: failed
  kNotStarted,     // the command could not be started: failed
  kBadLineage,     // a derivation names an unknown or ambiguous column: failed
};
// "completed", "command_failed", … (inline: renderers need no link to this library).
constexpr const char* RunOutcomeName(RunOutcome outcome) {
  switch (outcome) {
    case RunOutcome::kCompleted:
      return "completed";
    case RunOutcome::kCommandFailed:
      return "command_failed";
    case RunOutcome::kOutputMissing:
      return "output_missing";
    case RunOutcome::kInputChanged:
      return "input_changed";
    case RunOutcome::kNotStarted:
      return "not_started";
    case RunOutcome::kBadLineage:
      return "bad_lineage";
  }
  return "completed";
}

struct RunFileVersion {
  store::DatasetVersion version = {};
  std::string role = {};  // inputs only
  std::string path = {};  // as given
};

struct ExecutedRun {
  store::Run run;  // as recorded (status, exit code, error)
  RunOutcome outcome = RunOutcome::kCompleted;
  int exit_code = 0;  // the command's (127 when not started, 128+N when killed)
  double duration_seconds = 0;
  std::vector<RunFileVersion> inputs = {};
  std::vector<RunFileVersion> outputs = {};  // empty unless completed
  // fail "run.<outcome>" with the recorded error when not completed.
  std::vector<Finding> findings = {};
};

// Errors (nothing recorded): invalid options, no workspace, unreadable
// inputs, the store's errors. A command that ran and failed is a result, not
// an error.
Result<ExecutedRun> ExecRun(const ExecRunOptions& options);

}  // namespace airm::usecases
