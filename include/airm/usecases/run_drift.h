// RunDrift (`airm drift`): read the reference and current batches with their
// digests, apply the column roles, and compare them (AnalyzeDrift: drift and
// data quality). The result names its inputs (path, SHA-256, rows) and
// carries the findings; gates and rendering are the caller's.
#pragma once

#include <map>
#include <string>

#include "airm/drift.h"
#include "airm/drift_result.h"
#include "airm/quality.h"
#include "airm/read_options.h"
#include "airm/schema.h"
#include "airm/status.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RunDriftOptions {
  std::string reference = "";    // required: data file
  std::string current = "";      // required: data file
  std::string schema_file = "";  // YAML column roles
  RoleAssignment roles = {};     // merged over the schema file's (flags win)
  DriftConfig config = {};       // ignored columns are added to config.exclude
  // Empty = DefaultQualityThresholds(); else the complete table to use.
  std::map<std::string, QualityThreshold> thresholds = {};
  ReadOptions read = {};
  ProgressFn progress = {};
  Status Validate() const;
};

// InvalidArgument for an invalid configuration (before any file is read);
// the readers' errors; AnalyzeDrift's.
Result<DriftResult> RunDrift(const RunDriftOptions& options);

}  // namespace airm::usecases
