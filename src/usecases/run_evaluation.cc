#include "airm/usecases/run_evaluation.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "airm/schema.h"
#include "airm/usecases/load_input.h"
#include "airm/usecases/model_under_review.h"

namespace airm::usecases {

Status RunEvaluationOptions::Validate() const {
  if (data.empty() && data_in_memory.table == nullptr) {
    return Status::InvalidArgument("evaluate needs a data file");
  }
  if (data_in_memory.profile != nullptr || reference_in_memory.profile != nullptr) {
    return Status::InvalidArgument("evaluate needs rows, not a profile");
  }
  return ValidateEvalConfig(config);
}

namespace {

// Every column but the schema's ignore: ones is a candidate slice predicate
// and unusualness feature, so evaluate reads them all; the ignored ones it
// never uses are not read (Parquet skips their pages), unless a flag names
// one for another use.
ReadOptions ReadWithoutIgnored(const RunEvaluationOptions& options, const RoleAssignment& roles) {
  ReadOptions read = options.read;
  std::vector<std::string> used = roles.ColumnsWithRoles();
  for (const std::string* name :
       {&options.spec.target, &options.spec.score, &options.spec.prediction}) {
    used.push_back(*name);
  }
  used.insert(used.end(), options.config.segment_columns.begin(),
              options.config.segment_columns.end());
  used.insert(used.end(), options.config.sensitive_columns.begin(),
              options.config.sensitive_columns.end());
  for (const std::string& name : roles.ignore) {
    const bool is_used =
        std::find(used.begin(), used.end(), name) != used.end() ||
        (!options.spec.proba_prefix.empty() && name.starts_with(options.spec.proba_prefix));
    if (!is_used) read.skip_columns.push_back(name);
  }
  return read;
}

}  // namespace

Result<EvalResult> RunEvaluation(const RunEvaluationOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  std::optional<ModelUnderReview> model;
  if (!options.model.empty()) {
    AIRM_ASSIGN_OR_RETURN(model, ResolveModelUnderReview(options.model, options.store));
    if (!model->version) {
      return Status::InvalidArgument("evaluate --model takes a registered NAME@VERSION, not '" +
                                     options.model + "'");
    }
  }
  RoleAssignment roles;
  if (!options.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(options.schema_file));
  }
  const ReadOptions read = ReadWithoutIgnored(options, roles);
  InputInfo data_info;
  Table data_loaded;
  AIRM_ASSIGN_OR_RETURN(Table * data_table,
                        TableOfInput(options.data, options.data_in_memory, read, options.progress,
                                     &data_loaded, &data_info));
  Table& data = *data_table;
  const std::string& data_name = data_info.path;
  AIRM_RETURN_IF_ERROR(ApplyRoles(roles, data_name, &data));
  // The schema's segment: and sensitive: keys mean what --segment and
  // --sensitive mean; flags and file add up, each column once. ignore:
  // columns are left out of the slice search and the tail, as drift leaves
  // them out of its comparison.
  EvalConfig config = options.config;
  const auto add_missing = [](const std::vector<std::string>& from, std::vector<std::string>* to) {
    for (const std::string& column : from) {
      if (std::find(to->begin(), to->end(), column) == to->end()) to->push_back(column);
    }
  };
  add_missing(roles.segment, &config.segment_columns);
  add_missing(roles.sensitive, &config.sensitive_columns);
  add_missing(roles.ignore, &config.exclude_columns);
  Table reference_loaded;
  const Table* reference = nullptr;
  std::optional<InputInfo> reference_info;
  if (!options.reference.empty() || options.reference_in_memory.given()) {
    InputInfo info;
    AIRM_ASSIGN_OR_RETURN(reference,
                          TableOfInput(options.reference, options.reference_in_memory, read,
                                       options.progress, &reference_loaded, &info));
    reference_info = info;
  }
  if (options.progress) options.progress("evaluating " + std::to_string(data.num_rows()) + " rows");
  Result<EvalResult> analyzed = AnalyzeEvaluation(data, reference, options.spec, config);
  if (!analyzed.ok()) {
    // The analysis names columns and rows; the file is the use case's to say.
    const Status& e = analyzed.status();
    if (e.message().find(data_name) != std::string::npos) return e;
    return Status(e.code(), data_name + ": " + e.raw_message());
  }
  EvalResult result = std::move(analyzed).value();
  result.data = data_info;
  result.reference = reference_info;
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> reports,
                        WriteReports(options.write_reports, result));
  if (model) AIRM_RETURN_IF_ERROR(RecordEvaluationVerdict(*model, options.store, result, reports));
  return result;
}

}  // namespace airm::usecases
