// The store's commands: `airm init`, `airm dataset register|list|show|verify|
// diff|check`, `airm run exec`, `airm model register`, `airm deploy`,
// `airm predictions log`, `airm store migrate`. One file per command; each Add* function declares
// its flags and registers how it runs. Exit codes: 0 ok, 1 a requested gate
// or a failed run/verification (documented per command in docs/store.md),
// 2 usage or input error (unknown name or version, missing workspace,
// corrupt or newer store, or a store that stayed locked: kUnavailable), 3 internal.
#pragma once

#include <CLI/CLI.hpp>

#include "store_cli.h"

namespace airm::cli {

// Adds every store command to `app`; main() calls RunChosen() after parsing.
StoreCommandSet* AddStoreCommands(CLI::App* app);

void AddInitCommand(CLI::App* app, StoreCommandSet* set);
void AddDatasetRegisterCommand(CLI::App* dataset, StoreCommandSet* set);
void AddDatasetListCommands(CLI::App* dataset, StoreCommandSet* set);  // list, show
void AddDatasetVerifyCommand(CLI::App* dataset, StoreCommandSet* set);
void AddDatasetDiffCommand(CLI::App* dataset, StoreCommandSet* set);
void AddDatasetCheckCommand(CLI::App* dataset, StoreCommandSet* set);
void AddRunExecCommand(CLI::App* run, StoreCommandSet* set);
void AddModelRegisterCommand(CLI::App* model, StoreCommandSet* set);
void AddDeployCommand(CLI::App* app, StoreCommandSet* set);
void AddPredictionsLogCommand(CLI::App* predictions, StoreCommandSet* set);
void AddStoreMigrateCommand(CLI::App* store_group, StoreCommandSet* set);

}  // namespace airm::cli
