// Inputs a face already holds in memory instead of files: the Python
// package's DataFrames converted to a Table, or profiles merged on a Dask
// cluster. A use case given one skips reading and hashing and takes its
// InputInfo as given, so the report names the input the way the face does.
#pragma once

#include "airm/input_info.h"
#include "airm/profile.h"
#include "airm/table.h"

namespace airm::usecases {

// At most one of `table` and `profile` is set; neither means "read the file
// named by the path option as usual". Not owned: both must outlive the call.
// The use case may set column roles on `table` (ApplyRoles), so a face hands
// over a table built for this one call. Options structs default a member of
// this type as `= InMemoryInput()`, not `= {}`: GCC 12 warns falsely
// (-Wmaybe-uninitialized) on designated initializers of the options
// otherwise, as it does around ProfileOptions.
struct InMemoryInput {
  Table* table = nullptr;
  const Profile* profile = nullptr;
  // What the report says about the input: path is the face's name for it
  // ("<DataFrame>"), sha256 empty when the data never was a file's bytes.
  InputInfo info = InputInfo();  // `= {}` trips the same GCC 12 warning

  bool given() const { return table != nullptr || profile != nullptr; }
};

}  // namespace airm::usecases
