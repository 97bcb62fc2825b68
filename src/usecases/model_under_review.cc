#include "airm/usecases/model_under_review.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/xgboost_importance.h"
#include "airm/model_usage.h"
#include "airm/out_of_scope.h"
#include "airm/report/format.h"
#include "airm/report/metric_names.h"
#include "airm/store/model_results.h"
#include "airm/store/models.h"
#include "airm/store/reference.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {
namespace {

constexpr std::string_view kXgboostPrefix = "xgboost:";

// The registered artifact's file: its absolute path when it still exists,
// else the path as given at registration.
std::string ArtifactFile(const store::ModelVersion& v) {
  std::error_code error;
  if (v.artifact_abs_path && std::filesystem::is_regular_file(*v.artifact_abs_path, error)) {
    return *v.artifact_abs_path;
  }
  return v.artifact_path.value_or("");
}

Status Record(const ModelUnderReview& model, const store::LocateOptions& where,
              store::ModelResult result) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(where));
  result.model_version_id = model.version->id;
  return store::RecordModelResult(*opened.db, result).status();
}

// `details` with the report files added under "reports" (when any), as the
// row's details_json; nothing when both are empty.
std::optional<std::string> DetailsJson(nlohmann::json details,
                                       const std::vector<std::string>& reports) {
  if (!reports.empty()) details["reports"] = reports;
  if (details.empty()) return std::nullopt;
  return details.dump();
}

std::optional<std::string> Digest(const InputInfo& info) {
  if (info.sha256.empty()) return std::nullopt;
  return "sha256:" + info.sha256;
}

// fail / warn / pass from the worst of `findings` whose code starts with
// `prefix` ("" = every finding).
std::string WorstStatus(const std::vector<Finding>& findings, std::string_view prefix) {
  std::string status = "pass";
  for (const Finding& f : findings) {
    if (f.code.rfind(prefix, 0) != 0) continue;
    if (f.severity == Severity::kFail) return "fail";
    if (f.severity == Severity::kWarn) status = "warn";
  }
  return status;
}

}  // namespace

Result<ModelUnderReview> ResolveModelUnderReview(const std::string& spec,
                                                 const store::LocateOptions& where) {
  ModelUnderReview model{.spec = spec};
  if (spec.rfind(kXgboostPrefix, 0) == 0) {
    model.xgboost_path = spec.substr(kXgboostPrefix.size());
    if (model.xgboost_path.empty()) {
      return Status::InvalidArgument("--model xgboost: needs a model file after the colon");
    }
    return model;
  }
  if (spec.find('@') == std::string::npos) {
    return Status::InvalidArgument("--model '" + spec +
                                   "' is neither xgboost:FILE nor a registered NAME@VERSION");
  }
  AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(spec));
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(where));
  AIRM_ASSIGN_OR_RETURN(store::ModelVersion version, store::ResolveModelVersion(*opened.db, ref));
  model.xgboost_path = ArtifactFile(version);
  model.version = std::move(version);
  return model;
}

std::vector<ScopeRange> ScopeRangesOf(const ModelUnderReview& model) {
  std::vector<ScopeRange> out;
  if (!model.version || !model.version->card_json) return out;
  // Written by `airm model register --card` (store/model_inputs.cc), which
  // checked the types; anything else is skipped rather than trusted.
  const nlohmann::json card = nlohmann::json::parse(*model.version->card_json, nullptr, false);
  if (!card.is_object() || !card.contains("considerations") ||
      !card["considerations"].is_object()) {
    return out;
  }
  const nlohmann::json& considerations = card["considerations"];
  if (!considerations.contains("out_of_scope_uses")) return out;
  const nlohmann::json& uses = considerations["out_of_scope_uses"];
  if (!uses.is_array()) return out;
  for (const nlohmann::json& use : uses) {
    if (!use.is_object() || !use.contains("column") || !use["column"].is_string()) continue;
    ScopeRange range;
    if (use.contains("description") && use["description"].is_string()) {
      range.description = use["description"].get<std::string>();
    }
    range.column = use["column"].get<std::string>();
    if (use.contains("above") && use["above"].is_number()) range.above = use["above"].get<double>();
    if (use.contains("below") && use["below"].is_number()) range.below = use["below"].get<double>();
    if (use.contains("values") && use["values"].is_array()) {
      for (const nlohmann::json& v : use["values"]) {
        if (v.is_string()) range.values.push_back(v.get<std::string>());
      }
    }
    if (range.above || range.below || !range.values.empty()) out.push_back(std::move(range));
  }
  return out;
}

