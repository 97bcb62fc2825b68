#include "drift_command.h"

#include <cstdio>
#include <iostream>
#include <memory>

#include "airm/drift.h"
#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/quality.h"
#include "airm/report/text_summaries.h"
#include "airm/schema.h"
#include "airm/usecases/run_drift.h"
#include "cli_common.h"
#include "flag_checks.h"
#include "report_flags.h"
#include "store_cli.h"

namespace airm::cli {

struct DriftCommand {
  CLI::App* app = nullptr;
  std::string reference, current, schema;
  RoleAssignment roles;
  DriftConfig config;
  std::string tests = "default";
  ReportFlags report;
  std::vector<std::string> quality_thresholds;
  ReaderFlags reader;
  bool no_multivariate = false;
  bool sketch = false;
  int sketch_k = 2000;
  std::string model, store;
};

DriftCommand* AddDriftCommand(CLI::App* app) {
  static std::unique_ptr<DriftCommand> holder = std::make_unique<DriftCommand>();
  DriftCommand* c = holder.get();
  CLI::App* sub = app->add_subcommand(
      "drift", "Compare a current batch with a reference batch: drift and data quality");
  c->app = sub;
  sub->add_option(
         "--reference,-r", c->reference,
         "Reference data (CSV, TSV, JSONL, Parquet; .gz/.zst ok) or a saved profile (airm profile "
         "--save; compared from sketches)")
      ->required();
  sub->add_option("--current,-c", c->current, "Current data to compare (or a saved profile)")
      ->required();
  sub->add_flag("--sketch", c->sketch,
                "Bounded memory: profile both files in chunks and compare the sketches, with "
                "error bounds (docs/statistics.md)");
  sub->add_option("--sketch-k", c->sketch_k,
                  "KLL accuracy k of the profiles --sketch builds (default 2000)")
      ->check(CLI::Range(8, 65535));
  sub->add_option("--target", c->roles.target, "Target (label) column");
  sub->add_option("--prediction", c->roles.prediction, "Model prediction column");
  sub->add_option("--score", c->roles.score, "Model score / probability column");
  AddListOption(sub, "--segment", &c->roles.segment,
                "Repeat the analysis within each value of COL");
  AddListOption(sub, "--id", &c->roles.id, "Identifier column, never tested");
  sub->add_option("--schema", c->schema, "YAML file of column roles (see docs/cli.md)");
  AddListOption(sub, "--columns", &c->config.columns, "Only these columns");
  AddListOption(sub, "--exclude", &c->config.exclude, "Leave these columns out");
  sub->add_option("--method", c->config.method,
                  "auto, or one test for every column it applies to (ks, chi2, psi, ...)");
  sub->add_option("--tests", c->tests, "'all' computes every applicable test per column")
      ->check(CLI::IsMember({"default", "all"}));
  sub->add_option("--alpha", c->config.alpha, "Significance level (default 0.05)")
      ->check(OpenInterval(0, 1));
  sub->add_option("--correction", c->config.correction,
                  "Multiple-testing control: bh (default), bonferroni, none");
  sub->add_option("--drift-share", c->config.drift_share,
                  "Batch drifts when this share of columns drift (default 0: any column)")
      ->check(ClosedInterval(0, 1));
  sub->add_option("--bins", c->config.bins, "Reference quantile bins (default 10)")
      ->check(Count(2));
  sub->add_option("--min-rows", c->config.min_rows, "Values needed per side for a verdict")
      ->check(Count(1));
  sub->add_option("--min-segment-rows", c->config.min_segment_rows,
                  "Rows needed per side for a segment verdict (default 30)")
      ->check(Count(1));
  sub->add_flag("--no-multivariate", c->no_multivariate, "Skip the domain classifier");
  sub->add_option("--seed", c->config.seed, "Seed of the domain classifier")->check(Count(0));
  AddPairListOption(sub, "--quality-threshold", &c->quality_thresholds,
                    "Override a check's thresholds: NAME=WARN,FAIL");
  AddModelFlags(sub, &c->model, &c->store,
                "The model the data is for: xgboost:FILE or a registered NAME@VERSION. Shows how "
                "much it uses each column; NAME@VERSION also records the verdict for its card",
                "SPEC");
  AddReportFlags(sub, &c->report,
                 "Exit 1 when a condition holds: drift, quality, any, or PATH OP VALUE");
  AddReaderFlags(sub, &c->reader);
  return c;
}

int RunDriftCommand(const DriftCommand& c, int argc, char** argv) {
  ReadOptions read_options;
  auto outputs = CheckedReportOutputs(c.report, c.reader, &read_options);
  if (!outputs.ok()) return Fail(outputs.status());

  usecases::RunDriftOptions options{.reference = c.reference,
                                    .current = c.current,
                                    .schema_file = c.schema,
                                    .roles = c.roles,
                                    .config = c.config,
                                    .read = read_options,
                                    .progress = Progress};
  options.sketch = c.sketch;
  options.model = c.model;
  options.store = Locate(StoreFlags{.store = c.store});
  options.sketch_profile.kll_k = c.sketch_k;
  options.config.all_tests = c.tests == "all";
  options.config.domain_classifier = !c.no_multivariate;
  auto thresholds = QualityThresholdsOf(c.quality_thresholds);
  if (!thresholds.ok()) return Fail(thresholds.status());
  options.thresholds = std::move(thresholds).value();
  const ReportMeta meta = MakeMeta(argc, argv);
  std::vector<GateOutcome> gates;
  options.write_reports = [&](const DriftResult& r) {
    return GateAndCommitReport(
        *outputs, c.report, RenderDriftJson(r, meta), usecases::DriftGateAliases(),
        [&] { return RenderDriftHtml(r, meta); }, &gates);
  };
  auto result = usecases::RunDrift(options);
  if (!result.ok()) return Fail(result.status());
  return SummaryAndGate(*outputs, report::DriftSummaryText(*result, gates), gates);
}

}  // namespace airm::cli
