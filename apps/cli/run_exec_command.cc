// `airm run exec --job J --input FILE... --output FILE... -- CMD ARGS...`:
// run a command and record it as a run of job J with its exact inputs and
// outputs.
//
// Steps: hash (and profile) every input; run CMD with airm's stdin/stdout/
// stderr; hash the inputs again; hash and profile the outputs; then write
// everything in ONE transaction: input versions, output versions, the run,
// its edges and column lineage. Nothing is written before the command ends,
// so a crash or kill of airm leaves no trace of the run (never a half-
// registered output); a command that fails is recorded as failed with its
// exit code and NO outputs registered.
//
// Exit codes: 0 the command succeeded and was recorded; 1 the command failed
// (or did not produce a declared output) and was recorded as failed; 2 an
// input changed while the command ran ("a file changed between hash and
// use", recorded as failed), the command could not be started, or a usage
// error; the command's own exit code is in the run record and --json output.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "airm/store/dataset_file.h"
#include "airm/store/datasets.h"
#include "airm/store/environment.h"
#include "airm/store/runs.h"
#include "airm/store/timestamp.h"
#include "cli_common.h"
#include "store_commands.h"

extern char** environ;

namespace airm::cli {
namespace {

struct RunExecCommand {
  StoreFlags store;
  std::string job, kind;
  std::vector<std::string> inputs, outputs, params, derives, command;
};

const std::set<std::string> kRoles = {"train", "validation", "test", "reference", "input"};
const std::set<std::string> kKinds = {"training", "preprocessing", "features",
                                      "scoring",  "quality",       "other"};

struct FileSpec {
  std::string path;
  std::string name;  // "" = default
  std::string role = "input";
  store::NewDatasetVersion described;
};

// FILE[=NAME][:ROLE] (inputs) or FILE[=NAME] (outputs).
Result<FileSpec> ParseFileSpec(const std::string& text, bool with_role) {
  FileSpec spec;
  std::string rest = text;
  const size_t colon = rest.rfind(':');
  if (with_role && colon != std::string::npos && rest.find('/', colon) == std::string::npos) {
    spec.role = rest.substr(colon + 1);
    rest.resize(colon);
    if (!kRoles.contains(spec.role)) {
      return Status::InvalidArgument("--input " + text + ": role '" + spec.role +
                                     "' is not one of train, validation, test, reference, input");
    }
  }
  const size_t eq = rest.rfind('=');
  if (eq != std::string::npos) {
    spec.name = rest.substr(eq + 1);
    rest.resize(eq);
    if (spec.name.empty())
      return Status::InvalidArgument("'" + text + "': empty dataset name after '='");
  }
  if (rest.empty()) return Status::InvalidArgument("'" + text + "': no file");
  spec.path = rest;
  return spec;
}

struct DeriveSpec {
  std::string text;
  std::string output_column;
  std::vector<std::string> input_columns;
  std::string transformation;  // "" = by count
  std::optional<std::string> description;
};

// OUT_COL=IN_COL[,IN_COL...][:DIRECT|:INDIRECT][:DESCRIPTION]
Result<DeriveSpec> ParseDerive(const std::string& text) {
  DeriveSpec d;
  d.text = text;
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
    if (col.empty())
      return Status::InvalidArgument("--derive " + text + ": an input column is empty");
    d.input_columns.push_back(col);
    start = comma + 1;
  }
  if (d.transformation.empty())
    d.transformation = d.input_columns.size() == 1 ? "DIRECT" : "INDIRECT";
  return d;
}

struct ColumnHome {
  size_t file_idx;  // index into the candidate files
  std::string column;
};

// Finds COLUMN or NAME.COLUMN among the files' schemas.
Result<ColumnHome> ResolveColumn(const std::string& token,
                                 const std::vector<const FileSpec*>& files,
                                 const std::string& side) {
  std::vector<ColumnHome> matches;
  auto columns_of = [](const FileSpec& f) {
    std::set<std::string> names;
    Json schema = ParsedOrNull(f.described.content.schema_json);
    if (schema.is_array()) {
      for (const Json& c : schema) names.insert(c.value("name", ""));
    }
    return names;
  };
  for (size_t i = 0; i < files.size(); ++i) {
    if (columns_of(*files[i]).contains(token)) matches.push_back({i, token});
  }
  if (matches.size() == 1) return matches[0];
  if (matches.size() > 1) {
    return Status::InvalidArgument("--derive: column '" + token + "' is in several " + side +
                                   " files; write DATASET_NAME." + token);
  }
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string prefix = files[i]->described.name + ".";
    if (token.rfind(prefix, 0) != 0) continue;
    std::string column = token.substr(prefix.size());
    std::set<std::string> names = columns_of(*files[i]);
    if (names.empty() || names.contains(column)) return ColumnHome{i, column};
  }
  std::string known;
  for (const FileSpec* f : files) known += (known.empty() ? "" : ", ") + f->described.name;
  return Status::InvalidArgument("--derive: no " + side + " column '" + token + "' (" + side +
                                 " datasets: " + known + ")");
}

