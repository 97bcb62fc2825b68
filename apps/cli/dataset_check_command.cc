// `airm dataset check NAME@VERSION [--reference NAME@VERSION]`: flags to
// usecases::CheckDataset (checks and records; airm/usecases/check_dataset.h),
// then the gates on the JSON document, the summary and the exit code: 2 when a
// file changed since it was registered, 1 only when --fail-on holds (aliases:
// fail = any check failed, warn = any check warned or failed), as every airm
// command. The runs are recorded before the gates are read, so a gate that
// cannot be evaluated (exit 2) still leaves the check in the store.
#include <iostream>
#include <memory>

#include "airm/gate.h"
#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/check_dataset.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct DatasetCheckCommand {
  StoreFlags store;
  std::string dataset, reference, schema, fail_on;
  std::vector<std::string> quality_thresholds;
  ReaderFlags reader;
};

const GateAliases kCheckAliases = {
    {"fail", {"status==fail"}},
    {"warn", {"status==warn", "status==fail"}},
};

int RunDatasetCheck(const DatasetCheckCommand& c) {
  usecases::CheckDatasetOptions options{.store = Locate(c.store),
                                        .dataset = c.dataset,
                                        .reference = c.reference,
                                        .schema_file = c.schema,
                                        .progress = CliProgress()};
  Status s = c.reader.ToReadOptions(&options.read);
  if (!s.ok()) return Fail(s);
  auto thresholds = QualityThresholdsOf(c.quality_thresholds);
  if (!thresholds.ok()) return Fail(thresholds.status());
  options.thresholds = std::move(thresholds).value();
  auto check = usecases::CheckDataset(options);
  if (!check.ok()) return Fail(check.status());
  const std::string json = report::RenderDatasetCheckJson(*check, StoreMeta());
  auto gates = FailOnGates(c.fail_on, json, kCheckAliases);
  if (!gates.ok()) return Fail(gates.status());
  s = WriteJsonOutput(c.store, json);
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::DatasetCheckText(*check, *gates);
  return AnyGateHeld(*gates) ? kExitGateFailed : kExitOk;
}

}  // namespace

void AddDatasetCheckCommand(CLI::App* dataset, StoreCommandSet* set) {
  static std::unique_ptr<DatasetCheckCommand> holder = std::make_unique<DatasetCheckCommand>();
  DatasetCheckCommand* c = holder.get();
  CLI::App* sub = dataset->add_subcommand(
      "check", "Run the data-quality checks on a dataset version and record the results");
  sub->add_option("dataset", c->dataset, "NAME@VERSION to check")->required();
  sub->add_option("--reference", c->reference,
                  "NAME@VERSION to compare with (default: the previous version)");
  sub->add_option("--schema", c->schema, "YAML file of column roles (id/timestamp/ignore skipped)");
  AddPairListOption(sub, "--quality-threshold", &c->quality_thresholds,
                    "Override a check's thresholds: NAME=WARN,FAIL");
  sub->add_option("--fail-on", c->fail_on,
                  "Exit 1 when a condition holds: fail, warn, or PATH OP VALUE");
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  AddListOption(sub, "--null-token", &c->reader.null_tokens,
                "A value meaning missing (replaces the defaults)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunDatasetCheck(*c); });
}

}  // namespace airm::cli
