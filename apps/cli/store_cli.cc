#include "store_cli.h"

#include <cstdlib>

#include "cli_common.h"
#include "terminal_safe_stdout.h"

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
  AddJsonFlag(sub, flags);
}

void AddJsonFlag(CLI::App* sub, StoreFlags* flags) {
  sub->add_option("--json", flags->json, "Write the result as JSON to FILE ('-' = stdout)")
      ->type_name("FILE");
}

void AddModelFlags(CLI::App* sub, std::string* model, std::string* store,
                   const std::string& model_help, const std::string& type_name) {
  sub->add_option("--model", *model, model_help)->type_name(type_name);
  sub->add_option("--store", *store,
                  "Workspace or store file where --model NAME@VERSION is registered (default: "
                  "$AIRM_STORE, else the current directory and its parents)");
}

store::LocateOptions Locate(const StoreFlags& flags) {
  store::LocateOptions locate;
  locate.store_flag = flags.store;
  if (const char* env = std::getenv("AIRM_STORE")) locate.store_env = env;
  return locate;
}

Result<OpenedStore> OpenStore(const StoreFlags& flags) {
  return usecases::OpenStore(Locate(flags));
}

usecases::ProgressFn CliProgress() {
  return [](std::string_view what) { Progress(what); };
}

Status WriteJsonOutput(const StoreFlags& flags, const std::string& text) {
  return WriteOutput(flags.json, text);
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
    if (!e.app->parsed()) continue;
    // Their text names what files and other systems named.
    TerminalSafeStdout escaped;
    return e.run();
  }
  return std::nullopt;
}

void SetCommandLine(int argc, char** argv) { SavedMeta() = MakeMeta(argc, argv); }

const ReportMeta& StoreMeta() { return SavedMeta(); }

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
