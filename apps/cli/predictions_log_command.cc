// `airm predictions log FILE --model N@V`: flags to usecases::LogPredictions
// (airm/usecases/log_predictions.h: every row recorded as a prediction of the
// model version, the file as a dataset version, in one transaction), then the
// summary or the JSON document. A duplicate id or a malformed time is exit 2
// naming file, line and column, and nothing is written.
#include <iostream>
#include <memory>

#include "airm/report/store_documents.h"
#include "airm/report/store_text.h"
#include "airm/usecases/log_predictions.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "store_commands.h"

namespace airm::cli {
namespace {

struct PredictionsLogCommand {
  StoreFlags store;
  std::string file, model, env, name, id_column, time_column, output_column, preprocessed_by,
      schema;
  std::vector<std::string> exclude;
  bool store_features = false;
  ReaderFlags reader;
};

int RunPredictionsLog(const PredictionsLogCommand& c) {
  usecases::LogPredictionsOptions options{.store = Locate(c.store),
                                          .file = c.file,
                                          .model = c.model,
                                          .deployment_env = c.env,
                                          .name = c.name,
                                          .id_column = c.id_column,
                                          .time_column = c.time_column,
                                          .output_column = c.output_column,
                                          .exclude_columns = c.exclude,
                                          .schema_file = c.schema,
                                          .preprocessed_by = c.preprocessed_by,
                                          .store_features = c.store_features,
                                          .progress = CliProgress()};
  Status s = c.reader.ToReadOptions(&options.read);
  if (!s.ok()) return Fail(s);
  auto logged = usecases::LogPredictions(options);
  if (!logged.ok()) return Fail(logged.status());
  s = WriteJsonOutput(c.store, report::RenderLoggedPredictionsJson(*logged, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) std::cout << report::LoggedPredictionsText(*logged);
  return kExitOk;
}

}  // namespace

void AddPredictionsLogCommand(CLI::App* predictions, StoreCommandSet* set) {
  static std::unique_ptr<PredictionsLogCommand> holder = std::make_unique<PredictionsLogCommand>();
  PredictionsLogCommand* c = holder.get();
  CLI::App* sub =
      predictions->add_subcommand("log", "Record a file of predictions of a model version");
  sub->add_option("file", c->file, "Predictions (CSV, TSV, JSONL; .gz/.zst ok)")->required();
  sub->add_option("--model", c->model, "NAME@VERSION that made them");
  sub->add_option("--deployment-env", c->env,
                  "Environment whose deployment served them (the model when --model is omitted)");
  sub->add_option("--name", c->name, "Dataset name for the file (default predictions/<model>)");
  sub->add_option("--id-column", c->id_column,
                  "Prediction ids (default <file digest prefix>:<row number>)");
  sub->add_option("--time-column", c->time_column, "ISO 8601 prediction times (default now)");
  sub->add_option("--output-column", c->output_column,
                  "The model's output (default: prediction, else score)");
  AddListOption(sub, "--exclude-column", &c->exclude, "Not a model input");
  sub->add_option("--schema", c->schema,
                  "YAML column roles; only feature/segment/sensitive columns are inputs");
  sub->add_option("--preprocessed-by", c->preprocessed_by,
                  "Run id of the preprocessing that produced the inputs");
  sub->add_flag("--store-features", c->store_features, "Also store each row's features as JSON");
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  AddListOption(sub, "--null-token", &c->reader.null_tokens,
                "A value meaning missing (replaces the defaults)");
  AddStoreFlags(sub, &c->store);
  set->Add(sub, [c] { return RunPredictionsLog(*c); });
}

}  // namespace airm::cli
