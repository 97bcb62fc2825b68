#include "chaos_command.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "airm/chaos/chaos.h"
#include "airm/chaos/chaos_report.h"
#include "airm/chaos/constraints.h"
#include "airm/gate.h"
#include "airm/output_set.h"
#include "airm/schema.h"
#include "airm/sha256.h"
#include "airm/small_file.h"
#include "cli_common.h"
#include "flag_checks.h"

namespace airm::cli {

struct ChaosCommand {
  std::string model, data, target, positive_label, suite, constraints, fallback, schema;
  std::vector<std::string> features, exclude;
  std::string json_path, html_path, junit_path, fail_on;
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
                  "cmd:COMMAND, xgboost:MODEL.json[:META.json]")
      ->required();
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
  sub->add_option("--json", c->json_path, "Write the JSON report here ('-' = stdout)");
  sub->add_option("--html", c->html_path, "Write the HTML report here ('-' = stdout)");
  sub->add_option("--junit", c->junit_path, "Write JUnit XML here ('-' = stdout)");
  sub->add_option("--fail-on", c->fail_on,
                  "Exit 1 when a condition holds: failed, degraded, or e.g. "
                  "'cases.null:Income.status==failed', 'summary.failed>2'");
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

const GateAliases kChaosAliases = {
    {"failed", {"summary.failed>0"}},
    {"degraded", {"summary.failed>0", "summary.degraded>0"}},
};

// What the xgboost meta of an xgboost: spec says about the model, so the
// command needs no flag the meta already answers.
struct ModelMeta {
  std::string path;
  std::optional<double> threshold;
  std::optional<std::string> positive_label;
  std::vector<std::string> feature_columns;
};

Result<std::optional<ModelMeta>> ReadXgboostMeta(const std::string& spec) {
  if (spec.rfind("xgboost:", 0) != 0) return std::optional<ModelMeta>();
  const std::string rest = spec.substr(8);
  const size_t colon = rest.rfind(':');
  std::string meta_path;
  if (colon != std::string::npos) {
    meta_path = rest.substr(colon + 1);
  } else if (rest.size() > 5 && rest.compare(rest.size() - 5, 5, ".json") == 0) {
    meta_path = rest.substr(0, rest.size() - 5) + "_meta.json";
    if (!std::filesystem::exists(meta_path)) return std::optional<ModelMeta>();
  } else {
    return std::optional<ModelMeta>();
  }
  AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(meta_path, "model meta file"));
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return Status::ParseError(meta_path + ": not a JSON object");
  }
  ModelMeta meta;
  meta.path = meta_path;
  if (doc.contains("threshold") && doc["threshold"].is_number()) {
    meta.threshold = doc["threshold"].get<double>();
  }
  if (doc.contains("positive_label") && doc["positive_label"].is_string()) {
    meta.positive_label = doc["positive_label"].get<std::string>();
  }
  if (doc.contains("feature_columns") && doc["feature_columns"].is_array()) {
    for (const auto& f : doc["feature_columns"]) {
      if (f.is_string()) meta.feature_columns.push_back(f.get<std::string>());
    }
  }
  return std::optional<ModelMeta>(meta);
}

// The file an xgboost: spec loads, for its digest in the report.
std::string ModelFile(const std::string& spec) {
  if (spec.rfind("xgboost:", 0) != 0) return "";
  const std::string rest = spec.substr(8);
  return rest.substr(0, rest.rfind(':'));
}

std::string Num(std::optional<double> x) { return x ? fmt::format("{:.4g}", *x) : "-"; }

std::string SummaryText(const chaos::ChaosResult& r, const std::vector<GateOutcome>& gates) {
  using chaos::CaseStatus;
  std::string out = fmt::format("Model: {}\nData: {} ({} rows, {} task", r.model, r.data.path,
                                r.rows_used, r.task);
  if (r.task == "binary") {
    out += fmt::format(", positive '{}', threshold {:.4g}", r.positive_label, r.threshold);
  }
  out += ")\nBaseline:";
  for (const auto& [name, m] : r.baseline_metrics) out += fmt::format(" {} {}", name, Num(m.value));
  if (!r.baseline.answered || r.baseline.invalid_output) out += " NOT SERVED";
  out += "\n";
  out += fmt::format("Failure modes: {} tested, {} failed, {} degraded, {} handled -> {}\n",
                     r.summary.cases, r.summary.failed, r.summary.degraded, r.summary.handled,
                     chaos::CaseStatusName(r.summary.verdict));
  // The failed and degraded cases, at most kListed of each: the reports have them all.
  constexpr size_t kListed = 12;
  for (CaseStatus status : {CaseStatus::kFailed, CaseStatus::kDegraded}) {
    size_t shown = 0, total = 0;
    for (const chaos::ChaosCase& c : r.cases) {
      if (c.status != status) continue;
      if (++total > kListed) continue;
      ++shown;
      out += fmt::format("  {:<8} {:<28} {}\n", chaos::CaseStatusName(status), c.name, c.reason);
    }
    if (total > shown) {
      out += fmt::format("  ... and {} more {} (see --html / --json)\n", total - shown,
                         chaos::CaseStatusName(status));
    }
  }
  for (const chaos::SkippedFamily& s : r.skipped) {
    out += fmt::format("  skipped  {:<28} {}\n", chaos::FamilyName(s.family), s.reason);
  }
  for (const GateOutcome& g : gates) {
    out += fmt::format("Gate {:<40} {} (value {})\n", g.condition, g.held ? "FAILED" : "passed",
                       g.observed);
  }
  return out;
}

