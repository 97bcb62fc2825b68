#include "airm/usecases/run_drift.h"

#include "airm/usecases/load_input.h"

namespace airm::usecases {

Status RunDriftOptions::Validate() const {
  if (reference.empty() || current.empty()) {
    return Status::InvalidArgument("drift needs --reference and --current");
  }
  return ValidateDriftConfig(config);
}

Result<DriftResult> RunDrift(const RunDriftOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  RoleAssignment roles;
  if (!options.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(options.schema_file));
  }
  roles.MergeFrom(options.roles);
  DriftConfig config = options.config;
  config.exclude.insert(config.exclude.end(), roles.ignore.begin(), roles.ignore.end());
  AIRM_RETURN_IF_ERROR(ValidateDriftConfig(config));

  InputInfo ref_info, cur_info;
  AIRM_ASSIGN_OR_RETURN(Table reference,
                        LoadInput(options.reference, options.read, &ref_info, options.progress));
  AIRM_ASSIGN_OR_RETURN(Table current,
                        LoadInput(options.current, options.read, &cur_info, options.progress));
  // Roles name reference columns; the current batch may lack some, which is
  // a finding of the report, so only the reference must have them.
  AIRM_RETURN_IF_ERROR(ApplyRoles(roles, "the reference " + options.reference, &reference));
  for (size_t i = 0; i < reference.num_columns(); ++i) {
    auto j = current.FindColumn(reference.column(i).name());
    if (j) current.set_role(*j, reference.role(i));
  }

  if (options.progress) {
    options.progress("comparing " + std::to_string(reference.num_columns()) + " columns");
  }
  AIRM_ASSIGN_OR_RETURN(
      DriftResult result,
      AnalyzeDrift(reference, current, config,
                   options.thresholds.empty() ? DefaultQualityThresholds() : options.thresholds));
  result.reference = ref_info;
  result.current = cur_info;
  return result;
}

}  // namespace airm::usecases
