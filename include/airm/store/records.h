// The things the store records, as plain structs. Each is written and read by
// one repository header (datasets.h, runs.h, models.h, …); the schema they map
// to is src/store/migrations/001_initial.sql.
//
// Conventions: ids are the database keys; times are ISO 8601 UTC text
// (timestamp.h); digests are "sha256:<hex>"; *_json fields hold JSON text
// exactly as stored; std::nullopt is SQL NULL.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace airm::store {

// ---- datasets -------------------------------------------------------------

// What a caller knows about a file before it is registered.
struct DatasetContent {
  std::string digest;  // "sha256:<hex>"
  std::optional<int64_t> bytes;
  std::optional<int64_t> row_count;         // nullopt: not read as a table
  std::optional<std::string> schema_json;   // [{"name":…,"type":…}, …]
  std::optional<std::string> profile_json;  // docs/schemas/profile.v1.json
  std::optional<std::string> note;          // why it is not tabular, for the user
};

struct NewDatasetVersion {
  std::string name;
  DatasetContent content;
  std::optional<std::string> source_uri;
  std::optional<std::string> path;      // as given
  std::optional<std::string> abs_path;  // absolute form, for verify
  std::map<std::string, std::string> tags;
  std::string registered_by;
  std::string registered_at;  // "" = now
};

struct DatasetVersion {
  int64_t id = 0;
  int64_t dataset_id = 0;
  std::string name;
  int64_t version = 0;
  std::string digest;
  std::optional<int64_t> bytes;
  std::optional<int64_t> row_count;
  std::optional<std::string> schema_json;
  std::optional<std::string> profile_json;
  std::optional<std::string> source_uri;
  std::optional<std::string> path;
  std::optional<std::string> abs_path;
  std::string registered_at;
  std::string registered_by;
  std::map<std::string, std::string> tags;

  std::string Ref() const { return name + "@" + std::to_string(version); }
};

// ---- jobs and runs ----------------------------------------------------------

struct RunInput {
  int64_t dataset_version_id = 0;
  std::string role = "input";  // train | validation | test | reference | input
};

// Column-level lineage: output column <- input column (OpenLineage's
// columnLineage facet). DIRECT: the value is computed from the input value;
// INDIRECT: the input only influences it (filter, join key, grouping, or
// several inputs combined, airm's default for more than one input column).
struct ColumnDerivation {
  int64_t output_dataset_version_id = 0;
  std::string output_column;
  std::optional<int64_t> input_dataset_version_id;
  std::string input_column;
  std::string transformation = "DIRECT";  // DIRECT | INDIRECT
  std::optional<std::string> description;
};

struct NewRun {
  std::string run_uuid;  // "" = generate a random (version 4) UUID
  std::string job_name;
  std::string job_namespace = "airm";
  std::optional<std::string>
      job_kind;        // preprocessing | features | training | scoring | quality | other
  std::string status;  // completed | failed | aborted | running
  std::string started_at;
  std::optional<std::string> ended_at;
  std::optional<int64_t> exit_code;
  std::optional<std::string> code_version;
  std::optional<std::string> command_json;
  std::optional<std::string> parameters_json;
  std::optional<std::string> environment_json;
  std::optional<std::string> error;
  std::string source = "airm";
  std::vector<RunInput> inputs;
  std::vector<int64_t> outputs;  // dataset version ids
  std::vector<ColumnDerivation> column_lineage;
};

struct Run {
  int64_t id = 0;
  std::string run_uuid;
  std::string job_namespace;
  std::string job_name;
  std::optional<std::string> job_kind;
  std::string status;
  std::string started_at;
  std::optional<std::string> ended_at;
  std::optional<int64_t> exit_code;
  std::optional<std::string> code_version;
  std::optional<std::string> command_json;
  std::optional<std::string> parameters_json;
  std::optional<std::string> environment_json;
  std::optional<std::string> error;
  std::string source;
  std::vector<RunInput> inputs;
  std::vector<int64_t> outputs;
};

// ---- quality checks -------------------------------------------------------

struct QualityCheckRun {
  int64_t id = 0;
  std::string check_name;  // a check family, e.g. "missing_share_change"
  int64_t dataset_version_id = 0;
  std::optional<int64_t> reference_dataset_version_id;
  std::optional<int64_t> run_id;
  std::string status;  // pass | warn | fail | error
  std::optional<std::string> metrics_json;
  std::optional<std::string> findings_json;
  std::string executed_at;
};

// ---- models -------------------------------------------------------------------

struct ModelMetric {
  std::string name;
  std::optional<double> value;  // nullopt: undefined (insufficient evidence)
  std::optional<double> ci_low;
  std::optional<double> ci_high;
  std::string segment;  // "" = overall; else "column=value"
  std::optional<int64_t> dataset_version_id;
};

struct ModelData {
  int64_t dataset_version_id = 0;
  std::string role;  // train | validation | test | evaluation
};

struct NewModelVersion {
  std::string name;
  std::string version;
  std::string artifact_digest;
  std::optional<std::string> artifact_path;
  std::optional<std::string> artifact_abs_path;
  std::optional<int64_t> training_run_id;
  std::optional<std::string> parameters_json;
  std::optional<std::string> card_json;
  std::vector<ModelData> data;
  std::vector<ModelMetric> metrics;
  std::string registered_by;
  std::string registered_at;  // "" = now
};

struct ModelVersion {
  int64_t id = 0;
  int64_t model_id = 0;
  std::string name;
  std::string version;
  std::string artifact_digest;
  std::optional<std::string> artifact_path;
  std::optional<std::string> artifact_abs_path;
  std::optional<int64_t> training_run_id;
  std::optional<std::string> parameters_json;
  std::optional<std::string> card_json;
  std::string registered_at;
  std::string registered_by;

  std::string Ref() const { return name + "@" + version; }
};

// ---- deployments and predictions ------------------------------------------

struct Deployment {
  int64_t id = 0;
  int64_t model_version_id = 0;
  std::string environment;
  std::string valid_from;
  std::optional<std::string> valid_to;  // nullopt: still serving
  std::string deployed_by;
};

struct NewPredictionBatch {
  int64_t model_version_id = 0;
  std::optional<int64_t> deployment_id = std::nullopt;
  std::optional<int64_t> input_dataset_version_id = std::nullopt;
  std::optional<int64_t> preprocessing_run_id = std::nullopt;
  std::optional<std::string> source_path = std::nullopt;
  int64_t row_count = 0;
  std::string logged_by = "";
  std::string logged_at = "";  // "" = now
};

}  // namespace airm::store
