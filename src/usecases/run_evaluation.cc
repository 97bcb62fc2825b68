#include "airm/usecases/run_evaluation.h"

#include <algorithm>
#include <optional>
#include <string>
#include <utility>

#include "airm/schema.h"
#include "airm/usecases/load_input.h"

namespace airm::usecases {

Status RunEvaluationOptions::Validate() const {
  if (data.empty()) return Status::InvalidArgument("evaluate needs a data file");
  return ValidateEvalConfig(config);
}

Result<EvalResult> RunEvaluation(const RunEvaluationOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  InputInfo data_info;
  AIRM_ASSIGN_OR_RETURN(Table data,
                        LoadInput(options.data, options.read, &data_info, options.progress));
  RoleAssignment roles;
  if (!options.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(options.schema_file));
  }
  AIRM_RETURN_IF_ERROR(ApplyRoles(roles, options.data, &data));
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
  std::optional<Table> reference;
  std::optional<InputInfo> reference_info;
  if (!options.reference.empty()) {
    InputInfo info;
    AIRM_ASSIGN_OR_RETURN(reference,
                          LoadInput(options.reference, options.read, &info, options.progress));
    reference_info = info;
  }
  if (options.progress) options.progress("evaluating " + std::to_string(data.num_rows()) + " rows");
  Result<EvalResult> analyzed =
      AnalyzeEvaluation(data, reference ? &*reference : nullptr, options.spec, config);
  if (!analyzed.ok()) {
    // The analysis names columns and rows; the file is the use case's to say.
    const Status& e = analyzed.status();
    if (e.message().find(options.data) != std::string::npos) return e;
    return Status(e.code(), options.data + ": " + e.message());
  }
  EvalResult result = std::move(analyzed).value();
  result.data = data_info;
  result.reference = reference_info;
  return result;
}

}  // namespace airm::usecases
