// ExportOpenLineage (`airm lineage export --format openlineage`) and
// ImportOpenLineage (`airm lineage import FILE`): the store's runs as
// OpenLineage 2-0-2 RunEvents, and such events recorded into the store
// (airm/lineage/openlineage.h, docs/lineage.md).
#pragma once

#include <string>

#include "airm/lineage/openlineage.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct ExportOpenLineageOptions {
  store::LocateOptions store = {};
  std::string since = "";         // ISO 8601 with a zone; "" = every run
  std::string airm_version = "";  // for the events' producer URL
  Status Validate() const;        // InvalidArgument naming --since when it is not a time
};

// The events as JSON Lines, with counts.
Result<lineage::ExportResult> ExportOpenLineage(const ExportOpenLineageOptions& options);

struct ImportOpenLineageOptions {
  store::LocateOptions store = {};
  std::string file = "";  // required: OpenLineage events, one JSON object per line
  Status Validate() const;
};

// IoError when the file cannot be read; ParseError naming file and line.
Result<lineage::ImportSummary> ImportOpenLineage(const ImportOpenLineageOptions& options);

}  // namespace airm::usecases
