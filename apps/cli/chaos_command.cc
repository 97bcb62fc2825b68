#include "chaos_command.h"

#include <unistd.h>

#include <iostream>
#include <memory>

#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/report/chaos_report.h"
#include "airm/report/text_summaries.h"
#include "airm/usecases/run_chaos.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "report_flags.h"
#include "store_cli.h"

namespace airm::cli {

struct ChaosCommand {
  std::string model, model_version, store, data, target, positive_label, suite, constraints,
      fallback, schema;
  std::vector<std::string> features, exclude;
  ReportFlags report;
  std::string junit_path;
  double timeout = 10.0;
  int retries = 2;
  size_t batch_size = 100;
  double threshold = 0.5;
  uint64_t seed = 42;
  int bootstrap = 200;
  std::vector<int> load_levels;
  double load_rate = 0;
  int max_categories = chaos::ManipulationOptions{}.max_categories;
  chaos::ModelFileLimits model_limits;
  ReaderFlags reader;
  CLI::Option* threshold_option = nullptr;
  CLI::Option* positive_option = nullptr;
  CLI::Option* suite_option = nullptr;
  CLI::Option* load_rate_option = nullptr;
};

ChaosCommand* AddChaosCommand(CLI::App* app) {
  static std::unique_ptr<ChaosCommand> holder = std::make_unique<ChaosCommand>();
  ChaosCommand* c = holder.get();
  CLI::App* sub = app->add_subcommand(
      "chaos",
      "Failure-mode testing: break a model's inputs and serving path on purpose and record "
      "whether each failure is handled, degrades or fails");
  sub->add_option("--model,-m", c->model,
                  "Model SPEC: http://HOST:PORT/PATH (MLflow), kserve://HOST:PORT/MODEL, "
                  "cmd:COMMAND, xgboost:MODEL.json[:META.json], or a registered NAME@VERSION "
                  "(its XGBoost artifact in-process; the verdict is recorded for its card)")
      ->required();
  sub->add_option("--model-version", c->model_version,
                  "The registered NAME@VERSION the --model SPEC serves: the verdict is recorded "
                  "with it for its model card")
      ->type_name("NAME@VERSION");
  sub->add_option("--store", c->store,
                  "Workspace or store file where NAME@VERSION is registered (default: "
                  "$AIRM_STORE, else the current directory and its parents)");
  sub->add_option("--data,-d", c->data, "Labelled data (CSV, TSV, JSONL, Parquet; .gz/.zst ok)")
      ->required();
  sub->add_option("--target", c->target, "True label (or value) column")->required();
  c->positive_option = sub->add_option("--positive-label", c->positive_label,
                                       "Binary: the positive class (default: the xgboost "
                                       "meta's, else chosen as airm evaluate does)");
  c->suite_option = sub->add_option(
      "--suite", c->suite,
      "Families, comma-separated: missing, types, categories, structure, determinism, "
      "upstream, load, manipulation, all, default (default: all but load and manipulation; "
      "manipulation is added when --constraints is given)");
  sub->add_option("--constraints", c->constraints,
                  "YAML constraints for the manipulation family (docs/chaos-manipulation.md)");
  sub->add_option("--fallback", c->fallback,
                  "Serve requests the model fails with const:VALUE, rule:FEATURE<=X?A:B or a "
                  "second model SPEC");
  sub->add_option("--schema", c->schema,
                  "YAML column roles; prediction, score, id, timestamp and ignore columns are "
                  "not sent to the model");
  AddListOption(sub, "--features", &c->features, "Send only these columns");
  AddListOption(sub, "--exclude", &c->exclude, "Do not send these columns");
  AddReportFlags(sub, &c->report,
                 "Exit 1 when a condition holds: failed, degraded, or e.g. "
                 "'cases.null:Income.status==failed', 'summary.failed>2'");
  sub->add_option("--junit", c->junit_path, "Write JUnit XML here ('-' = stdout)");
  sub->add_option("--timeout", c->timeout, "Seconds per request (default 10)");
  sub->add_option("--retries", c->retries, "Retries on refused / timeout / 5xx (default 2)");
  sub->add_option("--batch-size", c->batch_size, "Rows per request (default 100)");
  c->threshold_option =
      sub->add_option("--threshold", c->threshold,
                      "Binary: positive decision when score >= T (default: the xgboost meta's "
                      "threshold, else 0.5)");
  sub->add_option("--seed", c->seed, "Seed of every perturbation and resample (default 42)");
  sub->add_option(
      "--bootstrap", c->bootstrap,
      "Paired-bootstrap resamples per metric change (default 200; 0 = none; at most 10000)");
  sub->add_option("--load-levels", c->load_levels,
                  "Load family: concurrency levels (default 1, 2, 4 ... 2 x cores)")
      ->delimiter(',');
  c->load_rate_option = sub->add_option(
      "--load-rate", c->load_rate,
      "Load family: also run an open-loop run at this many requests per second (0, 1e6]");
  sub->add_option("--max-categories", c->max_categories,
                  "Manipulation family: most values a categorical feature may try, from the "
                  "constraints or observed (default 1000)");
  sub->add_option("--max-model-bytes", c->model_limits.max_bytes,
                  "xgboost: largest model file read (default 64 MiB)");
  sub->add_option("--max-model-trees", c->model_limits.max_trees,
                  "xgboost: most trees a model may have (default 100000)");
  sub->add_option("--max-model-nodes", c->model_limits.max_nodes,
                  "xgboost: most tree nodes a model may have, all trees (default 4000000)");
  sub->add_option("--max-model-depth", c->model_limits.max_depth,
                  "xgboost: deepest tree a model may have, root = 0 (default 256)");
  sub->add_option("--delimiter", c->reader.delimiter, "CSV delimiter (default: detect)");
  AddListOption(sub, "--null-token", &c->reader.null_tokens,
                "A value meaning missing (replaces the defaults)");
  return c;
}

namespace {

void CaseProgress(size_t done, size_t planned, std::string_view name) {
  static const bool tty = isatty(STDERR_FILENO);
  if (!tty) return;
  std::cerr << "\r\033[Kairm: case " << done << "/" << std::max(done, planned) << " " << name
            << std::flush;
}

}  // namespace

int RunChaosCommand(const ChaosCommand& c, int argc, char** argv) {
  ReadOptions read_options;
  auto outputs =
      CheckedReportOutputs(c.report, c.reader, &read_options, {{"--junit", c.junit_path}});
  if (!outputs.ok()) return Fail(outputs.status());

  usecases::RunChaosOptions options{.model = c.model,
                                    .model_version = c.model_version,
                                    .store = Locate(StoreFlags{.store = c.store}),
                                    .data = c.data,
                                    .target = c.target,
                                    .fallback = c.fallback,
                                    .constraints_file = c.constraints,
                                    .schema_file = c.schema,
                                    .features = c.features,
                                    .exclude = c.exclude,
                                    .batch_rows = c.batch_size,
                                    .seed = c.seed,
                                    .bootstrap = c.bootstrap,
                                    .load_levels = c.load_levels,
                                    .max_categories = c.max_categories,
                                    .timeout_seconds = c.timeout,
                                    .retries = c.retries,
                                    .model_limits = c.model_limits,
                                    .read = read_options,
                                    .progress = Progress,
                                    .case_progress = CaseProgress};
  if (c.positive_option->count() > 0) options.positive_label = c.positive_label;
  if (c.threshold_option->count() > 0) options.threshold = c.threshold;
  if (c.suite_option->count() > 0) options.suite = c.suite;
  if (c.load_rate_option->count() > 0) options.load_rate = c.load_rate;
  const ReportMeta report_meta = MakeMeta(argc, argv);
  std::vector<GateOutcome> gates;
  options.write_reports = [&](const chaos::ChaosResult& r) {
    if (outputs->Wants("--junit")) {
      outputs->SetText("--junit", chaos::RenderChaosJUnit(r, report_meta));
    }
    return GateAndCommitReport(
        *outputs, c.report, chaos::RenderChaosJson(r, report_meta), usecases::ChaosGateAliases(),
        [&] { return chaos::RenderChaosHtml(r, report_meta); }, &gates, {c.junit_path});
  };
  auto result = usecases::RunChaos(options);
  if (isatty(STDERR_FILENO)) std::cerr << "\r\033[K";
  if (!result.ok()) return Fail(result.status());
  return SummaryAndGate(*outputs, report::ChaosSummaryText(*result, gates), gates);
}

}  // namespace airm::cli
