// CheckDataset (`airm dataset check NAME@VERSION`): run airm's data-quality
// checks (airm/quality.h, as in `airm drift`) on a dataset version's file and
// record one quality-check run per check family with its worst status,
// per-column values and messages.
//
// The reference defaults to the previous version of the same dataset; a first
// version is compared with itself, so only checks that need no baseline (empty
// batch, constant columns…) can fire. Both files are re-hashed first: a file
// that no longer matches its digest is InvalidArgument, never checked as if it
// were the registered data. Gates (--fail-on) are the caller's: they read the
// rendered document.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/drift_result.h"
#include "airm/finding.h"
#include "airm/quality.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct CheckDatasetOptions {
  store::LocateOptions store = {};
  std::string dataset = {};      // NAME@VERSION, required
  std::string reference = "";    // NAME@VERSION; "" = the previous version
  std::string schema_file = "";  // YAML column roles; id / timestamp / ignore are skipped
  // Empty = DefaultQualityThresholds(); else the complete table to use.
  std::map<std::string, QualityThreshold> thresholds = {};
  ReadOptions read = {};
  ProgressFn progress = {};
  Status Validate() const;
};

// One check family (e.g. "out_of_range_share") over every column it covers.
struct QualityFamily {
  std::string name = {};
  CheckStatus status = CheckStatus::kPass;
  // Column ("dataset" for dataset-level checks) -> value, in check order.
  std::vector<std::pair<std::string, std::optional<double>>> metrics = {};
  std::vector<QualityCheck> not_passed = {};  // the checks that warned or failed
};

struct DatasetCheck {
  store::DatasetVersion dataset = {};
  store::DatasetVersion reference;  // == dataset when compared with itself
  bool self_reference = false;
  CheckStatus status = CheckStatus::kPass;  // the worst family
  std::vector<QualityFamily> families = {};
  std::string executed_at;  // when the runs were recorded (UTC)
  // One per check that warned or failed: code "quality.<check>", subject the
  // column (or "dataset"), most severe first.
  std::vector<Finding> findings = {};
};

// Checks and records. InvalidArgument when a file is gone, changed since it
// was registered, or not a table; NotFound for an unknown reference.
Result<DatasetCheck> CheckDataset(const CheckDatasetOptions& options);

}  // namespace airm::usecases
