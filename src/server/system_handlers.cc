// /api/systems: the AI-system inventory (usecases/governance_systems.h).
#include "airm/report/governance_documents.h"
#include "airm/usecases/governance_systems.h"
#include "handlers.h"
#include "ownership.h"
#include "responses.h"

namespace airm::server::handlers {
namespace {

std::string TierOf(const governance::SystemView& v) {
  return v.classification ? v.classification->result.tier : "unclassified";
}

Result<std::vector<std::string>> StringList(const nlohmann::json& body, const char* name) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return out;
  if (it->is_string()) return std::vector<std::string>{it->get<std::string>()};
  if (!it->is_array()) {
    return Status::InvalidArgument(std::string("request body: \"") + name +
                                   "\" must be a list of strings");
  }
  for (const nlohmann::json& item : *it) {
    if (!item.is_string()) {
      return Status::InvalidArgument(std::string("request body: \"") + name +
                                     "\" must be a list of strings");
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace

// ?owner= ?tier= ?business_unit= filter; paged.
ApiResponse ListSystems(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto inventory = usecases::ListSystems({.store = context.store});
  if (!inventory.ok()) return ProblemFor(inventory.status(), request);
  std::vector<governance::SystemView> kept;
  for (const governance::SystemView& v : inventory->systems) {
    if (!request.Query("owner").empty() && v.system.owner != request.Query("owner")) continue;
    if (!request.Query("tier").empty() && TierOf(v) != request.Query("tier")) continue;
    if (!request.Query("business_unit").empty() &&
        v.system.business_unit != request.Query("business_unit")) {
      continue;
    }
    kept.push_back(v);
  }
  nlohmann::json doc = nlohmann::json::parse(
      governance::RenderInventoryJson(Slice(kept, *page), inventory->findings,
                                      governance::RiskMatrix::Default(), ApiMeta(request)));
  AddPage(&doc, *page, kept.size());
  return JsonDocument(doc, request);
}

ApiResponse ShowSystem(const ServerContext& context, const ApiRequest& request) {
  auto shown = usecases::ShowSystem({.store = context.store, .system = request.params.at("name")});
  if (!shown.ok()) return ProblemFor(shown.status(), request);
  return JsonDocument(
      governance::RenderSystemJson("ai_system", shown->system, shown->matrix, nullptr, nullptr,
                                   shown->findings, ApiMeta(request)),
      request);
}

// Body: name, owner (admins only; else the caller), business_unit, purpose,
// decision_type, affected_people, data_categories, lifecycle_state.
ApiResponse AddSystem(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  governance::AiSystem s;
  for (auto [field, name] : {std::pair{&s.name, "name"},
                             {&s.owner, "owner"},
                             {&s.business_unit, "business_unit"},
                             {&s.purpose, "purpose"},
                             {&s.decision_type, "decision_type"},
                             {&s.affected_people, "affected_people"},
                             {&s.lifecycle_state, "lifecycle_state"}}) {
    Result<std::string> v = StringField(*body, name, false);
    if (!v.ok()) return ProblemFor(v.status(), request);
    *field = *v;
  }
  Result<std::vector<std::string>> categories = StringList(*body, "data_categories");
  if (!categories.ok()) return ProblemFor(categories.status(), request);
  s.data_categories = *categories;
  const std::string actor = ActorOf(request);
  if (s.owner.empty()) s.owner = actor;
  if (s.owner != actor && request.principal->role != accounts::Role::kAdmin) {
    return Problem(403, "forbidden-owner", "only an admin may add a system owned by someone else",
                   request);
  }
  auto added = usecases::AddSystem({.store = context.store, .actor = actor, .system = s});
  if (!added.ok()) return ProblemFor(added.status(), request);
  governance::SystemView view{.system = added->system};
  ApiResponse r =
      JsonDocument(governance::RenderSystemJson(
                       "system_added", view, governance::RiskMatrix::Default(), &added->actor,
                       &added->audit_head, added->findings, ApiMeta(request)),
                   request);
  r.status = 201;
  return r;
}

// Body: models (a list of model names).
ApiResponse LinkSystemModel(const ServerContext& context, const ApiRequest& request) {
  const std::string& name = request.params.at("name");
  if (auto denied = RequireSystemOwner(context, request, name)) return *denied;
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  Result<std::vector<std::string>> models = StringList(*body, "models");
  if (!models.ok()) return ProblemFor(models.status(), request);
  auto linked = usecases::LinkSystem(
      {.store = context.store, .actor = ActorOf(request), .system = name, .models = *models});
  if (!linked.ok()) return ProblemFor(linked.status(), request);
  return JsonDocument(governance::RenderSystemJson(
                          "system_linked", linked->system, governance::RiskMatrix::Default(),
                          &linked->actor, &linked->audit_head, linked->findings, ApiMeta(request)),
                      request);
}

}  // namespace airm::server::handlers
