// Quality-check runs: which check ran on which dataset version, when, and
// with what result, so "when did this check last run on the data that trained
// model X" is one query over quality_check_runs.
#pragma once

#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::store {

// InvalidArgument for a status other than pass / warn / fail / error.
// executed_at "" means now. Returns the new id.
Result<int64_t> RecordQualityCheckRun(Database& db, const QualityCheckRun& check);

// Newest first.
Result<std::vector<QualityCheckRun>> QualityCheckRunsOf(Database& db, int64_t dataset_version_id);

}  // namespace airm::store
