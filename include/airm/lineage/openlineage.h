// OpenLineage interchange (spec 2-0-2): runs out as RunEvents, runs in from
// any emitter's RunEvents.
//
// Export writes, per run, a START event at its start and a COMPLETE / FAIL /
// ABORT event at its end (a run still running gets only START), as the spec
// asks of every run. Each event is one JSON object on one line. Datasets carry
// the standard schema, version, dataSource and columnLineage facets plus
// airm's own `airm_contentDigest` (the SHA-256 that is airm's identity of
// data); inputs carry their role in `airm_inputRole`; a training run's model
// versions are outputs with `datasetType` MODEL. docs/lineage.md has the full
// mapping table.
//
// Import reads such lines from any emitter and is liberal in what it accepts:
// optional fields may be missing, unknown facets are ignored, the events of
// one run (START, RUNNING, COMPLETE, FAIL, ABORT, OTHER) are merged by runId
// and their metadata is additive. A dataset's digest is its
// airm_contentDigest when present, else
// "openlineage:<namespace>/<name>#<version facet or 'unversioned'>". Import is
// idempotent and all-or-nothing: the whole file goes in one write
// transaction, and a malformed line fails it with a ParseError naming the
// file, the line and what was expected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage {

inline constexpr const char* kOpenLineageSchemaUrl =
    "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

struct ExportOptions {
  // Only events at or after this time (canonical UTC text).
  std::optional<std::string> since;
  std::string airm_version;  // for the producer URL
};

struct ExportResult {
  std::string lines;  // one event per line, each ending in '\n'
  int64_t runs = 0;
  int64_t events = 0;
};

Result<ExportResult> ExportOpenLineage(store::Database& db, const ExportOptions& options);

struct ImportSummary {
  int64_t lines = 0;           // non-blank lines read
  int64_t events = 0;          // RunEvents among them
  int64_t skipped_events = 0;  // DatasetEvents / JobEvents: no run to record
  int64_t runs_created = 0;
  int64_t runs_updated = 0;  // a known run gained status, end time or data
  int64_t dataset_versions_created = 0;
  int64_t model_versions_created = 0;
};

// `text` is the file's content; `file_name` names it in error messages.
Result<ImportSummary> ImportOpenLineage(store::Database& db, std::string_view text,
                                        const std::string& file_name);

// The largest events file ImportOpenLineageFile reads (it is parsed whole).
inline constexpr size_t kMaxEventsFileBytes = size_t{256} << 20;

// Reads `path` with ReadSmallFile (a regular file of at most
// kMaxEventsFileBytes: a directory, device or pipe is kInvalidArgument) and
// imports it.
Result<ImportSummary> ImportOpenLineageFile(store::Database& db, const std::string& path);

}  // namespace airm::lineage