Status AttachModelImportance(const ModelUnderReview& model, const chaos::ModelFileLimits& limits,
                             DriftResult* result) {
  Result<std::vector<chaos::XgboostFeatureImportance>> read =
      model.xgboost_path.empty() ? Result<std::vector<chaos::XgboostFeatureImportance>>(
                                       Status::NotFound("no artifact path was registered"))
                                 : chaos::ReadXgboostFeatureImportance(model.xgboost_path, limits);
  if (!read.ok()) {
    if (!model.version) return read.status();
    Finding f = MakeFinding(Severity::kInfo, "drift.model_importance_unknown", "model",
                            "How much " + model.version->Ref() +
                                " uses each column is unknown: its artifact is not a readable "
                                "XGBoost model (" +
                                read.status().message() + ").");
    result->findings.push_back(std::move(f));
    return Status::Ok();
  }
  std::vector<ModelFeatureScore> scores;
  for (const chaos::XgboostFeatureImportance& f : *read) {
    scores.push_back({f.feature, f.total_gain, f.splits});
  }
  const std::string file = "xgboost:" + model.xgboost_path;
  AttachModelUsage(model.version ? model.version->Ref() + " (" + file + ")" : file, scores, result);
  return Status::Ok();
}

Status RecordDriftVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                          const DriftResult& r, const std::vector<std::string>& reports) {
  if (!model.version) return Status::Ok();
  store::ModelResult result{.kind = "drift"};
  const uint64_t tested = r.input_verdict.columns_tested + r.output_verdict.columns_tested;
  const uint64_t drifted = r.input_verdict.columns_drifted + r.output_verdict.columns_drifted;
  if (tested == 0) {
    result.status = "undefined";
  } else if (r.input_verdict.drifted || r.output_verdict.drifted) {
    result.status = "fail";
  } else if (drifted > 0 || (r.quality_status && *r.quality_status != CheckStatus::kPass)) {
    result.status = "warn";
  } else {
    result.status = "pass";
  }
  result.summary = "Inputs: " + r.input_verdict.summary;
  if (!r.output_columns.empty()) result.summary += " Outputs: " + r.output_verdict.summary;
  nlohmann::json scope = nlohmann::json::array();
  for (const ScopeRangeShare& s : r.out_of_scope) {
    scope.push_back({{"description", s.range.description},
                     {"condition", ScopeConditionText(s.range)},
                     {"rows_inside", s.rows_inside},
                     {"rows_known", s.rows_known},
                     {"share", s.share ? nlohmann::json(*s.share) : nlohmann::json(nullptr)},
                     {"note", s.note}});
    if (s.rows_inside > 0 && s.share) {
      // A share estimated from sketches carries its interval in the note.
      result.summary += " " + report::FormatShare(*s.share) +
                        " of current rows fall in a use the card rules out (" +
                        ScopeConditionText(s.range) + (s.note.empty() ? "" : "; " + s.note) + ").";
      if (result.status == "pass") result.status = "warn";
    }
  }
  nlohmann::json details = nlohmann::json::object();
  if (!scope.empty()) details["out_of_scope"] = std::move(scope);
  result.details_json = DetailsJson(std::move(details), reports);
  result.data_path = r.current.path;
  result.data_digest = Digest(r.current);
  return Record(model, where, std::move(result));
}