void CaseProgress(size_t done, size_t planned, std::string_view name) {
  static const bool tty = isatty(STDERR_FILENO);
  if (!tty) return;
  std::cerr << "\r\033[Kairm: case " << done << "/" << std::max(done, planned) << " " << name
            << std::flush;
}

// Flag values the options' own checks cannot name the flag of, or that a
// default would otherwise hide (--load-rate nan used to mean "no rate").
Status CheckChaosFlags(const ChaosCommand& c) {
  if (!std::isfinite(c.timeout) || c.timeout <= 0 || c.timeout > 86400) {
    return Status::InvalidArgument("--timeout must be a number of seconds in (0, 86400], not " +
                                   fmt::format("{}", c.timeout));
  }
  if (c.retries < 0 || c.retries > 100) {
    return Status::InvalidArgument("--retries must be in [0, 100], not " +
                                   std::to_string(c.retries));
  }
  if (c.batch_size == 0 || c.batch_size > (size_t{1} << 24)) {
    return Status::InvalidArgument("--batch-size must be in [1, 16777216], not " +
                                   std::to_string(c.batch_size));
  }
  if (!std::isfinite(c.threshold)) {
    return Status::InvalidArgument("--threshold must be a finite number, not " +
                                   fmt::format("{}", c.threshold));
  }
  if (c.load_rate_option->count() > 0 &&
      (!std::isfinite(c.load_rate) || c.load_rate <= 0 || c.load_rate > 1e6)) {
    return Status::InvalidArgument("--load-rate must be in (0, 1e6] requests per second, not " +
                                   fmt::format("{}", c.load_rate));
  }
  for (int level : c.load_levels) {
    if (level < 1 || level > 1024) {
      return Status::InvalidArgument("--load-levels must be concurrency levels in [1, 1024], not " +
                                     std::to_string(level));
    }
  }
  if (c.max_categories < 1 || c.max_categories > 1'000'000) {
    return Status::InvalidArgument("--max-categories must be in [1, 1000000], not " +
                                   std::to_string(c.max_categories));
  }
  const std::pair<const char*, uint64_t> limits[] = {
      {"--max-model-bytes", c.model_limits.max_bytes},
      {"--max-model-trees", c.model_limits.max_trees},
      {"--max-model-nodes", c.model_limits.max_nodes},
      {"--max-model-depth", c.model_limits.max_depth}};
  for (const auto& [flag, value] : limits) {
    if (value == 0) return Status::InvalidArgument(std::string(flag) + " must be at least 1");
  }
  return Status::Ok();
}

}  // namespace

