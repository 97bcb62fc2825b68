// TraceLineage (`airm lineage trace`) and ImpactOfDataset (`airm lineage
// impact`): the store's read side behind one prediction, or downstream of one
// dataset version (airm/lineage/trace.h, impact.h). The results carry their
// findings; rendering (text, JSON, DOT, Mermaid) is airm/lineage/render.h.
#pragma once

#include <string>

#include "airm/lineage/impact.h"
#include "airm/lineage/trace.h"
#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct TraceLineageOptions {
  store::LocateOptions store = {};
  std::string prediction_id = "";  // required, as logged
  std::string as_of = "";          // ISO 8601 with a zone; "" = the prediction's time
  bool verify_files = true;        // re-hash every local file of the trace
  Status Validate() const;         // InvalidArgument naming --as-of when it is not a time
};

// NotFound for an unknown prediction id.
Result<lineage::TraceResult> TraceLineage(const TraceLineageOptions& options);

struct ImpactOptions {
  store::LocateOptions store = {};
  std::string dataset = "";  // NAME@VERSION (version, digest prefix or latest)
  Status Validate() const;
};

// NotFound for an unknown dataset or version (naming what exists).
Result<lineage::ImpactResult> ImpactOfDataset(const ImpactOptions& options);

}  // namespace airm::usecases
