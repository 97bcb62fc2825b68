// ListDatasets (`airm dataset list [NAME]`) and ShowDataset (`airm dataset show
// NAME@VERSION`): the store's dataset versions, and one version with what the
// store knows about it (schema, producing runs, column lineage, quality
// checks). Read-only; one read transaction each.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/dataset_schema.h"

namespace airm::usecases {

struct ListDatasetsOptions {
  store::LocateOptions store = {};
  std::string name = "";  // "" = every dataset
};

struct DatasetVersionList {
  std::vector<store::DatasetVersion> versions = {};  // by name, then version
  // info "dataset.none_registered" when the store holds no dataset yet.
  std::vector<Finding> findings = {};
};

// NotFound when `name` is given and unknown.
Result<DatasetVersionList> ListDatasets(const ListDatasetsOptions& options);

struct ShowDatasetOptions {
  store::LocateOptions store = {};
  std::string reference = "";  // NAME@VERSION (number, digest prefix or latest)
  Status Validate() const;     // InvalidArgument when the reference is empty
};

// A dataset version another record points at, by id and as NAME@VERSION
// ("#ID" when the id no longer resolves).
struct DatasetLink {
  int64_t dataset_version_id = 0;
  std::string ref = {};
  std::string role = {};  // run inputs only: train, validation, test, reference, input
};

struct ProducingRun {
  store::Run run = {};
  std::vector<DatasetLink> inputs = {};
};

struct ColumnSource {
  store::ColumnDerivation derivation = {};
  std::optional<std::string> input_ref = {};  // nullopt: no input dataset recorded
};

struct DatasetVersionDetail {
  store::DatasetVersion version = {};
  std::optional<std::vector<SchemaColumn>> schema = {};  // nullopt: not read as a table
  std::vector<ProducingRun> producers = {};              // empty: a source
  std::vector<ColumnSource> column_lineage = {};
  std::vector<store::QualityCheckRun> quality_checks = {};  // oldest first
  std::vector<Finding> findings = {};
};

// NotFound naming what exists for an unknown name or version.
Result<DatasetVersionDetail> ShowDataset(const ShowDatasetOptions& options);

}  // namespace airm::usecases
