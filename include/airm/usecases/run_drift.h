// RunDrift (`airm drift`): read the reference and current batches with their
// digests, apply the column roles, and compare them (AnalyzeDrift: drift and
// data quality). The result names its inputs (path, SHA-256, rows) and
// carries the findings; gates and rendering are the caller's.
//
// Bounded memory: with `sketch`, or when an input is a saved profile
// (recognised by its magic), each data file is profiled in chunks and the two
// profiles are compared from their sketches (CompareProfiles, with error
// bounds); memory is then independent of the number of rows.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/drift.h"
#include "airm/drift_result.h"
#include "airm/profile.h"
#include "airm/quality.h"
#include "airm/read_options.h"
#include "airm/schema.h"
#include "airm/status.h"
#include "airm/usecases/in_memory_input.h"
#include "airm/usecases/model_under_review.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

// A larger KLL k than a saved profile's default (200) narrows the bounds
// (0.0019 double-sided rank error at k = 2000) for about 50 KB per column.
inline ProfileOptions DriftSketchProfileOptions() {
  ProfileOptions options;
  options.kll_k = 2000;
  return options;
}

struct RunDriftOptions {
  std::string reference = "";  // required: data file or saved profile
  std::string current = "";    // required: data file or saved profile
  // A side in memory instead of its file (a table, or a profile compared
  // from its sketches like a saved one); its path option may then be empty.
  InMemoryInput reference_in_memory = InMemoryInput();
  InMemoryInput current_in_memory = InMemoryInput();
  std::string schema_file = "";  // YAML column roles
  RoleAssignment roles = {};     // merged over the schema file's (flags win)
  DriftConfig config = {};       // ignored columns are added to config.exclude
  bool sketch = false;           // compare sketches of both sides (bounded memory)
  // Sketch sizes for data files profiled for a sketch comparison.
  ProfileOptions sketch_profile = DriftSketchProfileOptions();
  // Empty = DefaultQualityThresholds(); else the complete table to use.
  std::map<std::string, QualityThreshold> thresholds = {};
  ReadOptions read = {};
  ProgressFn progress = {};
  // The model the data is for (model_under_review.h): "xgboost:FILE" or a
  // registered "NAME@VERSION"; "" = none. Its importance is put beside each
  // column; with NAME@VERSION the verdict is recorded in the store.
  std::string model = "";
  store::LocateOptions store = {};  // where NAME@VERSION is looked up
  chaos::ModelFileLimits model_limits = {};
  // Writes the reports before the verdict is recorded (model_under_review.h).
  WriteReportsFn<DriftResult> write_reports = {};
  Status Validate() const;
};

// InvalidArgument for an invalid configuration (before any file is read);
// the readers' errors; AnalyzeDrift's; the model's (model_under_review.h),
// resolved before any data is read; write_reports' error (then nothing is
// recorded).
Result<DriftResult> RunDrift(const RunDriftOptions& options);

// The shorthands of drift's gates (--fail-on drift / quality / any), shared
// by every face that gates a drift report.
const std::map<std::string, std::vector<std::string>>& DriftGateAliases();

}  // namespace airm::usecases
