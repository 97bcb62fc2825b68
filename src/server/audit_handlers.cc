// /api/audit: the governance audit log (usecases/governance_audit.h).
#include "airm/report/governance_documents.h"
#include "airm/usecases/governance_audit.h"
#include "handlers.h"
#include "responses.h"

namespace airm::server::handlers {

// The entries, paged (oldest first), with the heads, the key and the
// verification; ?action= keeps entries whose action starts with it.
ApiResponse AuditLog(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto exported = usecases::ExportAudit({.store = context.store});
  if (!exported.ok()) return ProblemFor(exported.status(), request);
  governance::AuditLogSnapshot log = exported->log;
  const std::string action = request.Query("action");
  if (!action.empty()) {
    std::vector<governance::AuditEntry> kept;
    const std::string needle = "\"action\":\"" + action;
    for (const governance::AuditEntry& e : log.entries) {
      if (e.entry.find(needle) != std::string::npos) kept.push_back(e);
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
