// The pieces of a lineage graph as trace, impact and model cards report them.
//
// The graph has two kinds of node: content (a DataNode: one SHA-256 digest,
// with every name under which those bytes were registered) and activity (a
// RunNode: one run of a job, with the digests it read and wrote). Edges join
// on digests, never on names, so the same bytes registered twice are one
// node and the graph stays connected. Times are ISO 8601 UTC text with whole
// seconds ("2026-11-27T04:33:16Z"), as stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace airm::lineage {

// One registration of a dataset version: a name and version for some bytes.
struct DatasetVersionRef {
  int64_t id = 0;  // dataset_versions.id
  std::string name;
  std::string dataset_namespace;
  int64_t version = 0;
  std::string digest;
  std::optional<int64_t> row_count;
  std::optional<int64_t> bytes;
  std::optional<std::string> path;      // as given on the command line
  std::optional<std::string> abs_path;  // what verification re-hashes
  std::optional<std::string> source_uri;
  std::string registered_at;
  std::string registered_by;

  std::string Reference() const;  // "name@version"
};

// Outcome of re-hashing one file of the trace.
enum class FileState {
  kOk,        // the bytes still hash to the registered digest
  kChanged,   // the file is there but its bytes differ
  kMissing,   // nothing at the recorded absolute path
  kNotLocal,  // no local file was recorded (imported from OpenLineage)
};
const char* FileStateName(FileState state);  // "ok", "changed", "missing", "not_local"

struct FileCheck {
  std::string path;  // the absolute path re-hashed; empty for kNotLocal
  std::string expected_digest;
  FileState state = FileState::kOk;
  std::optional<std::string> actual_digest;  // set for kOk and kChanged
  std::string subject;                       // "name@version" or "model name@version"
};

// One quality-check run on a dataset version.
struct QualityCheckRef {
  int64_t id = 0;
  std::string check_name;
  std::string status;  // pass | warn | fail | error
  std::string executed_at;
  std::string dataset;  // "name@version" of the checked registration
  std::optional<std::string> run_uuid;
  std::optional<std::string> metrics_json;
  // executed_at minus the reference time (the training run's start); negative
  // = before. Empty when either time is unknown.
  std::optional<int64_t> seconds_from_reference;
};

// One column derivation: output_column <- input_column of the input data.
struct ColumnDerivation {
  std::string output_column;
  std::string output_dataset;  // "name@version"
  std::optional<std::string> input_digest;
  std::optional<std::string> input_dataset;  // "name@version"
  std::string input_column;
  std::string transformation;  // DIRECT | INDIRECT
  std::optional<std::string> description;
  std::optional<std::string> run_uuid;
};

// Content node: one digest and what is known about it.
struct DataNode {
  std::string digest;
  std::vector<DatasetVersionRef> registrations;  // every name for these bytes, oldest first
  std::vector<std::string> produced_by;          // run UUIDs whose outputs include the digest
  std::vector<QualityCheckRef> quality_checks;   // oldest first
  std::vector<ColumnDerivation> columns;         // derivations of this data's columns
  std::vector<FileCheck> files;                  // one per distinct local path, when verified
  int depth = 0;                                 // steps from the start of the walk (0 = a root)

  // The first registration's "name@version", or the digest when none.
  std::string Label() const;
  bool IsSource() const { return produced_by.empty(); }
};

struct RunDataRef {
  std::string digest;
  std::string dataset;  // "name@version" of the registration the run recorded
  std::string role;     // inputs: train | validation | test | reference | input; outputs: "output"
};

// Activity node: one run of a job.
struct RunNode {
  int64_t id = 0;
  std::string uuid;
  std::string job_namespace;
  std::string job_name;
  std::optional<std::string> job_kind;
  std::string status;  // running | completed | failed | aborted
  std::string started_at;
  std::optional<std::string> ended_at;
  std::optional<int64_t> exit_code;
  std::optional<std::string> code_version;
  std::optional<std::string> error;
  std::string source;  // airm | openlineage
  std::vector<RunDataRef> inputs;
  std::vector<RunDataRef> outputs;
};

}  // namespace airm::lineage
