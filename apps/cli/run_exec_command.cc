// `airm run exec --job J --input FILE... --output FILE... -- CMD ARGS...`:
// flags to usecases::ExecRun (airm/usecases/exec_run.h: runs the command and
// records it with its exact inputs and outputs in one transaction), then the
// summary on stderr (stdout belongs to the command) and the exit code.
//
// Exit codes: 0 the command succeeded and was recorded; 1 the command failed
// (or did not produce a declared output) and was recorded as failed; 2 an
// input changed while the command ran ("a file changed between hash and
// use", recorded as failed), the command could not be started, a --derive
// names no such column, or a usage error; the command's own exit code is in
// the run record and the --json document.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/exec_run.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "key_value_flags.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct RunExecCommand {
  StoreFlags store;
  std::string job, kind;
  std::vector<std::string> inputs, outputs, params, derives, command;
};

int ExitCodeOf(usecases::RunOutcome outcome) {
  switch (outcome) {
    case usecases::RunOutcome::kCompleted:
      return kExitOk;
    case usecases::RunOutcome::kCommandFailed:
    case usecases::RunOutcome::kOutputMissing:
      return kExitGateFailed;
    case usecases::RunOutcome::kInputChanged:
    case usecases::RunOutcome::kNotStarted:
    case usecases::RunOutcome::kBadLineage:
      return kExitUsage;
  }
  return kExitUsage;
}

Status ToOptions(const RunExecCommand& c, usecases::ExecRunOptions* options) {
  for (const std::string& text : c.inputs) {
    AIRM_ASSIGN_OR_RETURN(usecases::RunFile in, usecases::ParseRunInput(text));
    options->inputs.push_back(std::move(in));
  }
  for (const std::string& text : c.outputs) {
    AIRM_ASSIGN_OR_RETURN(usecases::RunFile out, usecases::ParseRunOutput(text));
    options->outputs.push_back(std::move(out));
  }
  for (const std::string& text : c.derives) {
    AIRM_ASSIGN_OR_RETURN(usecases::ColumnDerivation d, usecases::ParseColumnDerivation(text));
    options->derivations.push_back(std::move(d));
  }
  AIRM_ASSIGN_OR_RETURN(options->parameters, KeyValuesOf(c.params, "--param"));
  return options->Validate();
}

int RunExec(const RunExecCommand& c) {
  usecases::ExecRunOptions options{.store = Locate(c.store),
                                   .job = c.job,
                                   .kind = c.kind,
                                   .command = c.command,
                                   .progress = CliProgress()};
  Status s = ToOptions(c, &options);
  if (!s.ok()) return Fail(s);
  std::cout.flush();  // the command shares our stdout
  auto run = usecases::ExecRun(options);
  if (!run.ok()) return Fail(run.status());
  s = WriteJsonOutput(c.store, report::RenderExecutedRunJson(*run, StoreMeta()));
  if (!s.ok()) return Fail(s);
  // The summary is on stderr whatever --json says: stdout is the command's.
  if (c.store.json.empty()) std::cerr << report::ExecutedRunText(*run);
  return ExitCodeOf(run->outcome);
}

}  // namespace

void AddRunExecCommand(CLI::App* run, StoreCommandSet* set) {
  static std::unique_ptr<RunExecCommand> holder = std::make_unique<RunExecCommand>();
  RunExecCommand* c = holder.get();
  CLI::App* sub = run->add_subcommand(
      "exec", "Run a command and record it with its exact inputs and outputs: ... -- CMD ARGS");
  sub->add_option("--job", c->job, "Job name (runs of the same job are grouped)")->required();
  sub->add_option("--kind", c->kind,
                  "training, preprocessing, features, scoring, quality or other");
  AddListOption(sub, "--input", &c->inputs, "FILE[=NAME][:ROLE] read by the command");
  AddListOption(sub, "--output", &c->outputs, "FILE[=NAME] written by the command");
  AddPairListOption(sub, "--param", &c->params, "KEY=VALUE parameter to record");
  AddPairListOption(sub, "--derive", &c->derives,
                    "Column lineage OUT_COL=IN_COL[,IN_COL...][:DIRECT|:INDIRECT][:DESCRIPTION]");
  sub->add_option("command", c->command, "The command and its arguments, after --")->required();
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunExec(*c); });
}

}  // namespace airm::cli