int RunChaosCommand(const ChaosCommand& c, int argc, char** argv) {
  OutputSet outputs;
  outputs.Add("--json", c.json_path);
  outputs.Add("--html", c.html_path);
  outputs.Add("--junit", c.junit_path);
  Status s = outputs.Check();
  if (!s.ok()) return Fail(s);
  ReadOptions read_options;
  s = c.reader.ToReadOptions(&read_options);
  if (!s.ok()) return Fail(s);

  s = CheckChaosFlags(c);
  if (!s.ok()) return Fail(s);
  chaos::ChaosOptions options;
  options.target = c.target;
  options.batch_rows = c.batch_size;
  options.seed = c.seed;
  options.bootstrap = c.bootstrap;
  options.feature_columns = c.features;
  options.exclude_columns = c.exclude;
  if (!c.load_levels.empty()) options.load.concurrency_levels = c.load_levels;
  options.manipulation.max_categories = c.max_categories;
  if (c.load_rate_option->count() > 0) {
    chaos::RequestRate rate;
    rate.requests_per_second = c.load_rate;
    options.load.request_rate = rate;
  }

  auto meta = ReadXgboostMeta(c.model);
  if (!meta.ok()) return Fail(meta.status());
  options.threshold = c.threshold;
  if (c.threshold_option->count() == 0 && *meta && (*meta)->threshold) {
    options.threshold = *(*meta)->threshold;
  }
  if (c.positive_option->count() > 0) {
    options.positive_label = c.positive_label;
  } else if (*meta && (*meta)->positive_label) {
    options.positive_label = (*meta)->positive_label;
  }
  if (c.suite_option->count() > 0) {
    auto families = chaos::ParseSuiteList(c.suite);
    if (!families.ok()) return Fail(families.status());
    options.families = *families;
  } else if (!c.constraints.empty()) {
    options.families.push_back(chaos::Family::kManipulation);
  }
  std::string constraints_sha;
  if (!c.constraints.empty()) {
    // Read once, so a pipe works and the digest is of the bytes parsed.
    auto text = ReadSmallFile(c.constraints, "constraints file");
    if (!text.ok()) return Fail(text.status());
    auto constraints = chaos::ParseConstraints(*text, c.constraints);
    if (!constraints.ok()) return Fail(constraints.status());
    options.constraints = std::move(constraints).value();
    constraints_sha = Sha256Hex(*text);
  }

  InputInfo data_info;
  auto data = LoadTable(c.data, read_options, &data_info);
  if (!data.ok()) return Fail(data.status());
  if (!c.schema.empty()) {
    auto roles = LoadSchemaFile(c.schema);
    if (!roles.ok()) return Fail(roles.status());
    s = ApplyRoles(*roles, c.data, &*data);
    if (!s.ok()) return Fail(s);
    for (const auto* list :
         {&roles->prediction, &roles->score, &roles->id, &roles->timestamp, &roles->ignore}) {
      for (const std::string& name : *list) {
        if (name != c.target) options.exclude_columns.push_back(name);
      }
    }
  }
  // Without --features, an xgboost meta's feature list says what the model reads.
  if (options.feature_columns.empty() && *meta && !(*meta)->feature_columns.empty()) {
    for (const std::string& f : (*meta)->feature_columns) {
      if (data->FindColumn(f) && f != c.target) options.feature_columns.push_back(f);
    }
  }
  s = options.Validate();
  if (!s.ok()) return Fail(s);

  chaos::AdapterOptions adapter_options;
  adapter_options.timeout_seconds = c.timeout;
  adapter_options.retries = c.retries;
  adapter_options.max_batch_rows =
      static_cast<int>(std::min<size_t>(c.batch_size * options.big_batch_factor, 1u << 30));
  adapter_options.positive_label = options.positive_label;
  adapter_options.model_limits = c.model_limits;
  auto model = chaos::MakeModelAdapter(c.model, adapter_options);
  if (!model.ok()) return Fail(model.status());
  std::unique_ptr<chaos::ModelAdapter> fallback;
  if (!c.fallback.empty()) {
    auto made = chaos::MakeFallbackAdapter(c.fallback, adapter_options);
    if (!made.ok()) return Fail(made.status());
    fallback = std::move(made).value();
  }

  chaos::ChaosTargets targets;
  targets.model = model->get();
  targets.fallback = fallback.get();
  targets.model_spec = c.model;
  targets.adapter_options = adapter_options;
  Progress("testing " + (*model)->Describe());
  auto result = chaos::RunChaos(*data, targets, options, CaseProgress);
  if (isatty(STDERR_FILENO)) std::cerr << "\r\033[K";
  if (!result.ok()) return Fail(result.status());
  result->data = data_info;
  result->model_spec = c.model;
  if (const std::string file = ModelFile(c.model); !file.empty()) {
    auto digest = Sha256File(file);
    if (digest.ok()) result->model_sha256 = *digest;
  }
  result->fallback_spec = c.fallback;
  result->constraints_path = c.constraints;
  result->constraints_sha256 = constraints_sha;
  if (*meta) result->notes.push_back("model meta: " + (*meta)->path);

  const ReportMeta report_meta = MakeMeta(argc, argv);
  const std::string json = chaos::RenderChaosJson(*result, report_meta);
  std::vector<GateOutcome> gates;
  if (!c.fail_on.empty()) {
    auto g = EvaluateGates(c.fail_on, json, kChaosAliases);
    if (!g.ok()) return Fail(g.status());
    gates = std::move(g).value();
  }
  if (outputs.Wants("--json")) outputs.SetText("--json", json);
  if (outputs.Wants("--html")) {
    outputs.SetText("--html", chaos::RenderChaosHtml(*result, report_meta));
  }
  if (outputs.Wants("--junit")) {
    outputs.SetText("--junit", chaos::RenderChaosJUnit(*result, report_meta));
  }
  s = outputs.Commit();
  if (!s.ok()) return Fail(s);
  if (!outputs.WritesStdout()) std::cout << TerminalSafe(SummaryText(*result, gates));
  return AnyGateHeld(gates) ? kExitGateFailed : kExitOk;
}

}  // namespace airm::cli
