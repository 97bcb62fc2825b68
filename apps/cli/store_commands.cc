#include "store_commands.h"

#include <memory>

namespace airm::cli {

StoreCommandSet* AddStoreCommands(CLI::App* app) {
  static std::unique_ptr<StoreCommandSet> set = std::make_unique<StoreCommandSet>();
  AddInitCommand(app, set.get());
  CLI::App* dataset = CommandGroup(app, "dataset", "Versioned datasets in the airm store");
  AddDatasetRegisterCommand(dataset, set.get());
  AddDatasetListCommands(dataset, set.get());
  AddDatasetVerifyCommand(dataset, set.get());
  AddDatasetDiffCommand(dataset, set.get());
  AddDatasetCheckCommand(dataset, set.get());
  AddRunExecCommand(CommandGroup(app, "run", "Recorded runs of jobs"), set.get());
  AddModelRegisterCommand(CommandGroup(app, "model", "Models and their versions"), set.get());
  AddDeployCommand(app, set.get());
  AddPredictionsLogCommand(CommandGroup(app, "predictions", "Logged predictions"), set.get());
  AddStoreMigrateCommand(CommandGroup(app, "store", "The store itself: moving it"), set.get());
  return set.get();
}

}  // namespace airm::cli
