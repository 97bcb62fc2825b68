// /api/risks: the risk register (usecases/governance_risks.h).
#include "airm/report/governance_documents.h"
#include "airm/usecases/governance_risks.h"
#include "handlers.h"
#include "ownership.h"
#include "responses.h"

namespace airm::server::handlers {
namespace {

Status ReadInt(const nlohmann::json& body, const char* name, std::optional<int>* out) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_number_integer()) {
    return Status::InvalidArgument(std::string("request body: \"") + name +
                                   "\" must be an integer");
  }
  *out = it->get<int>();
  return Status::Ok();
}

Status ReadString(const nlohmann::json& body, const char* name, std::optional<std::string>* out) {
  if (!body.contains(name)) return Status::Ok();
  Result<std::string> v = StringField(body, name, false);
  if (!v.ok()) return v.status();
  *out = *v;
  return Status::Ok();
}

Status ReadControls(const nlohmann::json& body, std::optional<std::vector<std::string>>* out) {
  auto it = body.find("controls");
  if (it == body.end() || it->is_null()) return Status::Ok();
  if (!it->is_array()) return Status::InvalidArgument("request body: \"controls\" must be a list");
  std::vector<std::string> controls;
  for (const nlohmann::json& c : *it) {
    if (!c.is_string()) return Status::InvalidArgument("request body: \"controls\": strings only");
    controls.push_back(c.get<std::string>());
  }
  *out = controls;
  return Status::Ok();
}

Result<usecases::RiskChanges> ReadChanges(const nlohmann::json& body) {
  usecases::RiskChanges c;
  for (auto [field, name] : {std::pair{&c.title, "title"},
                             {&c.description, "description"},
                             {&c.category, "category"},
                             {&c.treatment, "treatment"},
                             {&c.owner, "owner"},
                             {&c.due_date, "due_date"},
                             {&c.status, "status"}}) {
    AIRM_RETURN_IF_ERROR(ReadString(body, name, field));
  }
  for (auto [field, name] : {std::pair{&c.inherent_likelihood, "likelihood"},
                             {&c.inherent_impact, "impact"},
                             {&c.residual_likelihood, "residual_likelihood"},
                             {&c.residual_impact, "residual_impact"}}) {
    AIRM_RETURN_IF_ERROR(ReadInt(body, name, field));
  }
  AIRM_RETURN_IF_ERROR(ReadControls(body, &c.controls));
  return c;
}

}  // namespace

// ?system= ?status= filter; paged.
ApiResponse ListRisks(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto reg = usecases::ListRisks({.store = context.store, .system = request.Query("system")});
  if (!reg.ok()) return ProblemFor(reg.status(), request);
  std::vector<governance::Risk> kept;
  for (const governance::Risk& r : reg->risks) {
    if (!request.Query("status").empty() && r.status != request.Query("status")) continue;
    kept.push_back(r);
  }
  nlohmann::json doc = nlohmann::json::parse(governance::RenderRiskRegisterJson(
      Slice(kept, *page), reg->matrix, reg->findings, ApiMeta(request)));
  AddPage(&doc, *page, kept.size());
  return JsonDocument(doc, request);
}

// Body: system, title, category, likelihood, impact, treatment, and optionally
// description, owner (default: the caller), due_date, controls.
ApiResponse AddRisk(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  Result<std::string> system = StringField(*body, "system", true);
  if (!system.ok()) return ProblemFor(system.status(), request);
  if (auto denied = RequireSystemOwner(context, request, *system)) return *denied;
  Result<usecases::RiskChanges> c = ReadChanges(*body);
  if (!c.ok()) return ProblemFor(c.status(), request);
  governance::Risk risk;
  risk.system = *system;
  risk.title = c->title.value_or("");
  risk.description = c->description.value_or("");
  risk.category = c->category.value_or("");
  risk.inherent_likelihood = c->inherent_likelihood.value_or(0);
  risk.inherent_impact = c->inherent_impact.value_or(0);
  // The person adding a risk answers for it unless the body names someone.
  risk.owner = c->owner.value_or(ActorOf(request));
  if (c->treatment) risk.treatment = *c->treatment;
  risk.due_date = c->due_date;
  if (c->controls) risk.controls = *c->controls;
  auto added = usecases::AddRisk({.store = context.store, .actor = ActorOf(request), .risk = risk});
  if (!added.ok()) return ProblemFor(added.status(), request);
  ApiResponse r = JsonDocument(
      governance::RenderRiskWriteJson("risk_added", added->risk, added->matrix, {}, added->actor,
                                      added->audit_head, added->findings, ApiMeta(request)),
      request);
  r.status = 201;
  return r;
}

// Body: the fields to change (as for AddRisk, plus status and residual_*).
ApiResponse UpdateRisk(const ServerContext& context, const ApiRequest& request) {
  const std::string& id = request.params.at("id");
  auto reg = usecases::ListRisks({.store = context.store});
  if (!reg.ok()) return ProblemFor(reg.status(), request);
  Result<int64_t> risk_id = governance::ParseRiskId(id);
  if (!risk_id.ok()) return ProblemFor(risk_id.status(), request);
  const governance::Risk* found = nullptr;
  for (const governance::Risk& r : reg->risks) {
    if (r.id == *risk_id) found = &r;
  }
  if (found == nullptr) return Problem(404, "not-found", "no risk '" + id + "'", request);
  if (auto denied = RequireSystemOwner(context, request, found->system)) return *denied;
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  Result<usecases::RiskChanges> c = ReadChanges(*body);
  if (!c.ok()) return ProblemFor(c.status(), request);
  auto updated = usecases::UpdateRisk(
      {.store = context.store, .actor = ActorOf(request), .risk_id = id, .changes = *c});
  if (!updated.ok()) return ProblemFor(updated.status(), request);
  return JsonDocument(governance::RenderRiskWriteJson(
                          "risk_updated", updated->risk, updated->matrix, updated->changed,
                          updated->actor, updated->audit_head, updated->findings, ApiMeta(request)),
                      request);
}

}  // namespace airm::server::handlers
