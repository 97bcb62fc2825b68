// MergeProfileFiles (`airm profile merge`): read saved profiles and merge them
// into one (e.g. daily profiles into a monthly reference). Quantiles, distinct
// counts and top values of the result come from the merged sketches with
// their error bounds; counts, min, max, mean and variance merge exactly.
#pragma once

#include <string>
#include <vector>

#include "airm/input_info.h"
#include "airm/profile.h"
#include "airm/status.h"

namespace airm::usecases {

struct MergeProfilesOptions {
  std::vector<std::string> inputs = {};  // required: two or more saved profiles
  Status Validate() const;
};

struct MergedProfile {
  Profile profile = {};
  std::vector<InputInfo> inputs = {};  // one per input, in order
};

// The profiles must describe the same columns with the same sketch
// parameters, and a column must be numeric in all of them or text in all of
// them. Errors: InvalidArgument naming the file and the column (or the sketch
// parameter) that differs from the first file; ReadSavedProfile's errors.
Result<MergedProfile> MergeProfileFiles(const MergeProfilesOptions& options);

// The same merge, with the same checks and messages, over profiles a face
// holds in memory (e.g. a Dask cluster's per-partition profiles); names[i]
// stands in for a path in messages. InvalidArgument for no profiles or a
// names list of another length.
Result<Profile> MergeProfileValues(const std::vector<Profile>& profiles,
                                   const std::vector<std::string>& names);

}  // namespace airm::usecases
