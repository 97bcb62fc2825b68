// JSON forms of the graph pieces trace and impact documents share.
#pragma once

#include <optional>
#include <string>

#include "airm/lineage/lineage_graph.h"
#include "airm/report/json_util.h"

namespace airm::lineage::internal {

using report::Json;

// The string, or null when empty.
Json OptionalString(const std::optional<std::string>& text);
Json OptionalInt(const std::optional<int64_t>& n);

Json RegistrationJson(const DatasetVersionRef& ref);
Json FileCheckJson(const FileCheck& file);
Json QualityCheckJson(const QualityCheckRef& check);
Json ColumnJson(const ColumnDerivation& column);
Json RunJson(const RunNode& run);
// digest, depth, source, registrations, produced_by, quality_checks, columns, files
Json DataNodeJson(const DataNode& node);

}  // namespace airm::lineage::internal
