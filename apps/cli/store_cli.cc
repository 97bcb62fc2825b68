#include "store_cli.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "airm/store/dataset_file.h"
#include "airm/store/environment.h"
#include "cli_common.h"

namespace airm::cli {
namespace {

ReportMeta& SavedMeta() {
  static ReportMeta meta;
  return meta;
}

}  // namespace

void AddStoreFlags(CLI::App* sub, StoreFlags* flags) {
  sub->add_option("--store", flags->store,
                  "Workspace directory or store file (default: $AIRM_STORE, else the current "
                  "directory and its parents)");
  sub->add_flag("--json", flags->json, "Print the result as JSON on stdout");
}

Result<OpenedStore> OpenStore(const StoreFlags& flags) {
  store::LocateOptions locate;
  locate.store_flag = flags.store;
  if (const char* env = std::getenv("AIRM_STORE")) locate.store_env = env;
  OpenedStore out;
  AIRM_ASSIGN_OR_RETURN(out.workspace, store::LocateWorkspace(locate));
  AIRM_ASSIGN_OR_RETURN(out.db, store::OpenWorkspaceStore(out.workspace));
  return out;
}

CLI::App* CommandGroup(CLI::App* app, const std::string& name, const std::string& description) {
  for (CLI::App* sub : app->get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == name) return sub;
  }
  CLI::App* group = app->add_subcommand(name, description);
  group->require_subcommand(1);
  return group;
}

std::optional<int> StoreCommandSet::RunChosen() const {
  for (const Entry& e : commands_) {
    if (e.app->parsed()) return e.run();
  }
  return std::nullopt;
}

void SetCommandLine(int argc, char** argv) { SavedMeta() = MakeMeta(argc, argv); }

Json StoreDocument(const char* kind) {
  const ReportMeta& meta = SavedMeta();
  Json doc = Json::object();
  doc["kind"] = kind;
  doc["schema_version"] = "1.0";
  doc["airm_version"] = meta.airm_version;
  doc["generated_at"] = meta.generated_at;
  doc["command"] = meta.command_line;
  return doc;
}

void PrintJson(const Json& doc) {
  std::cout << doc.dump(2, ' ', false, Json::error_handler_t::replace) << "\n";
}

Json ParsedOrNull(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  Json parsed = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? Json(nullptr) : parsed;
}

namespace {
template <typename T>
Json OrNull(const std::optional<T>& v) {
  return v ? Json(*v) : Json(nullptr);
}
}  // namespace

Json DatasetVersionJson(const store::DatasetVersion& v, bool with_profile) {
  Json j = {{"ref", v.Ref()},
            {"name", v.name},
            {"version", v.version},
            {"digest", v.digest},
            {"bytes", OrNull(v.bytes)},
            {"rows", OrNull(v.row_count)},
            {"schema", ParsedOrNull(v.schema_json)},
            {"source_uri", OrNull(v.source_uri)},
            {"path", OrNull(v.path)},
            {"abs_path", OrNull(v.abs_path)},
            {"registered_at", v.registered_at},
            {"registered_by", v.registered_by},
            {"tags", v.tags}};
  if (with_profile) j["profile"] = ParsedOrNull(v.profile_json);
  return j;
}

Json RunJson(const store::Run& run) {
  Json inputs = Json::array();
  for (const store::RunInput& in : run.inputs) {
    inputs.push_back({{"dataset_version_id", in.dataset_version_id}, {"role", in.role}});
  }
  return {
      {"run_id", run.run_uuid},
      {"job",
       {{"namespace", run.job_namespace}, {"name", run.job_name}, {"kind", OrNull(run.job_kind)}}},
      {"status", run.status},
      {"started_at", run.started_at},
      {"ended_at", OrNull(run.ended_at)},
      {"exit_code", OrNull(run.exit_code)},
      {"code_version", OrNull(run.code_version)},
      {"command", ParsedOrNull(run.command_json)},
      {"parameters", ParsedOrNull(run.parameters_json)},
      {"environment", ParsedOrNull(run.environment_json)},
      {"error", OrNull(run.error)},
      {"source", run.source}};
}

Json ModelVersionJson(const store::ModelVersion& v) {
  return {{"ref", v.Ref()},
          {"name", v.name},
          {"version", v.version},
          {"artifact_digest", v.artifact_digest},
          {"artifact_path", OrNull(v.artifact_path)},
          {"artifact_abs_path", OrNull(v.artifact_abs_path)},
          {"parameters", ParsedOrNull(v.parameters_json)},
          {"card", ParsedOrNull(v.card_json)},
          {"registered_at", v.registered_at},
          {"registered_by", v.registered_by}};
}

Json DeploymentJson(const store::Deployment& d) {
  return {{"id", d.id},
          {"environment", d.environment},
          {"valid_from", d.valid_from},
          {"valid_to", OrNull(d.valid_to)},
          {"deployed_by", d.deployed_by}};
}

Result<store::NewDatasetVersion> DescribeFileForRegistration(const std::string& path,
                                                             const std::string& name,
                                                             const ReadOptions& options) {
  Progress("hashing and profiling " + path);
  store::NewDatasetVersion v;
  AIRM_ASSIGN_OR_RETURN(v.content, store::DescribeDatasetFile(path, options));
  v.name = name.empty() ? std::filesystem::path(path).filename().string() : name;
  v.path = path;
  v.abs_path = store::AbsolutePath(path);
  v.registered_by = store::CurrentUser();
  return v;
}

std::string ShortDigest(const std::string& digest) {
  return digest.size() > 7 + 12 ? digest.substr(0, 7 + 12) : digest;
}

Status ParseKeyValue(const std::string& text, const std::string& flag, std::string* key,
                     std::string* value) {
  const size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return Status::InvalidArgument(flag + " expects KEY=VALUE, got '" + text + "'");
  }
  *key = text.substr(0, eq);
  *value = text.substr(eq + 1);
  return Status::Ok();
}

}  // namespace airm::cli
