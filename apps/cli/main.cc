// `airm`: the command-line face of the engine. It parses arguments, calls the
// engine and translates its Status into messages and exit codes:
// 0 ok, 1 a requested gate (--fail-on) failed, 2 usage or input error,
// 3 internal error.
#include <CLI/CLI.hpp>
#include <iostream>

#include "airm/version.h"
#include "chaos_command.h"
#include "cli_common.h"
#include "drift_command.h"
#include "evaluate_command.h"
#include "governance_commands.h"
#include "lineage_commands.h"
#include "monitor_command.h"
#include "profile_command.h"
#include "serve_commands.h"
#include "store_commands.h"

int main(int argc, char** argv) {
  using namespace airm::cli;
  CLI::App app{"airm " AIRM_VERSION " - continuous AI risk management"};
  app.set_version_flag("--version", AIRM_VERSION);
  app.require_subcommand(1);
  ChaosCommand* chaos = AddChaosCommand(&app);
  DriftCommand* drift = AddDriftCommand(&app);
  EvaluateCommand* evaluate = AddEvaluateCommand(&app);
  ProfileCommand* profile = AddProfileCommand(&app);
  StoreCommandSet* store_commands = AddStoreCommands(&app);
  AddLineageCommands(&app, store_commands);
  AddMonitorCommands(&app, store_commands);
  AddGovernanceCommands(&app, store_commands);
  AddServeCommand(&app, store_commands);
  AddUserCommands(&app, store_commands);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "airm: error: " << e.what() << "\n"
              << "Run 'airm --help' or 'airm SUBCOMMAND --help' for usage.\n";
    return kExitUsage;
  }
  try {
    if (app.got_subcommand("chaos")) return RunChaosCommand(*chaos, argc, argv);
    if (app.got_subcommand("drift")) return RunDriftCommand(*drift, argc, argv);
    if (app.got_subcommand("evaluate")) return RunEvaluateCommand(*evaluate, argc, argv);
    if (app.got_subcommand("profile")) return RunProfileCommand(*profile, argc, argv);
    SetCommandLine(argc, argv);
    if (auto code = store_commands->RunChosen()) return *code;
  } catch (const std::bad_alloc&) {
    std::cerr << "airm: error: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    // Library code returns Status; reaching here is an airm bug.
    std::cerr << "airm: internal error: " << e.what() << "\n";
    return 3;
  }
  return kExitUsage;
}
