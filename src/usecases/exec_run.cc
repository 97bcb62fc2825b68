#include "airm/usecases/exec_run.h"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/environment.h"
#include "airm/store/runs.h"
#include "airm/store/timestamp.h"

extern char** environ;

namespace airm::usecases {
namespace {

// The run's command and parameters are stored as JSON text (docs/store.md).
using Json = nlohmann::ordered_json;

const std::set<std::string> kRoles = {"train", "validation", "test", "reference", "input"};
const std::set<std::string> kKinds = {"training", "preprocessing", "features",
                                      "scoring",  "quality",       "other"};

std::string Dump(const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); }

Result<RunFile> ParseRunFile(const std::string& text, const char* flag, bool with_role) {
  RunFile spec;
  std::string rest = text;
  const size_t colon = rest.rfind(':');
  if (with_role && colon != std::string::npos && rest.find('/', colon) == std::string::npos) {
    spec.role = rest.substr(colon + 1);
    rest.resize(colon);
    if (!kRoles.contains(spec.role)) {
      return Status::InvalidArgument(std::string(flag) + " " + text + ": role '" + spec.role +
                                     "' is not one of train, validation, test, reference, input");
    }
  }
  const size_t eq = rest.rfind('=');
  if (eq != std::string::npos) {
    spec.name = rest.substr(eq + 1);
    rest.resize(eq);
    if (spec.name.empty()) {
      return Status::InvalidArgument(std::string(flag) + " '" + text +
                                     "': empty dataset name after '='");
    }
  }
  if (rest.empty()) return Status::InvalidArgument(std::string(flag) + " '" + text + "': no file");
  spec.path = rest;
  return spec;
}

struct ColumnHome {
  size_t file_idx;  // index into the candidate files
  std::string column;
};

struct DescribedFile {
  const RunFile* spec;
  store::NewDatasetVersion described;
};

std::set<std::string> ColumnsOf(const DescribedFile& f) {
  std::set<std::string> names;
  if (!f.described.content.schema_json) return names;
  Json schema = Json::parse(*f.described.content.schema_json, nullptr, false);
  if (!schema.is_array()) return names;
  for (const Json& c : schema) {
    if (c.is_object() && c.contains("name") && c["name"].is_string()) {
      names.insert(c["name"].get<std::string>());
    }
  }
  return names;
}

// Finds COLUMN or NAME.COLUMN among the files' schemas.
Result<ColumnHome> ResolveColumn(const std::string& token, const std::vector<DescribedFile>& files,
                                 const std::string& side) {
  std::vector<ColumnHome> matches;
  for (size_t i = 0; i < files.size(); ++i) {
    if (ColumnsOf(files[i]).contains(token)) matches.push_back({i, token});
  }
  if (matches.size() == 1) return matches[0];
  if (matches.size() > 1) {
    return Status::InvalidArgument("--derive: column '" + token + "' is in several " + side +
                                   " files; write DATASET_NAME." + token);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string prefix = files[i].described.name + ".";
    if (token.rfind(prefix, 0) != 0) continue;
    std::string column = token.substr(prefix.size());
    std::set<std::string> names = ColumnsOf(files[i]);
    if (names.empty() || names.contains(column)) return ColumnHome{i, column};
  }
  std::string known;
  for (const DescribedFile& f : files) known += (known.empty() ? "" : ", ") + f.described.name;
  return Status::InvalidArgument("--derive: no " + side + " column '" + token + "' (" + side +
                                 " datasets: " + known + ")");
}

struct ChildOutcome {
  int exit_code = 0;
  std::optional<std::string> error;  // why it failed, for the run record
  bool started = true;
};

// Runs argv with inherited stdio and waits. SIGINT/SIGQUIT are ignored here
// meanwhile (as system() does) so Ctrl-C stops the command, not the recording.
ChildOutcome RunChild(const std::vector<std::string>& command) {
  std::vector<char*> argv;
  for (const std::string& a : command) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGQUIT);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
  struct sigaction ignore {
  }, old_int{}, old_quit{};
  ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGQUIT, &ignore, &old_quit);
  pid_t pid = 0;
  ChildOutcome out;
  const int rc = posix_spawnp(&pid, argv[0], nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (rc != 0) {
    out.started = false;
    out.exit_code = 127;
    out.error = "cannot start '" + command[0] + "': " + std::strerror(rc);
  } else {
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(status)) {
      out.exit_code = WEXITSTATUS(status);
      if (out.exit_code != 0)
        out.error = "the command exited with status " + std::to_string(out.exit_code);
    } else if (WIFSIGNALED(status)) {
      out.exit_code = 128 + WTERMSIG(status);
      out.error = std::string("the command was killed by signal ") +
                  std::to_string(WTERMSIG(status)) + " (" + strsignal(WTERMSIG(status)) + ")";
    }
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGQUIT, &old_quit, nullptr);
  return out;
}

