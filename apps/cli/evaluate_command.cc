#include "evaluate_command.h"

#include <iostream>
#include <memory>

#include "airm/evaluate.h"
#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/report/text_summaries.h"
#include "airm/schema.h"
#include "airm/usecases/run_evaluation.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "report_flags.h"
#include "store_cli.h"

namespace airm::cli {

struct EvaluateCommand {
  std::string data, reference, schema;
  EvalSpec spec;
  double threshold = 0.5;
  std::string task = "auto";
  EvalConfig config;
  ReportFlags report;
  ReaderFlags reader;
  CLI::Option* threshold_option = nullptr;
  std::string model, store;
};

EvaluateCommand* AddEvaluateCommand(CLI::App* app) {
  static std::unique_ptr<EvaluateCommand> holder = std::make_unique<EvaluateCommand>();
  EvaluateCommand* c = holder.get();
  CLI::App* sub = app->add_subcommand(
      "evaluate",
      "Evaluate a scored data set: metrics with intervals, worst-case slices, fairness, "
      "calibration, tail behaviour");
  sub->add_option("--data,-d", c->data, "Scored data (CSV, TSV, JSONL, Parquet; .gz/.zst ok)")
      ->required();
  sub->add_option("--target", c->spec.target, "True label (or value) column")->required();
  sub->add_option("--score", c->spec.score, "Binary: P(positive) column");
  sub->add_option("--prediction", c->spec.prediction, "Predicted label (or value) column");
  sub->add_option("--proba-prefix", c->spec.proba_prefix,
                  "Multiclass: probability columns named PREFIX<class>");
  sub->add_option("--positive-label", c->spec.positive_label, "Binary: the positive class");
  c->threshold_option =
      sub->add_option("--threshold", c->threshold, "Binary: positive when score >= T (default 0.5)")
          ->check(FiniteNumber());
  sub->add_option("--task", c->task, "auto, binary, multiclass or regression")
      ->check(CLI::IsMember({"auto", "binary", "multiclass", "regression"}));
  AddListOption(sub, "--segment", &c->config.segment_columns, "Metrics per value of COL");
  AddListOption(sub, "--sensitive", &c->config.sensitive_columns,
                "Fairness across the groups of COL");
  sub->add_option("--reference", c->reference,
                  "Reference data: bins numeric segments, anchors the unusualness score");
  sub->add_option("--schema", c->schema, "YAML file of column roles (id/timestamp are skipped)");
  sub->add_option("--segment-bins", c->config.segment_bins, "Quantile bins of numeric segments")
      ->check(Count(2));
  sub->add_option("--min-group-rows", c->config.min_group_rows,
                  "Smaller segments/groups are 'insufficient evidence' (default 30)")
      ->check(Count(1));
  sub->add_option("--bootstrap", c->config.bootstrap, "Bootstrap resamples (default 200)")
      ->check(Count(0));
  sub->add_option("--seed", c->config.seed, "Seed of every resampling step")->check(Count(0));
  sub->add_option("--alpha", c->config.alpha, "Significance level (default 0.05)")
      ->check(OpenInterval(0, 1));
  sub->add_option("--slice-depth", c->config.slice_max_predicates,
                  "Predicates per slice (default 2)")
      ->check(Count(1));
  sub->add_option("--slice-top", c->config.slice_top_k, "Slices reported (default 10)")
      ->check(Count(1));
  sub->add_option("--slice-min-rows", c->config.slice_min_support,
                  "Minimum slice size (default max(30, 1% of rows))")
      ->check(Count(1));
  sub->add_flag("--confirm-holdout", c->config.confirm_holdout,
                "Search slices on one half, confirm them on the other");
  sub->add_option("--calibration-bins", c->config.calibration_bins, "Equal-width bins (10)")
      ->check(Count(2));
  sub->add_option("--tail-share", c->config.tail_share, "Share of most unusual rows (0.05)")
      ->check(OpenInterval(0, 1));
  AddModelFlags(sub, &c->model, &c->store,
                "Registered NAME@VERSION that scored the data: the verdicts are recorded with it "
                "for its model card",
                "NAME@VERSION");
  AddReportFlags(
      sub, &c->report,
      "Exit 1 when a condition holds, e.g. metrics.accuracy.value<0.8,calibration.ece>0.05");
  AddReaderFlags(sub, &c->reader);
  return c;
}

int RunEvaluateCommand(const EvaluateCommand& c, int argc, char** argv) {
  ReadOptions read_options;
  auto outputs = CheckedReportOutputs(c.report, c.reader, &read_options);
  if (!outputs.ok()) return Fail(outputs.status());
  EvalSpec spec = c.spec;
  if (c.threshold_option->count() > 0) spec.threshold = c.threshold;
  if (c.task == "binary") spec.task = TaskType::kBinary;
  if (c.task == "multiclass") spec.task = TaskType::kMulticlass;
  if (c.task == "regression") spec.task = TaskType::kRegression;
  const ReportMeta meta = MakeMeta(argc, argv);
  std::vector<GateOutcome> gates;
  const auto write_reports = [&](const EvalResult& r) {
    return GateAndCommitReport(
        *outputs, c.report, RenderEvalJson(r, meta), GateAliases{},
        [&] { return RenderEvalHtml(r, meta); }, &gates);
  };
  auto result = usecases::RunEvaluation({.data = c.data,
                                         .reference = c.reference,
                                         .schema_file = c.schema,
                                         .spec = spec,
                                         .config = c.config,
                                         .read = read_options,
                                         .progress = Progress,
                                         .model = c.model,
                                         .store = Locate(StoreFlags{.store = c.store}),
                                         .write_reports = write_reports});
  if (!result.ok()) return Fail(result.status());
  return SummaryAndGate(*outputs, report::EvaluationSummaryText(*result, gates), gates);
}

}  // namespace airm::cli
