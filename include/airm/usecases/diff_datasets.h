// DiffDatasets (`airm dataset diff A@V B@V`): what changed between two dataset
// versions, read from what the store recorded at registration (no file is
// read). Schema: columns added, removed and retyped. Per column present in
// either: rows, missing share and, for numbers, mean, stddev and the 5/50/95 %
// quantiles; for text the top categories with their shares. Undefined values
// (no rows, no finite values) are empty optionals, never 0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"
#include "airm/usecases/dataset_schema.h"

namespace airm::usecases {

struct DiffDatasetsOptions {
  store::LocateOptions store = {};
  std::string a = {};  // NAME@VERSION
  std::string b = {};  // NAME@VERSION
  int top = 5;         // top categories per text column, 1..100
  Status Validate() const;
};

struct RetypedColumn {
  std::string name = {};
  std::string from = {};
  std::string to = {};
};

struct TopValueShare {
  std::string value = {};
  std::optional<double> share = {};  // of the present values
};

// One column of one version, as its registered profile describes it.
struct ColumnSummary {
  std::string type = {};
  uint64_t rows = 0;
  std::optional<double> missing_share = {};
  bool numeric = false;
  // Numeric columns only.
  std::optional<double> mean, stddev, p05, p50, p95;
  // Text columns only, at most options.top.
  std::vector<TopValueShare> top_values = {};
};

struct ColumnDiff {
  std::string name = {};
  std::optional<ColumnSummary> a;  // empty: not in A (or A has no profile)
  std::optional<ColumnSummary> b = {};
};

struct DatasetDiff {
  store::DatasetVersion a, b;
  bool same_content = false;
  bool schema_comparable = false;  // false: a version was not read as a table
  std::vector<SchemaColumn> added, removed;
  std::vector<RetypedColumn> retyped = {};
  std::vector<ColumnDiff> columns = {};  // A's columns in order, then those only in B
  // info "dataset.schema_changed" per added / removed / retyped column.
  std::vector<Finding> findings = {};
};

// NotFound for an unknown name or version (naming what exists).
Result<DatasetDiff> DiffDatasets(const DiffDatasetsOptions& options);

}  // namespace airm::usecases