struct ResolvedDerivation {
  ColumnHome out;
  std::vector<ColumnHome> in;
  const ColumnDerivation* spec;
};

// Column lineage resolved against the schemas now known; the first error
// names the derivation.
Status ResolveDerivations(const ExecRunOptions& c, const std::vector<DescribedFile>& inputs,
                          const std::vector<DescribedFile>& outputs,
                          std::vector<ResolvedDerivation>* resolved) {
  for (const ColumnDerivation& d : c.derivations) {
    ResolvedDerivation r{{}, {}, &d};
    AIRM_ASSIGN_OR_RETURN(r.out, ResolveColumn(d.output_column, outputs, "output"));
    for (const std::string& col : d.input_columns) {
      AIRM_ASSIGN_OR_RETURN(ColumnHome in, ResolveColumn(col, inputs, "input"));
      r.in.push_back(std::move(in));
    }
    resolved->push_back(std::move(r));
  }
  return Status::Ok();
}

}  // namespace

Result<RunFile> ParseRunInput(const std::string& text) {
  return ParseRunFile(text, "--input", /*with_role=*/true);
}

Result<RunFile> ParseRunOutput(const std::string& text) {
  return ParseRunFile(text, "--output", /*with_role=*/false);
}

Result<ColumnDerivation> ParseColumnDerivation(const std::string& text) {
  ColumnDerivation d;
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Status::InvalidArgument("--derive " + text +
                                   ": expected OUT_COL=IN_COL[,IN_COL...][:DESCRIPTION]");
  }
  d.output_column = text.substr(0, eq);
  std::string rest = text.substr(eq + 1);
  std::string columns = rest;
  const size_t colon = rest.find(':');
  if (colon != std::string::npos) {
    columns = rest.substr(0, colon);
    std::string tail = rest.substr(colon + 1);
    for (std::string t : {"DIRECT", "INDIRECT"}) {
      if (tail == t || tail.rfind(t + ":", 0) == 0) {
        d.transformation = t;
        tail = tail.size() > t.size() ? tail.substr(t.size() + 1) : "";
        break;
      }
    }
    if (!tail.empty()) d.description = tail;
  }
  size_t start = 0;
  while (start <= columns.size()) {
    size_t comma = columns.find(',', start);
    if (comma == std::string::npos) comma = columns.size();
    std::string col = columns.substr(start, comma - start);
    if (col.empty()) {
      return Status::InvalidArgument("--derive " + text + ": an input column is empty");
    }
    d.input_columns.push_back(col);
    start = comma + 1;
  }
  if (d.transformation.empty()) {
    d.transformation = d.input_columns.size() == 1 ? "DIRECT" : "INDIRECT";
  }
  return d;
}

Status ExecRunOptions::Validate() const {
  if (job.empty()) return Status::InvalidArgument("run exec needs --job");
  if (command.empty()) return Status::InvalidArgument("run exec: give the command after --");
  if (!kind.empty() && !kKinds.contains(kind)) {
    return Status::InvalidArgument("--kind '" + kind +
                                   "' is not one of training, preprocessing, features, "
                                   "scoring, quality, other");
  }
  for (const RunFile& in : inputs) {
    if (in.path.empty()) return Status::InvalidArgument("--input: no file");
    if (!kRoles.contains(in.role)) {
      return Status::InvalidArgument("--input " + in.path + ": role '" + in.role +
                                     "' is not one of train, validation, test, reference, input");
    }
  }
  for (const RunFile& out : outputs) {
    if (out.path.empty()) return Status::InvalidArgument("--output: no file");
  }
  return Status::Ok();
}

