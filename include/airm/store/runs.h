// Jobs and their runs: what ran, on which data, producing which data.
//
// A run is recorded whole, in the caller's transaction: the job (created on
// first use), the run row, its inputs with roles, its outputs and its
// column-level lineage.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::store {

// A random version 4 UUID, lower-case, e.g. "3f2b…-4…".
std::string NewRunUuid();

// InvalidArgument for an unknown status, an empty job name, or a transformation
// other than DIRECT / INDIRECT. Returns the run as stored.
Result<Run> RecordRun(Database& db, const NewRun& run);

// By full UUID or a unique prefix of at least 4 characters. NotFound /
// InvalidArgument (ambiguous prefix, listing candidates).
Result<Run> FindRun(Database& db, std::string_view uuid_or_prefix);

// Runs that list the dataset version among their outputs, oldest first.
Result<std::vector<Run>> RunsProducing(Database& db, int64_t dataset_version_id);

// Column lineage recorded for an output dataset version.
Result<std::vector<ColumnDerivation>> ColumnLineageOf(Database& db,
                                                      int64_t output_dataset_version_id);

}  // namespace airm::store