struct ChildOutcome {
  int exit_code = 0;
  std::optional<std::string> error;  // why it failed, for the run record
  bool started = true;
};

// Runs argv with inherited stdio and waits. airm ignores SIGINT/SIGQUIT
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
  std::cout.flush();
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

int RunExec(const RunExecCommand& c) {
  if (c.command.empty())
    return Fail(Status::InvalidArgument("run exec: give the command after --"));
  if (!c.kind.empty() && !kKinds.contains(c.kind)) {
    return Fail(Status::InvalidArgument("--kind '" + c.kind +
                                        "' is not one of training, preprocessing, features, "
                                        "scoring, quality, other"));
  }
  std::vector<FileSpec> inputs, outputs;
  for (const std::string& text : c.inputs) {
    auto spec = ParseFileSpec(text, true);
    if (!spec.ok()) return Fail(spec.status());
    inputs.push_back(std::move(spec).value());
  }
  for (const std::string& text : c.outputs) {
    auto spec = ParseFileSpec(text, false);
    if (!spec.ok()) return Fail(spec.status());
    outputs.push_back(std::move(spec).value());
  }
  std::vector<DeriveSpec> derives;
  for (const std::string& text : c.derives) {
    auto d = ParseDerive(text);
    if (!d.ok()) return Fail(d.status());
    derives.push_back(std::move(d).value());
  }
  Json params = Json::object();
  for (const std::string& p : c.params) {
    std::string key, value;
    Status s = ParseKeyValue(p, "--param", &key, &value);
    if (!s.ok()) return Fail(s);
    params[key] = value;
  }
  auto opened = OpenStore(c.store);
  if (!opened.ok()) return Fail(opened.status());

  for (FileSpec& in : inputs) {
    auto described = DescribeFileForRegistration(in.path, in.name, {});
    if (!described.ok()) return Fail(described.status());
    in.described = std::move(described).value();
  }

  store::NewRun run;
  run.job_name = c.job;
  if (!c.kind.empty()) run.job_kind = c.kind;
  run.started_at = store::UtcNow();
  run.command_json = Json(c.command).dump();
  run.parameters_json = params.dump();
  run.environment_json = store::EnvironmentJson();
  run.code_version = store::GitCodeVersion(".");
  const auto clock_start = std::chrono::steady_clock::now();
  const ChildOutcome child = RunChild(c.command);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - clock_start).count();
  run.ended_at = store::UtcNow();
  run.exit_code = child.exit_code;
  run.error = child.error;
  int exit_code = child.started ? (child.exit_code == 0 ? kExitOk : kExitGateFailed) : kExitUsage;

  // An input that changed while the command ran was not the input it used.
  for (const FileSpec& in : inputs) {
    auto digest = store::FileDigest(in.path);
    std::string now = digest.ok() ? *digest : "unreadable (" + digest.status().message() + ")";
    if (now != in.described.content.digest) {
      run.error = "input changed while the command ran: " + in.path + " was " +
                  in.described.content.digest + " when hashed, " + now +
                  " after the command (a file changed between hash and use)";
      exit_code = kExitUsage;
      break;
    }
  }
  if (!run.error) {
    for (FileSpec& out : outputs) {
      auto described = DescribeFileForRegistration(out.path, out.name, {});
      if (!described.ok()) {
        run.error = "output " + out.path +
                    " was not produced or cannot be read: " + described.status().message();
        exit_code = kExitGateFailed;
        break;
      }
      out.described = std::move(described).value();
    }
  }
  // Column lineage, resolved against the schemas now known.
  struct ResolvedDerive {
    ColumnHome out;
    std::vector<ColumnHome> in;
    const DeriveSpec* spec;
  };
  std::vector<ResolvedDerive> resolved;
  std::vector<const FileSpec*> in_files, out_files;
  for (const FileSpec& f : inputs) in_files.push_back(&f);
  for (const FileSpec& f : outputs) out_files.push_back(&f);
  for (const DeriveSpec& d : derives) {
    if (run.error) break;
    ResolvedDerive r{{}, {}, &d};
    auto out = ResolveColumn(d.output_column, out_files, "output");
    if (!out.ok()) {
      run.error = out.status().message();
      exit_code = kExitUsage;
      break;
    }
    r.out = *out;
    for (const std::string& col : d.input_columns) {
      auto in = ResolveColumn(col, in_files, "input");
      if (!in.ok()) {
        run.error = in.status().message();
        exit_code = kExitUsage;
        break;
      }
      r.in.push_back(*in);
    }
    resolved.push_back(std::move(r));
  }
  run.status = run.error ? "failed" : "completed";

  store::Run recorded;
  std::vector<store::DatasetVersion> input_versions, output_versions;
  Status s = opened->db->WriteTransaction([&](store::Database& tx) -> Status {
    input_versions.clear();
    output_versions.clear();
    store::NewRun record = run;
    for (const FileSpec& in : inputs) {
      std::optional<store::DatasetVersion> existing;
      if (in.name.empty()) {
        AIRM_ASSIGN_OR_RETURN(existing,
                              store::FindDatasetVersionByDigest(tx, in.described.content.digest));
      }
      if (!existing) {
        AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset reg,
                              store::RegisterDatasetVersion(tx, in.described));
        existing = reg.version;
      }
      record.inputs.push_back({existing->id, in.role});
      input_versions.push_back(*existing);
    }
    if (record.status == "completed") {
      for (const FileSpec& out : outputs) {
        AIRM_ASSIGN_OR_RETURN(store::RegisteredDataset reg,
                              store::RegisterDatasetVersion(tx, out.described));
        record.outputs.push_back(reg.version.id);
        output_versions.push_back(reg.version);
      }
      for (const ResolvedDerive& r : resolved) {
        for (const ColumnHome& in : r.in) {
          record.column_lineage.push_back({output_versions[r.out.file_idx].id, r.out.column,
                                           input_versions[in.file_idx].id, in.column,
                                           r.spec->transformation, r.spec->description});
        }
      }
    }
    AIRM_ASSIGN_OR_RETURN(recorded, store::RecordRun(tx, record));
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);

  if (c.store.json) {
    Json doc = StoreDocument("run");
    doc["run"] = RunJson(recorded);
    doc["duration_seconds"] = seconds;
    doc["inputs"] = Json::array();
    for (size_t i = 0; i < input_versions.size(); ++i) {
      doc["inputs"].push_back({{"ref", input_versions[i].Ref()},
                               {"digest", input_versions[i].digest},
                               {"role", inputs[i].role},
                               {"path", inputs[i].path}});
    }
    doc["outputs"] = Json::array();
    for (size_t i = 0; i < output_versions.size(); ++i) {
      doc["outputs"].push_back({{"ref", output_versions[i].Ref()},
                                {"digest", output_versions[i].digest},
                                {"path", outputs[i].path}});
    }
    PrintJson(doc);
  } else {
    std::cerr << "airm: run " << recorded.run_uuid << " (job " << recorded.job_name << ") "
              << recorded.status << ", exit " << child.exit_code << "\n";
    for (size_t i = 0; i < input_versions.size(); ++i) {
      std::cerr << "  input  " << input_versions[i].Ref() << " (" << inputs[i].role << ")\n";
    }
    for (const store::DatasetVersion& v : output_versions) {
      std::cerr << "  output " << v.Ref() << "  " << ShortDigest(v.digest) << "…\n";
    }
    if (recorded.error) std::cerr << "airm: error: " << *recorded.error << "\n";
  }
  return exit_code;
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
  sub->add_option("--input", c->inputs, "FILE[=NAME][:ROLE] read by the command (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--output", c->outputs, "FILE[=NAME] written by the command (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--param", c->params, "KEY=VALUE parameter to record (repeatable)")
      ->allow_extra_args(false);
  sub->add_option("--derive", c->derives,
                  "Column lineage OUT_COL=IN_COL[,IN_COL...][:DIRECT|:INDIRECT][:DESCRIPTION]")
      ->allow_extra_args(false);
  sub->add_option("command", c->command, "The command and its arguments, after --")->required();
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunExec(*c); });
}

}  // namespace airm::cli