Result<ExecutedRun> ExecRun(const ExecRunOptions& c) {
  AIRM_RETURN_IF_ERROR(c.Validate());
  Json params = Json::object();
  for (const auto& [key, value] : c.parameters) params[key] = value;
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(c.store));

  std::vector<DescribedFile> inputs, outputs;
  for (const RunFile& in : c.inputs) {
    AIRM_ASSIGN_OR_RETURN(store::NewDatasetVersion described,
                          DescribeFileForRegistration(in.path, in.name, {}, c.progress));
    inputs.push_back({&in, std::move(described)});
  }

  ExecutedRun result;
  store::NewRun run;
  run.job_name = c.job;
  if (!c.kind.empty()) run.job_kind = c.kind;
  run.started_at = store::UtcNow();
  run.command_json = Dump(Json(c.command));
  run.parameters_json = Dump(params);
  run.environment_json = store::EnvironmentJson();
  run.code_version = store::GitCodeVersion(c.code_dir);
  const auto clock_start = std::chrono::steady_clock::now();
  const ChildOutcome child = RunChild(c.command);
  result.duration_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  run.ended_at = store::UtcNow();
  run.exit_code = child.exit_code;
  run.error = child.error;
  result.exit_code = child.exit_code;
  result.outcome = !child.started         ? RunOutcome::kNotStarted
                   : child.exit_code != 0 ? RunOutcome::kCommandFailed
                                          : RunOutcome::kCompleted;

  // An input that changed while the command ran was not the input it used.
  for (const DescribedFile& in : inputs) {
    auto digest = store::FileDigest(in.spec->path);
    std::string now = digest.ok() ? *digest : "unreadable (" + digest.status().message() + ")";
    if (now != in.described.content.digest) {
      run.error = "input changed while the command ran: " + in.spec->path + " was " +
                  in.described.content.digest + " when hashed, " + now +
                  " after the command (a file changed between hash and use)";
      result.outcome = RunOutcome::kInputChanged;
      break;
    }
  }
  if (!run.error) {
    for (const RunFile& out : c.outputs) {
      auto described = DescribeFileForRegistration(out.path, out.name, {}, c.progress);
      if (!described.ok()) {
        run.error = "output " + out.path +
                    " was not produced or cannot be read: " + described.status().message();
        result.outcome = RunOutcome::kOutputMissing;
        break;
      }
      outputs.push_back({&out, std::move(described).value()});
    }
  }
  std::vector<ResolvedDerivation> resolved;
  if (!run.error) {
    Status lineage = ResolveDerivations(c, inputs, outputs, &resolved);
    if (!lineage.ok()) {
      run.error = lineage.message();
      result.outcome = RunOutcome::kBadLineage;
    }
  }
  run.status = run.error ? "failed" : "completed";

  AIRM_RETURN_IF_ERROR(opened.db->WriteTransaction([&](store::Database& tx) -> Status {
    result.inputs.clear();
    result.outputs.clear();
    store::NewRun record = run;
    for (const DescribedFile& in : inputs) {
      std::optional<store::DatasetVersion> existing;
      if (in.spec->name.empty()) {
        AIRM_ASSIGN_OR_RETURN(existing,
                              store::FindDatasetVersionByDigest(tx, in.described.content.digest));
      }
      if (!existing) {
        AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset reg,
                              store::RegisterDatasetVersion(tx, in.described));
        existing = reg.version;
      }
      record.inputs.push_back({existing->id, in.spec->role});
      result.inputs.push_back({*existing, in.spec->role, in.spec->path});
    }
    if (record.status == "completed") {
      for (const DescribedFile& out : outputs) {
        AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset reg,
                              store::RegisterDatasetVersion(tx, out.described));
        record.outputs.push_back(reg.version.id);
        result.outputs.push_back({reg.version, "", out.spec->path});
      }
      for (const ResolvedDerivation& r : resolved) {
        for (const ColumnHome& in : r.in) {
          record.column_lineage.push_back({result.outputs[r.out.file_idx].version.id, r.out.column,
                                           result.inputs[in.file_idx].version.id, in.column,
                                           r.spec->transformation, r.spec->description});
        }
      }
    }
    AIRM_ASSIGN_OR_RETURN(result.run, store::RecordRun(tx, record));
    return Status::Ok();
  }));
  if (result.run.error) {
    result.findings.push_back(MakeFinding(Severity::kFail,
                                          std::string("run.") + RunOutcomeName(result.outcome),
                                          c.job, *result.run.error));
  }
  return result;
}

}  // namespace airm::usecases
