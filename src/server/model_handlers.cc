// /api/models: registered model versions and their cards
// (usecases/model_card.h).
#include "airm/lineage/model_card.h"
#include "airm/report/lineage_documents.h"
#include "airm/report/store_documents.h"
#include "airm/usecases/model_card.h"
#include "handlers.h"
#include "responses.h"

namespace airm::server::handlers {

// ?name= filter; paged.
ApiResponse ListModels(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto versions = usecases::ListModels({.store = context.store, .name = request.Query("name")});
  if (!versions.ok()) return ProblemFor(versions.status(), request);
  nlohmann::json doc = nlohmann::json::parse(
      report::RenderModelVersionsJson(Slice(*versions, *page), ApiMeta(request)));
  AddPage(&doc, *page, versions->size());
  return JsonDocument(doc, request);
}

// The model card of NAME@VERSION (version, digest prefix or latest), as JSON.
ApiResponse ModelCard(const ServerContext& context, const ApiRequest& request) {
  auto card = usecases::MakeModelCard({.store = context.store, .model = request.params.at("ref")});
  if (!card.ok()) return ProblemFor(card.status(), request);
  return JsonDocument(lineage::RenderModelCard(*card, lineage::CardFormat::kJson, ApiMeta(request)),
                      request);
}

}  // namespace airm::server::handlers