Status RecordEvaluationVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                               const EvalResult& r, const std::vector<std::string>& reports) {
  if (!model.version) return Status::Ok();
  size_t fail = 0, warn = 0;
  for (const Finding& f : r.findings) {
    fail += f.severity == Severity::kFail;
    warn += f.severity == Severity::kWarn;
  }
  std::string headline;
  for (const char* name : {"roc_auc", "accuracy", "rmse", "mae"}) {
    auto it = r.metrics.find(name);
    if (it == r.metrics.end() || !it->second.value) continue;
    headline =
        " " + report::MetricLabel(name) + " " + report::FormatNumber(*it->second.value) + ".";
    break;
  }
  store::ModelResult evaluation{.kind = "evaluation", .status = WorstStatus(r.findings, "")};
  const auto count = [](size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  evaluation.summary = (fail + warn == 0 ? std::string("No finding needs attention")
                                         : count(fail, "failed check", "failed checks") + " and " +
                                               count(warn, "warning", "warnings")) +
                       " on " + std::to_string(r.rows_used) + " rows." + headline;
  evaluation.data_path = r.data.path;
  evaluation.data_digest = Digest(r.data);
  evaluation.details_json = DetailsJson(nlohmann::json::object(), reports);
  AIRM_RETURN_IF_ERROR(Record(model, where, evaluation));
  if (r.fairness.empty()) return Status::Ok();
  store::ModelResult fairness{.kind = "fairness",
                              .status = WorstStatus(r.findings, "eval.fairness."),
                              .data_path = evaluation.data_path,
                              .data_digest = evaluation.data_digest,
                              .details_json = evaluation.details_json};
  for (const Finding& f : r.findings) {
    if (f.code.rfind("eval.fairness.", 0) != 0 || f.severity == Severity::kInfo) continue;
    fairness.summary += (fairness.summary.empty() ? "" : " ") + f.message + ".";
  }
  if (fairness.summary.empty()) {
    std::string attributes;
    for (const FairnessResult& f : r.fairness) {
      attributes += (attributes.empty() ? "" : ", ") + f.attribute;
    }
    fairness.summary = "No disparity found across the groups of " + attributes + ".";
  }
  return Record(model, where, std::move(fairness));
}

Status RecordChaosVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                          const chaos::ChaosResult& r, const std::vector<std::string>& reports) {
  if (!model.version) return Status::Ok();
  using chaos::CaseStatus;
  const chaos::ChaosSummary& s = r.summary;
  const bool served = chaos::Served(r.baseline);
  store::ModelResult result{.kind = "chaos"};
  if (!served || s.failed > 0) {
    result.status = "fail";
  } else if (s.degraded > 0) {
    result.status = "warn";
  } else if (s.cases == 0) {
    result.status = "undefined";
  } else {
    result.status = "pass";
  }
  const auto count = [](uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  result.summary = count(s.cases, "failure mode", "failure modes") +
                   " tested: " + std::to_string(s.failed) + " failed, " +
                   std::to_string(s.degraded) + " degraded, " + std::to_string(s.handled) +
                   " handled.";
  if (!served) {
    result.summary +=
        " The unperturbed data was not served (" + chaos::DescribeFailure(r.baseline) + ").";
  }
  // The first failed cases by name: what the card's reader looks up in the report.
  constexpr size_t kNamed = 10;
  nlohmann::json failed_cases = nlohmann::json::array();
  std::string named;
  for (const chaos::ChaosCase& c : r.cases) {
    if (c.status != CaseStatus::kFailed || failed_cases.size() == kNamed) continue;
    failed_cases.push_back(c.name);
    if (failed_cases.size() <= 3) named += (named.empty() ? "" : ", ") + c.name;
  }
  if (!named.empty()) {
    result.summary += " Failed: " + named + (s.failed > 3 ? " and more." : ".");
  }
  nlohmann::json families = nlohmann::json::array();
  for (const chaos::FamilySummary& f : s.by_family) {
    families.push_back({{"family", chaos::FamilyName(f.family)},
                        {"failed", f.failed},
                        {"degraded", f.degraded},
                        {"handled", f.handled}});
  }
  result.details_json = DetailsJson({{"cases", s.cases},
                                     {"failed", s.failed},
                                     {"degraded", s.degraded},
                                     {"handled", s.handled},
                                     {"families", std::move(families)},
                                     {"failed_cases", std::move(failed_cases)},
                                     {"model_spec", r.model_spec},
                                     {"model_sha256", r.model_sha256}},
                                    reports);
  result.data_path = r.data.path;
  result.data_digest = Digest(r.data);
  return Record(model, where, std::move(result));
}

}  // namespace airm::usecases
