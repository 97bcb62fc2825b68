// /api/datasets and lineage (usecases/list_datasets.h, trace_lineage.h,
// system_lineage.h).
#include "airm/report/lineage_documents.h"
#include "airm/report/store_documents.h"
#include "airm/usecases/list_datasets.h"
#include "airm/usecases/system_lineage.h"
#include "airm/usecases/trace_lineage.h"
#include "handlers.h"
#include "responses.h"

namespace airm::server::handlers {

// ?name= filter; paged.
ApiResponse ListDatasets(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto list = usecases::ListDatasets({.store = context.store, .name = request.Query("name")});
  if (!list.ok()) return ProblemFor(list.status(), request);
  usecases::DatasetVersionList paged = *list;
  paged.versions = Slice(list->versions, *page);
  nlohmann::json doc =
      nlohmann::json::parse(report::RenderDatasetVersionsJson(paged, ApiMeta(request)));
  AddPage(&doc, *page, list->versions.size());
  return JsonDocument(doc, request);
}

ApiResponse ShowDataset(const ServerContext& context, const ApiRequest& request) {
  auto detail =
      usecases::ShowDataset({.store = context.store, .reference = request.params.at("ref")});
  if (!detail.ok()) return ProblemFor(detail.status(), request);
  return JsonDocument(report::RenderDatasetVersionDetailJson(*detail, ApiMeta(request)), request);
}

// ?as_of= ; files are not re-hashed (a request must not read the disk at an
// attacker's pace); the CLI's `airm lineage trace` does that.
ApiResponse TracePrediction(const ServerContext& context, const ApiRequest& request) {
  auto trace = usecases::TraceLineage({.store = context.store,
                                       .prediction_id = request.params.at("id"),
                                       .as_of = request.Query("as_of"),
                                       .verify_files = false});
  if (!trace.ok()) return ProblemFor(trace.status(), request);
  return JsonDocument(lineage::RenderTrace(*trace, lineage::GraphFormat::kJson, ApiMeta(request)),
                      request);
}

// The serving versions of a system's models: chaos verdicts and lineage graphs.
ApiResponse SystemLineage(const ServerContext& context, const ApiRequest& request) {
  auto lineage = usecases::GetSystemLineage({.store = context.store,
                                             .system = request.params.at("name"),
                                             .config_cache = context.config_cache});
  if (!lineage.ok()) return ProblemFor(lineage.status(), request);
  return JsonDocument(lineage::RenderSystemLineageJson(lineage->system, lineage->models,
                                                       lineage->monitors_note, ApiMeta(request)),
                      request);
}

}  // namespace airm::server::handlers
