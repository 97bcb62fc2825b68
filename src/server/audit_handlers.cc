// /api/audit: the governance audit log (usecases/governance_audit.h).
#include "airm/report/governance_documents.h"
#include "airm/usecases/governance_audit.h"
#include "handlers.h"
#include "responses.h"

namespace airm::server::handlers {

namespace {

// The entry's string member `name` ("" when absent or not a string).
std::string EntryMember(const governance::AuditEntry& e, const char* name) {
  nlohmann::json doc = nlohmann::json::parse(e.entry, nullptr, false);
  if (!doc.is_object()) return "";
  auto it = doc.find(name);
  return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

// The entries, paged (oldest first), with the heads, the key and the
// verification; ?action= keeps entries whose action starts with it,
// ?subject= those about that subject ("system:credit"; a trailing '*'
// matches a prefix: "model:credit@*").
ApiResponse AuditLog(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto exported = usecases::ExportAudit({.store = context.store});
  if (!exported.ok()) return ProblemFor(exported.status(), request);
  governance::AuditLogSnapshot log = exported->log;
  const std::string action = request.Query("action");
  std::string subject = request.Query("subject");
  const bool prefix = !subject.empty() && subject.back() == '*';
  if (prefix) subject.pop_back();
  if (!action.empty() || !subject.empty()) {
    std::vector<governance::AuditEntry> kept;
    for (const governance::AuditEntry& e : log.entries) {
      if (!action.empty() && !EntryMember(e, "action").starts_with(action)) continue;
      const std::string about = subject.empty() ? "" : EntryMember(e, "subject");
      if (!subject.empty() && (prefix ? !about.starts_with(subject) : about != subject)) continue;
      kept.push_back(e);
    }
    log.entries = kept;
  }
  const size_t total = log.entries.size();
  log.entries = Slice(log.entries, *page);
  nlohmann::json doc = nlohmann::json::parse(
      governance::RenderAuditExportJson(log, exported->verification, ApiMeta(request)));
  AddPage(&doc, *page, total);
  return JsonDocument(doc, request);
}

ApiResponse AuditVerify(const ServerContext& context, const ApiRequest& request) {
  auto verified = usecases::VerifyAudit({.store = context.store});
  if (!verified.ok()) return ProblemFor(verified.status(), request);
  return JsonDocument(governance::RenderAuditVerificationJson(verified->verification,
                                                              verified->findings, ApiMeta(request)),
                      request);
}

}  // namespace airm::server::handlers
