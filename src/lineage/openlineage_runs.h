// OpenLineage import in two stages: parse every line and merge the events of
// each run (openlineage_parse.cc), then write the merged runs to the store in
// one transaction (openlineage_write.cc).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/lineage/openlineage.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage::internal {

struct ColumnSource {
  std::string input_namespace;
  std::string input_name;
  std::string input_field;
  std::string transformation = "DIRECT";  // DIRECT | INDIRECT
  std::optional<std::string> description;
};

// One dataset of a run, its facets merged over the run's events.
struct ImportedDataset {
  std::string dataset_namespace;
  std::string name;
  std::optional<std::string> content_digest;  // "sha256:<hex>" from airm_contentDigest
  std::optional<std::string> version;         // the version facet's datasetVersion
  std::optional<std::string> schema_json;     // [{"name":…,"type":…}]
  std::optional<std::string> source_uri;      // dataSource.uri
  std::optional<int64_t> row_count;
  std::optional<int64_t> bytes;
  std::optional<std::string> role;                           // inputs: airm_inputRole.role
  bool is_model = false;                                     // datasetType MODEL
  std::map<std::string, std::vector<ColumnSource>> columns;  // output field -> sources

  // airm's identity of the data: the content digest, else
  // "openlineage:<namespace>/<name>#<version or 'unversioned'>".
  std::string Digest() const;
};

// One run, its events merged by runId.
struct ImportedRun {
  std::string uuid;
  std::string job_namespace;
  std::string job_name;
  std::optional<std::string> job_kind;         // from the airm.kind job tag
  std::optional<std::string> terminal_status;  // completed | failed | aborted
  std::string terminal_time;                   // eventTime of that status
  std::optional<std::string> start_time;       // eventTime of START
  std::string earliest_time;
  std::optional<std::string> error;
  std::optional<int64_t> exit_code;
  std::optional<std::string> code_version;
  std::optional<std::string> source_code_url;
  std::optional<std::string> command_json;
  std::optional<std::string> parameters_json;
  std::optional<std::string> environment_json;
  std::vector<ImportedDataset> inputs;   // in first-seen order
  std::vector<ImportedDataset> outputs;  // in first-seen order

  std::string Status() const { return terminal_status.value_or("running"); }
  std::string StartedAt() const { return start_time.value_or(earliest_time); }
};

struct ParsedEvents {
  std::vector<ImportedRun> runs;  // in order of first appearance
  int64_t lines = 0;
  int64_t events = 0;
  int64_t skipped_events = 0;
};

// ParseError "<file>:<line>: <what was expected>" for the first bad line.
Result<ParsedEvents> ParseOpenLineageEvents(std::string_view text, const std::string& file_name);

// Writes the runs; call inside one write transaction.
Status WriteImportedRuns(store::Database& db, const std::vector<ImportedRun>& runs,
                         ImportSummary* summary);

}  // namespace airm::lineage::internal
