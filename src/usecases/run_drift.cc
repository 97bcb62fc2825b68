#include "airm/usecases/run_drift.h"

#include <algorithm>
#include <mutex>
#include <optional>
#include <string_view>

#include "airm/out_of_scope.h"
#include "airm/parallel_for.h"
#include "airm/profile_drift.h"
#include "airm/reader.h"
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

// The read of a drift whose --columns narrow it: those columns and the ones
// the roles name, from both sides, with the reference's absent names left to
// the analysis (a usage error naming the flag) and the current batch's too
// (a finding). `read` as given when --columns is empty.
ReadOptions NarrowedRead(const ReadOptions& read, const RoleAssignment& roles,
                         const DriftConfig& config) {
  ReadOptions narrowed = read;
  if (config.columns.empty()) return narrowed;
  narrowed.columns = config.columns;
  for (const std::string& name : roles.ColumnsWithRoles()) {
    if (std::find(narrowed.columns.begin(), narrowed.columns.end(), name) ==
        narrowed.columns.end()) {
      narrowed.columns.push_back(name);
    }
  }
  narrowed.missing_columns = ReadOptions::MissingColumns::kSkip;
  return narrowed;
}

// A saved or in-memory profile narrowed as `read` narrows a file: the
// selected columns it has, in the selection's order.
void NarrowProfile(const ReadOptions& read, Profile* profile) {
  if (read.columns.empty()) return;
  std::vector<ColumnProfile> kept;
  for (const std::string& name : read.columns) {
    for (ColumnProfile& c : profile->columns) {
      if (c.name == name) kept.push_back(std::move(c));
    }
  }
  profile->columns = std::move(kept);
}

// The name of a side in messages: its path, or the face's name for it.
const std::string& SideName(const std::string& path, const InMemoryInput& in_memory) {
  return in_memory.given() ? in_memory.info.path : path;
}

// TableOfInput, with a table given in memory narrowed as `read` narrows a
// file (into *loaded).
Result<Table*> NarrowedTableOfInput(const std::string& path, const InMemoryInput& in_memory,
                                    const ReadOptions& read, const ProgressFn& progress,
                                    Table* loaded, InputInfo* info) {
  AIRM_ASSIGN_OR_RETURN(Table * table, TableOfInput(path, in_memory, read, progress, loaded, info));
  if (table == loaded || read.columns.empty()) return table;
  AIRM_ASSIGN_OR_RETURN(*loaded, SelectTableColumns(info->path, *table, read));
  info->columns = loaded->num_columns();
  return loaded;
}

// A saved profile (in memory or a file), or data profiled in chunks. `read`
// narrows data files and is applied to profiles and tables given whole, so
// every kind of input yields the same columns.
Result<Profile> ProfileOfInput(const std::string& path, const InMemoryInput& in_memory,
                               const RunDriftOptions& options, const ReadOptions& read,
                               InputInfo* info) {
  Profile profile;
  if (in_memory.profile != nullptr) {
    *info = in_memory.info;
    info->rows = in_memory.profile->num_rows;
    profile = *in_memory.profile;
  } else if (in_memory.table != nullptr) {
    if (options.progress) options.progress("profiling " + in_memory.info.path);
    *info = in_memory.info;
    info->rows = in_memory.table->num_rows();
    const Table* table = in_memory.table;
    Table narrowed;
    if (!read.columns.empty()) {
      AIRM_ASSIGN_OR_RETURN(narrowed, SelectTableColumns(in_memory.info.path, *table, read));
      table = &narrowed;
    }
    AIRM_ASSIGN_OR_RETURN(ProfileBuilder builder, ProfileBuilder::Make(options.sketch_profile));
    AIRM_RETURN_IF_ERROR(builder.Add(*table));
    AIRM_ASSIGN_OR_RETURN(profile, builder.Finish());
  } else if (IsSavedProfile(path)) {
    if (options.progress) options.progress("reading the saved profile " + path);
    AIRM_ASSIGN_OR_RETURN(profile, ReadSavedProfile(path, info));
  } else {
    if (options.progress) options.progress("profiling " + path + " in chunks");
    return ProfileFileInChunks(path, read, options.sketch_profile, info);
  }
  NarrowProfile(read, &profile);
  info->columns = profile.columns.size();
  return profile;
}

