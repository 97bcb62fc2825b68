// The store queries every lineage walk is made of: who produced or read a
// set of digests, what a set of runs read and wrote, the registrations,
// quality checks and column derivations of a set of digests. Each fetches a
// whole set in a few statements (sql_in_list.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "airm/lineage/lineage_graph.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage::internal {

// A time after every stored time: "no as-of limit" in the same statement.
inline constexpr const char* kEndOfTime = "9999-12-31T23:59:59Z";

// (digest, run id) for every run that wrote one of `digests` (under any name)
// and started at or before `as_of`; ordered by the run's start.
Status FindProducers(store::Database& db, const std::vector<std::string>& digests,
                     const std::string& as_of, std::vector<std::pair<std::string, int64_t>>* out);

// (digest, run id) for every run that read one of `digests` (under any name),
// by run id (ids grow with recording order).
Status FindConsumers(store::Database& db, const std::vector<std::string>& digests,
                     std::vector<std::pair<std::string, int64_t>>* out);

// Runs with their job, inputs and outputs, keyed by run id.
Status LoadRuns(store::Database& db, const std::vector<int64_t>& run_ids,
                std::map<int64_t, RunNode>* out);

// Every registration of each digest, oldest first.
Status LoadRegistrations(store::Database& db, const std::vector<std::string>& digests,
                         std::map<std::string, std::vector<DatasetVersionRef>>* out);

// Quality-check runs on the given dataset versions executed at or before
// `as_of`, oldest first, keyed by dataset version id.
Status LoadQualityChecks(store::Database& db, const std::vector<int64_t>& dataset_version_ids,
                         const std::string& as_of,
                         std::map<int64_t, std::vector<QualityCheckRef>>* out);

// Column derivations whose output is one of the dataset versions, recorded
// by runs started at or before `as_of` (or by no run), keyed by output id.
Status LoadColumnLineage(store::Database& db, const std::vector<int64_t>& dataset_version_ids,
                         const std::string& as_of,
                         std::map<int64_t, std::vector<ColumnDerivation>>* out);

// "name@version" for a dataset name and version number.
std::string DatasetReference(const std::string& name, int64_t version);

}  // namespace airm::lineage::internal
