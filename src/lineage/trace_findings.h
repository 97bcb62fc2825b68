// What a trace concludes a person should look at, most severe first.
//
// Codes (stable; docs/lineage.md explains each):
//   lineage.file_changed        fail  a data file's bytes differ from its registration
//   lineage.artifact_changed    fail  the model artifact differs from its registration
//   lineage.deployment_mismatch fail  the deployment in force served another model version
//   lineage.file_missing        warn  a registered data file is gone
//   lineage.artifact_missing    warn  the model artifact is gone
//   lineage.no_deployment       warn  no deployment was in force at the prediction's time
//   lineage.check_failed        warn  a check's last run before training failed or errored
//   lineage.run_failed          warn  a run in the trace failed or was aborted
//   lineage.unchecked_training_data info  training data with no check before training
//   lineage.no_training_lineage info  neither a training run nor training data recorded
//   lineage.as_of_before_prediction info  --as-of is earlier than the prediction
#pragma once

#include <vector>

#include "airm/finding.h"
#include "airm/lineage/trace.h"

namespace airm::lineage::internal {

std::vector<Finding> TraceFindings(const TraceResult& trace);

// Sorts most severe first, keeping the order within a severity.
void SortBySeverity(std::vector<Finding>* findings);

}  // namespace airm::lineage::internal