// `scope`: the card's out-of-scope ranges, estimated from the current
// profile's sketches.
Result<DriftResult> RunSketchDrift(const RunDriftOptions& options, const RoleAssignment& roles,
                                   const DriftConfig& config, const ReadOptions& read,
                                   const std::vector<ScopeRange>& scope) {
  InputInfo ref_info, cur_info;
  AIRM_ASSIGN_OR_RETURN(
      Profile reference,
      ProfileOfInput(options.reference, options.reference_in_memory, options, read, &ref_info));
  AIRM_ASSIGN_OR_RETURN(Profile current, ProfileOfInput(options.current, options.current_in_memory,
                                                        options, read, &cur_info));
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
  if (!scope.empty()) AddScopeFindings(MeasureScopeRanges(current, scope), &result);
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
    return Status::InvalidArgument("drift needs " + OptionRef("reference") + " and " +
                                   OptionRef("current"));
  }
  AIRM_RETURN_IF_ERROR(sketch_profile.Validate());
  return ValidateDriftConfig(config);
}

namespace {

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
  if (!config.columns.empty()) {
    // Only --columns are read, so an exclusion outside them removes nothing
    // and names a column that is not there to look up.
    std::erase_if(config.exclude, [&](const std::string& name) {
      return std::find(config.columns.begin(), config.columns.end(), name) == config.columns.end();
    });
  }
  AIRM_RETURN_IF_ERROR(ValidateDriftConfig(config));
  const ReadOptions read = NarrowedRead(options.read, roles, config);
  const auto is_profile = [](const std::string& path, const InMemoryInput& in_memory) {
    return in_memory.profile != nullptr || (!in_memory.given() && IsSavedProfile(path));
  };
  if (options.sketch || is_profile(options.reference, options.reference_in_memory) ||
      is_profile(options.current, options.current_in_memory)) {
    return RunSketchDrift(options, roles, config, read, scope);
  }

  // Both files are read at once: each read alternates parallel steps with
  // short serial ones, and the other file's read fills those gaps. The
  // reference's error, met first before, still wins.
  InputInfo ref_info, cur_info;
  Table ref_loaded, cur_loaded;
  std::optional<Result<Table*>> sides[2];
  std::mutex progress_mutex;
  const ProgressFn progress = [&](std::string_view what) {
    if (!options.progress) return;
    std::lock_guard<std::mutex> lock(progress_mutex);
    options.progress(what);
  };
  AIRM_RETURN_IF_ERROR(ParallelFor(2, 2, [&](size_t side) {
    sides[side] = side == 0 ? NarrowedTableOfInput(options.reference, options.reference_in_memory,
                                                   read, progress, &ref_loaded, &ref_info)
                            : NarrowedTableOfInput(options.current, options.current_in_memory, read,
                                                   progress, &cur_loaded, &cur_info);
  }));
  AIRM_ASSIGN_OR_RETURN(Table * reference_table, std::move(*sides[0]));
  AIRM_ASSIGN_OR_RETURN(Table * current_table, std::move(*sides[1]));
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
  if (model) AIRM_RETURN_IF_ERROR(AttachModelImportance(*model, options.model_limits, &result));
  AIRM_ASSIGN_OR_RETURN(std::vector<std::string> reports,
                        WriteReports(options.write_reports, result));
  if (model) AIRM_RETURN_IF_ERROR(RecordDriftVerdict(*model, options.store, result, reports));
  return result;
}

}  // namespace airm::usecases
