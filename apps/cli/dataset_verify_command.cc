// `airm dataset verify [NAME@VERSION]...`: flags to usecases::VerifyDatasets
// (airm/usecases/verify_datasets.h), then the verdicts or the JSON document.
// Exits 1 when any version is changed or missing: a check a pipeline can gate on.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/verify_datasets.h"
#include "cli_common.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetVerifyCommand {
  StoreFlags store;
  std::vector<std::string> references;
};

int RunDatasetVerify(const DatasetVerifyCommand& c) {
  auto verification = usecases::VerifyDatasets(
      {.store = Locate(c.store), .references = c.references, .progress = CliProgress()});
  if (!verification.ok()) return Fail(verification.status());
  Status s =
      WriteJsonOutput(c.store, report::RenderDatasetVerificationJson(*verification, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DatasetVerificationText(*verification);
  return verification->ok ? kExitOk : kExitGateFailed;
}

}  // namespace

void AddDatasetVerifyCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetVerifyCommand> holder = std::make_unique<DatasetVerifyCommand>();
  DatasetVerifyCommand* c = holder.get();
  CLI::App* sub = dataset->add_subcommand(
      "verify", "Re-hash registered files; exit 1 when any changed or is missing");
  sub->add_option("references", c->references, "NAME@VERSION ... (default: every version)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetVerify(*c); });
}

}  // namespace airm::cli
