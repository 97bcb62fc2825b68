#include "airm/usecases/merge_profiles.h"

#include "airm/usecases/saved_profile.h"

namespace airm::usecases {
namespace {

// The same column set, and each column numeric in both or text in both.
// MergeProfiles widens a column seen as numbers in one profile and as text in
// another (what a stream needs); saved profiles that disagree so describe
// different schemas, so the merge of files refuses them.
Status CheckSchema(const Profile& first, const std::string& first_path, const Profile& next,
                   const std::string& next_path) {
  for (const ColumnProfile& column : first.columns) {
    if (next.FindColumn(column.name) == nullptr) {
      return Status::InvalidArgument(next_path + ": has no column '" + column.name + "', which " +
                                     first_path +
                                     " has; profiles of different schemas cannot "
                                     "be merged");
    }
  }
  for (const ColumnProfile& column : next.columns) {
    const ColumnProfile* base = first.FindColumn(column.name);
    if (base == nullptr) {
      return Status::InvalidArgument(next_path + ": has column '" + column.name + "', which " +
                                     first_path +
                                     " lacks; profiles of different schemas cannot "
                                     "be merged");
    }
    if (base->kind == column.kind) continue;
    return Status::InvalidArgument(
        next_path + ": column '" + column.name + "' is " + ColumnProfileKindName(column.kind) +
        " (" + DataTypeName(column.type) + ") but " + ColumnProfileKindName(base->kind) + " (" +
        DataTypeName(base->type) + ") in " + first_path +
        "; profiles of different schemas "
        "cannot be merged");
  }
  return Status::Ok();
}

// Merges `next` (called next_name in messages) into *merged, the merge so far
// of profiles starting with first_name.
Status MergeInto(Profile* merged, const std::string& first_name, const Profile& next,
                 const std::string& next_name) {
  AIRM_RETURN_IF_ERROR(CheckSchema(*merged, first_name, next, next_name));
  auto result = MergeProfiles(*merged, next);
  if (!result.ok()) {
    // MergeProfiles names the column or parameter; say which input differs.
    return Status(result.status().code(),
                  next_name + " (merged into " + first_name + "): " + result.status().message());
  }
  *merged = std::move(result).value();
  return Status::Ok();
}

}  // namespace

Result<Profile> MergeProfileValues(const std::vector<Profile>& profiles,
                                   const std::vector<std::string>& names) {
  if (profiles.empty() || names.size() != profiles.size()) {
    return Status::InvalidArgument("profile merge needs one or more profiles, each with a name");
  }
  Profile merged = profiles[0];
  for (size_t i = 1; i < profiles.size(); ++i) {
    AIRM_RETURN_IF_ERROR(MergeInto(&merged, names[0], profiles[i], names[i]));
  }
  return merged;
}

Status MergeProfilesOptions::Validate() const {
  if (inputs.size() < 2) {
    return Status::InvalidArgument("profile merge needs at least two saved profiles, got " +
                                   std::to_string(inputs.size()));
  }
  return Status::Ok();
}

Result<MergedProfile> MergeProfileFiles(const MergeProfilesOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  MergedProfile out;
  out.inputs.resize(options.inputs.size());
  AIRM_ASSIGN_OR_RETURN(out.profile, ReadSavedProfile(options.inputs[0], &out.inputs[0]));
  for (size_t i = 1; i < options.inputs.size(); ++i) {
    const std::string& path = options.inputs[i];
    AIRM_ASSIGN_OR_RETURN(Profile next, ReadSavedProfile(path, &out.inputs[i]));
    AIRM_RETURN_IF_ERROR(MergeInto(&out.profile, options.inputs[0], next, path));
  }
  return out;
}

}  // namespace airm::usecases
