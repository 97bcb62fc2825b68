#include "profile_command.h"

#include <iostream>
#include <memory>

#include "airm/output_set.h"
#include "airm/profile.h"
#include "airm/report.h"
#include "airm/sha256.h"
#include "airm/usecases/merge_profiles.h"
#include "airm/usecases/run_profile.h"
#include "cli_common.h"
#include "flag_checks.h"

namespace airm::cli {

struct ProfileCommand {
  CLI::App* app = nullptr;
  std::string data;
  bool stream = false;
  std::string json_path, html_path, save_path;
  ReaderFlags reader;
  std::vector<std::string> columns;
  size_t chunk_rows = 65536;
  int kll_k = ProfileOptions{}.kll_k;
  // `airm profile merge A B ... --out FILE`
  CLI::App* merge = nullptr;
  std::vector<std::string> merge_inputs;
  std::string merge_out, merge_json;
};

ProfileCommand* AddProfileCommand(CLI::App* app) {
  static std::unique_ptr<ProfileCommand> holder = std::make_unique<ProfileCommand>();
  ProfileCommand* c = holder.get();
  CLI::App* sub = app->add_subcommand("profile", "Summarise every column of a data file");
  c->app = sub;
  // Not ->required(): `airm profile merge` has no data file; checked in Run.
  sub->add_option("data", c->data, "Data file (CSV, TSV, JSONL, Parquet; .gz/.zst ok)");
  sub->add_flag("--stream", c->stream,
                "Bounded memory: read in chunks, quantiles/distinct/top values from sketches");
  sub->add_option("--chunk-rows", c->chunk_rows, "Rows per chunk with --stream")->check(Count(1));
  sub->add_option("--sketch-k", c->kll_k, "KLL accuracy k of the quantile sketches (default 200)")
      ->check(CLI::Range(8, 65535));
  sub->add_option("--json", c->json_path, "Write the JSON profile here ('-' = stdout)");
  sub->add_option("--html", c->html_path, "Write the HTML profile here ('-' = stdout)");
  sub->add_option("--save", c->save_path,
                  "Write the mergeable binary profile here (docs/formats/profile.md)");
  AddListOption(sub, "--columns", &c->columns,
                "Profile only these columns, in this order (Parquet skips the others' bytes)");
  AddReaderFlags(sub, &c->reader);

  c->merge = sub->add_subcommand("merge", "Merge saved profiles (e.g. daily ones) into one");
  c->merge->add_option("profiles", c->merge_inputs, "Saved profiles (airm profile --save)")
      ->required()
      ->delimiter(',');
  c->merge->add_option("--out", c->merge_out, "Write the merged binary profile here")->required();
  c->merge->add_option("--json", c->merge_json, "Write its JSON form here ('-' = stdout)");
  return c;
}

namespace {

std::string ProfileText(const Profile& p) {
  std::string out = "rows: " + std::to_string(p.num_rows) + (p.exact() ? "" : " (sketches)") + "\n";
  for (const ColumnProfile& c : p.columns) {
    out += "  " + c.name + " (" + DataTypeName(c.type) + "): " + std::to_string(c.null_count) +
           " missing, " + std::to_string(c.distinct_count) + " distinct";
    if (c.mean) {
      char buf[96];
      std::snprintf(buf, sizeof buf, ", mean %.6g, min %.6g, max %.6g", *c.mean, c.min.value_or(0),
                    c.max.value_or(0));
      out += buf;
    }
    out += "\n";
  }
  return out;
}

}  // namespace

namespace {

int RunProfileMerge(const ProfileCommand& c, int argc, char** argv) {
  OutputSet outputs;
  outputs.Add("--out", c.merge_out);
  outputs.Add("--json", c.merge_json);
  Status s = outputs.Check();
  if (!s.ok()) return Fail(s);
  auto merged = usecases::MergeProfileFiles({.inputs = c.merge_inputs});
  if (!merged.ok()) return Fail(merged.status());
  const std::string bytes = SerializeProfile(merged->profile);
  outputs.SetText("--out", bytes);
  if (outputs.Wants("--json")) {
    InputInfo info{.path = c.merge_out,
                   .sha256 = Sha256Hex(bytes),
                   .rows = merged->profile.num_rows,
                   .columns = merged->profile.columns.size(),
                   .bytes = bytes.size()};
    outputs.SetText("--json", RenderProfileJson(merged->profile, info, MakeMeta(argc, argv)));
  }
  s = outputs.Commit();
  if (!s.ok()) return Fail(s);
  if (!outputs.WritesStdout()) std::cout << TerminalSafe(ProfileText(merged->profile));
  return kExitOk;
}

}  // namespace

int RunProfileCommand(const ProfileCommand& c, int argc, char** argv) {
  if (c.merge->parsed()) return RunProfileMerge(c, argc, argv);
  if (c.data.empty()) {
    return Fail(Status::InvalidArgument("profile needs a data file (or: airm profile merge)"));
  }
  OutputSet outputs;
  outputs.Add("--json", c.json_path);
  outputs.Add("--html", c.html_path);
  outputs.Add("--save", c.save_path);
  // Checked here so the message names the flag (ReadOptions::Validate names its field).
  for (size_t i = 0; i < c.columns.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (c.columns[j] == c.columns[i]) {
        return Fail(Status::InvalidArgument("--columns: '" + c.columns[i] + "' is listed twice"));
      }
    }
  }
  ReadOptions options;
  options.chunk_rows = c.chunk_rows;
  options.columns = c.columns;
  Status s = CheckOutputsAndReader(c.reader, &outputs, &options);
  if (!s.ok()) return Fail(s);
  // Member by member: GCC 12 warns (falsely) on a designated initializer
  // around the nested ProfileOptions.
  usecases::RunProfileOptions run_options;
  run_options.data = c.data;
  run_options.stream = c.stream;
  run_options.profile.kll_k = c.kll_k;
  run_options.read = options;
  run_options.progress = Progress;
  auto run = usecases::RunProfile(run_options);
  if (!run.ok()) return Fail(run.status());
  const Profile* profile = &run->profile;
  const InputInfo& info = run->input;

  ReportMeta meta = MakeMeta(argc, argv);
  if (outputs.Wants("--json")) {
    outputs.SetText("--json", RenderProfileJson(*profile, info, meta));
  }
  if (outputs.Wants("--html")) outputs.SetText("--html", RenderProfileHtml(*profile, info, meta));
  if (outputs.Wants("--save")) outputs.SetText("--save", SerializeProfile(*profile));
  s = outputs.Commit();
  if (!s.ok()) return Fail(s);
  if (!outputs.WritesStdout()) std::cout << TerminalSafe(ProfileText(*profile));
  return kExitOk;
}

}  // namespace airm::cli
