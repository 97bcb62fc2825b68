#include "airm/usecases/run_chaos.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "airm/chaos/constraints.h"
#include "airm/schema.h"
#include "airm/sha256.h"
#include "airm/small_file.h"
#include "airm/usecases/load_input.h"
#include "airm/usecases/model_under_review.h"

namespace airm::usecases {
namespace {

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

// The suite's options from the use case's, with the meta filling what the
// caller left unset.
Result<chaos::ChaosOptions> SuiteOptions(const RunChaosOptions& o,
                                         const std::optional<ModelMeta>& meta) {
  chaos::ChaosOptions options;
  options.target = o.target;
  options.batch_rows = o.batch_rows;
  options.seed = o.seed;
  options.bootstrap = o.bootstrap;
  options.feature_columns = o.features;
  options.exclude_columns = o.exclude;
  if (!o.load_levels.empty()) options.load.concurrency_levels = o.load_levels;
  options.manipulation.max_categories = o.max_categories;
  if (o.load_rate) {
    chaos::RequestRate rate;
    rate.requests_per_second = *o.load_rate;
    options.load.request_rate = rate;
  }
  if (o.threshold) {
    options.threshold = *o.threshold;
  } else if (meta && meta->threshold) {
    options.threshold = *meta->threshold;
  }
  if (o.positive_label) {
    options.positive_label = o.positive_label;
  } else if (meta && meta->positive_label) {
    options.positive_label = meta->positive_label;
  }
  if (o.suite) {
    AIRM_ASSIGN_OR_RETURN(options.families, chaos::ParseSuiteList(*o.suite));
  } else if (!o.constraints_file.empty()) {
    options.families.push_back(chaos::Family::kManipulation);
  }
  return options;
}

// The registered version a run is about: --model NAME@VERSION (run
// in-process from its XGBoost artifact: *spec becomes xgboost:FILE) or
// --model-version NAME@VERSION beside a served model's spec.
Result<std::optional<ModelUnderReview>> VersionUnderTest(const RunChaosOptions& o,
                                                         std::string* spec) {
  // Every other spec has a scheme or prefix with a colon (http:, kserve:, cmd:, xgboost:).
  const bool model_is_reference = o.model_adapter == nullptr &&
                                  o.model.find('@') != std::string::npos &&
                                  o.model.find(':') == std::string::npos;
  if (!model_is_reference && o.model_version.empty()) return std::optional<ModelUnderReview>();
  if (model_is_reference && !o.model_version.empty() && o.model_version != o.model) {
    return Status::InvalidArgument("--model " + o.model + " and --model-version " +
                                   o.model_version + " name two different versions");
  }
  const std::string& reference = model_is_reference ? o.model : o.model_version;
  if (reference.find('@') == std::string::npos) {
    return Status::InvalidArgument("--model-version takes a registered NAME@VERSION, not '" +
                                   reference + "'");
  }
  AIRM_ASSIGN_OR_RETURN(ModelUnderReview model, ResolveModelUnderReview(reference, o.store));
  if (model_is_reference) {
    if (model.xgboost_path.empty()) {
      return Status::InvalidArgument(
          "--model " + reference +
          ": the version has no artifact file to run in-process; give the spec of the service "
          "that serves it as --model and the version as --model-version");
    }
    *spec = "xgboost:" + model.xgboost_path;
  }
  return std::optional<ModelUnderReview>(std::move(model));
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& ChaosGateAliases() {
  static const auto* const kAliases = new std::map<std::string, std::vector<std::string>>{
      {"failed", {"summary.failed>0"}},
      {"degraded", {"summary.failed>0", "summary.degraded>0"}},
  };
  return *kAliases;
}

Status RunChaosOptions::Validate() const {
  if (model.empty() || (data.empty() && data_in_memory.table == nullptr) || target.empty()) {
    return Status::InvalidArgument("chaos needs " + OptionRef("model") + ", " + OptionRef("data") +
                                   " and " + OptionRef("target"));
  }
  if (data_in_memory.profile != nullptr) {
    return Status::InvalidArgument("chaos needs rows to send to the model, not a profile");
  }
  if (!std::isfinite(timeout_seconds) || timeout_seconds <= 0 || timeout_seconds > 86400) {
    return Status::InvalidArgument(OptionRef("timeout") +
                                   " must be a number of seconds in (0, 86400], not " +
                                   fmt::format("{}", timeout_seconds));
  }
  if (retries < 0 || retries > 100) {
    return Status::InvalidArgument(OptionRef("retries") + " must be in [0, 100], not " +
                                   std::to_string(retries));
  }
  if (batch_rows == 0 || batch_rows > (size_t{1} << 24)) {
    return Status::InvalidArgument(OptionRef("batch-size") + " must be in [1, 16777216], not " +
                                   std::to_string(batch_rows));
  }
  if (threshold && !std::isfinite(*threshold)) {
    return Status::InvalidArgument(OptionRef("threshold") + " must be a finite number, not " +
                                   fmt::format("{}", *threshold));
  }
  if (load_rate && (!std::isfinite(*load_rate) || *load_rate <= 0 || *load_rate > 1e6)) {
    return Status::InvalidArgument(OptionRef("load-rate") +
                                   " must be in (0, 1e6] requests per second, not " +
                                   fmt::format("{}", *load_rate));
  }
  for (int level : load_levels) {
    if (level < 1 || level > 1024) {
      return Status::InvalidArgument(OptionRef("load-levels") +
                                     " must be concurrency levels in [1, 1024], not " +
                                     std::to_string(level));
    }
  }
  if (max_categories < 1 || max_categories > 1'000'000) {
    return Status::InvalidArgument(OptionRef("max-categories") + " must be in [1, 1000000], not " +
                                   std::to_string(max_categories));
  }
  const std::pair<const char*, uint64_t> limits[] = {{"max-model-bytes", model_limits.max_bytes},
                                                     {"max-model-trees", model_limits.max_trees},
                                                     {"max-model-nodes", model_limits.max_nodes},
                                                     {"max-model-depth", model_limits.max_depth}};
  for (const auto& [option, value] : limits) {
    if (value == 0) return Status::InvalidArgument(OptionRef(option) + " must be at least 1");
  }
  return Status::Ok();
}

Result<chaos::ChaosResult> RunChaos(const RunChaosOptions& o) {
  AIRM_RETURN_IF_ERROR(o.Validate());
  std::string spec = o.model;
  AIRM_ASSIGN_OR_RETURN(std::optional<ModelUnderReview> version, VersionUnderTest(o, &spec));
  std::optional<ModelMeta> meta;
  if (o.model_adapter == nullptr) {
    AIRM_ASSIGN_OR_RETURN(meta, ReadXgboostMeta(spec));
  }
  AIRM_ASSIGN_OR_RETURN(chaos::ChaosOptions options, SuiteOptions(o, meta));
  std::string constraints_sha;
  if (!o.constraints_file.empty()) {
    // Read once, so a pipe works and the digest is of the bytes parsed.
    AIRM_ASSIGN_OR_RETURN(std::string text, ReadSmallFile(o.constraints_file, "constraints file"));
    AIRM_ASSIGN_OR_RETURN(options.constraints, chaos::ParseConstraints(text, o.constraints_file));
    constraints_sha = Sha256Hex(text);
  }

  InputInfo data_info;
  Table loaded;
  AIRM_ASSIGN_OR_RETURN(Table * table, TableOfInput(o.data, o.data_in_memory, o.read, o.progress,
                                                    &loaded, &data_info));
  Table& data = *table;
  if (!o.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(RoleAssignment roles, LoadSchemaFile(o.schema_file));
    AIRM_RETURN_IF_ERROR(ApplyRoles(roles, data_info.path, &data));
    for (const auto* list :
         {&roles.prediction, &roles.score, &roles.id, &roles.timestamp, &roles.ignore}) {
      for (const std::string& name : *list) {
        if (name != o.target) options.exclude_columns.push_back(name);
      }
    }
  }
  // Without features named, an xgboost meta's feature list says what the model reads.
  if (options.feature_columns.empty() && meta) {
    for (const std::string& f : meta->feature_columns) {
      if (data.FindColumn(f) && f != o.target) options.feature_columns.push_back(f);
    }
  }
  AIRM_RETURN_IF_ERROR(options.Validate());

  chaos::AdapterOptions adapter_options;
  adapter_options.timeout_seconds = o.timeout_seconds;
  adapter_options.retries = o.retries;
  adapter_options.max_batch_rows =
      static_cast<int>(std::min<size_t>(o.batch_rows * options.big_batch_factor, 1u << 30));
  adapter_options.positive_label = options.positive_label;
  adapter_options.model_limits = o.model_limits;
  std::unique_ptr<chaos::ModelAdapter> made;
  chaos::ModelAdapter* model = o.model_adapter;
  if (model == nullptr) {
    AIRM_ASSIGN_OR_RETURN(made, chaos::MakeModelAdapter(spec, adapter_options));
    model = made.get();
  }
  std::unique_ptr<chaos::ModelAdapter> fallback;
  if (!o.fallback.empty()) {
    AIRM_ASSIGN_OR_RETURN(fallback, chaos::MakeFallbackAdapter(o.fallback, adapter_options));
  }

  chaos::ChaosTargets targets;
  targets.model = model;
  targets.fallback = fallback.get();
  targets.model_spec = spec;
  targets.adapter_options = adapter_options;
  if (o.progress) o.progress("testing " + model->Describe());
  AIRM_ASSIGN_OR_RETURN(chaos::ChaosResult result,
                        chaos::RunChaos(data, targets, options, o.case_progress));
  result.data = data_info;
  result.model_spec = spec;
  if (const std::string file = o.model_adapter ? "" : ModelFile(spec); !file.empty()) {
    // The adapter read the file already; a digest that fails now leaves it empty.
    auto digest = Sha256File(file);
    if (digest.ok()) result.model_sha256 = *digest;
  }
  result.fallback_spec = o.fallback;
  result.constraints_path = o.constraints_file;
  result.constraints_sha256 = constraints_sha;
  if (meta) result.notes.push_back("model meta: " + meta->path);
  if (version) result.notes.push_back("registered version: " + version->version->Ref());
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> reports, WriteReports(o.write_reports, result));
  if (version) AIRM_RETURN_IF_ERROR(RecordChaosVerdict(*version, o.store, result, reports));
  return result;
}

}  // namespace airm::usecases
