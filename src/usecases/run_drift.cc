#include "airm/usecases/run_drift.h"

#include "airm/out_of_scope.h"
#include "airm/profile_drift.h"
#include "airm/usecases/load_input.h"
#include "airm/usecases/model_under_review.h"
#include "airm/usecases/run_profile.h"
#include "airm/usecases/saved_profile.h"

namespace airm::usecases {
namespace {

// Sets the roles named in `roles` on a profile's columns, with ApplyRoles'
// rules and messages (on an empty table of the same columns); roles the
// profile was saved with stay unless a flag names the column.
Status ApplyRolesToProfile(const RoleAssignment& roles, const std::string& source,
                           Profile* profile) {
  std::vector<Column> columns;
  for (const ColumnProfile& c : profile->columns) {
    columns.push_back(c.type == DataType::kTimestamp ? Column::Timestamp(c.name, {}, {})
                                                     : Column::Float64(c.name, {}, {}));
  }
  AIRM_ASSIGN_OR_RETURN(Table table, Table::Make(std::move(columns)));
  AIRM_RETURN_IF_ERROR(ApplyRoles(roles, source, &table));
  for (size_t i = 0; i < table.num_columns(); ++i) {
    if (table.role(i) != ColumnRole::kFeature) profile->columns[i].role = table.role(i);
  }
  return Status::Ok();
}

// The name of a side in messages: its path, or the face's name for it.
const std::string& SideName(const std::string& path, const InMemoryInput& in_memory) {
  return in_memory.given() ? in_memory.info.path : path;
}

// A saved profile (in memory or a file) as is, or data profiled in chunks.
Result<Profile> ProfileOfInput(const std::string& path, const InMemoryInput& in_memory,
                               const RunDriftOptions& options, InputInfo* info) {
  if (in_memory.profile != nullptr) {
    *info = in_memory.info;
    info->rows = in_memory.profile->num_rows;
    info->columns = in_memory.profile->columns.size();
    return *in_memory.profile;
  }
  if (in_memory.table != nullptr) {
    if (options.progress) options.progress("profiling " + in_memory.info.path);
    *info = in_memory.info;
    info->rows = in_memory.table->num_rows();
    info->columns = in_memory.table->num_columns();
    AIRM_ASSIGN_OR_RETURN(ProfileBuilder builder, ProfileBuilder::Make(options.sketch_profile));
    AIRM_RETURN_IF_ERROR(builder.Add(*in_memory.table));
    return builder.Finish();
  }
  if (IsSavedProfile(path)) {
    if (options.progress) options.progress("reading the saved profile " + path);
    return ReadSavedProfile(path, info);
  }
  if (options.progress) options.progress("profiling " + path + " in chunks");
  return ProfileFileInChunks(path, options.read, options.sketch_profile, info);
}

Result<DriftResult> RunSketchDrift(const RunDriftOptions& options, const RoleAssignment& roles,
                                   const DriftConfig& config) {
  InputInfo ref_info, cur_info;
  AIRM_ASSIGN_OR_RETURN(
      Profile reference,
      ProfileOfInput(options.reference, options.reference_in_memory, options, &ref_info));
  AIRM_ASSIGN_OR_RETURN(Profile current, ProfileOfInput(options.current, options.current_in_memory,
                                                        options, &cur_info));
  // Roles name reference columns (CompareProfiles reads them there).
  AIRM_RETURN_IF_ERROR(ApplyRolesToProfile(
      roles, "the reference " + SideName(options.reference, options.reference_in_memory),
      &reference));
  if (options.progress) {
    options.progress("comparing the sketches of " + std::to_string(reference.columns.size()) +
                     " columns");
  }
  AIRM_ASSIGN_OR_RETURN(DriftResult result, CompareProfiles(reference, current, config));
  result.reference = ref_info;
  result.current = cur_info;
  return result;
}

}  // namespace

const std::map<std::string, std::vector<std::string>>& DriftGateAliases() {
  static const auto* const kAliases = new std::map<std::string, std::vector<std::string>>{
      {"drift", {"verdict.input_drift.drifted", "verdict.output_drift.drifted"}},
      {"quality", {"verdict.quality==fail"}},
      {"any",
       {"verdict.input_drift.drifted", "verdict.output_drift.drifted", "verdict.quality==fail"}},
  };
  return *kAliases;
}

Status RunDriftOptions::Validate() const {
  if ((reference.empty() && !reference_in_memory.given()) ||
      (current.empty() && !current_in_memory.given())) {
    return Status::InvalidArgument("drift needs --reference and --current");
  }
  AIRM_RETURN_IF_ERROR(sketch_profile.Validate());
  return ValidateDriftConfig(config);
}

namespace {

// Importance beside each column, and the verdict recorded with a registered
// version.
Result<DriftResult> FinishForModel(const std::optional<ModelUnderReview>& model,
                                   const RunDriftOptions& options, DriftResult result) {
  if (!model) return result;
  AIRM_RETURN_IF_ERROR(AttachModelImportance(*model, options.model_limits, &result));
  AIRM_RETURN_IF_ERROR(RecordDriftVerdict(*model, options.store, result));
  return result;
}

// `scope`: the card's out-of-scope ranges, measured on the current rows.
Result<DriftResult> AnalyzeInputs(const RunDriftOptions& options,
                                  const std::vector<ScopeRange>& scope) {
  RoleAssignment roles;
  if (!options.schema_file.empty()) {
    AIRM_ASSIGN_OR_RETURN(roles, LoadSchemaFile(options.schema_file));
  }
  roles.MergeFrom(options.roles);
  DriftConfig config = options.config;
  config.exclude.insert(config.exclude.end(), roles.ignore.begin(), roles.ignore.end());
  AIRM_RETURN_IF_ERROR(ValidateDriftConfig(config));
  const auto is_profile = [](const std::string& path, const InMemoryInput& in_memory) {
    return in_memory.profile != nullptr || (!in_memory.given() && IsSavedProfile(path));
  };
  if (options.sketch || is_profile(options.reference, options.reference_in_memory) ||
      is_profile(options.current, options.current_in_memory)) {
    AIRM_ASSIGN_OR_RETURN(DriftResult result, RunSketchDrift(options, roles, config));
    for (const ScopeRange& range : scope) {
      ScopeRangeShare share;
      share.range = range;
      share.note = "compared from sketches: the rows were not kept";
      result.out_of_scope.push_back(std::move(share));
    }
    return result;
  }

  InputInfo ref_info, cur_info;
  Table ref_loaded, cur_loaded;
  AIRM_ASSIGN_OR_RETURN(Table * reference_table,
                        TableOfInput(options.reference, options.reference_in_memory, options.read,
                                     options.progress, &ref_loaded, &ref_info));
  AIRM_ASSIGN_OR_RETURN(Table * current_table,
                        TableOfInput(options.current, options.current_in_memory, options.read,
                                     options.progress, &cur_loaded, &cur_info));
  Table& reference = *reference_table;
  Table& current = *current_table;
  // Roles name reference columns; the current batch may lack some, which is
  // a finding of the report, so only the reference must have them.
  AIRM_RETURN_IF_ERROR(
      ApplyRoles(roles, "the reference " + SideName(options.reference, options.reference_in_memory),
                 &reference));
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
  if (!scope.empty()) AddScopeFindings(MeasureScopeRanges(current, scope), &result);
  return result;
}

}  // namespace

Result<DriftResult> RunDrift(const RunDriftOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  std::optional<ModelUnderReview> model;
  if (!options.model.empty()) {
    AIRM_ASSIGN_OR_RETURN(model, ResolveModelUnderReview(options.model, options.store));
  }
  AIRM_ASSIGN_OR_RETURN(
      DriftResult result,
      AnalyzeInputs(options, model ? ScopeRangesOf(*model) : std::vector<ScopeRange>{}));
  return FinishForModel(model, options, std::move(result));
}

}  // namespace airm::usecases
