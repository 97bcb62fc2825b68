// JSON and text of `airm escalation status`.
#include "airm/report/escalation_documents.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "airm/report/json_util.h"
#include "airm/report/text_summaries.h"

namespace airm::report {

std::string RenderEscalationJson(const usecases::EscalationStatus& st, const ReportMeta& meta) {
  Json doc = DocumentHeader("escalation_status", "1.0", meta);
  Json findings = Json::array();
  for (const Finding& f : st.report.findings) findings.push_back(FindingJson(f));
  doc["findings"] = std::move(findings);
  doc["today"] = st.today;
  doc["summary"] = {
      {"items", st.items}, {"overdue", st.report.overdue}, {"escalated", st.report.escalated}};
  const governance::EscalationConfig& c = st.config;
  doc["rules"] = {{"source", c.source},
                  {"default_to", c.default_to.empty() ? Json(nullptr) : Json(c.default_to)},
                  {"managers", c.managers},
                  {"risk_grace_days", c.risk_grace_days},
                  {"condition_grace_days", c.condition_grace_days},
                  {"review_sla_days", c.review_sla_days}};
  Json list = Json::array();
  for (const governance::Escalation& e : st.report.escalations) {
    list.push_back({{"kind", e.item.kind},
                    {"subject", e.item.subject},
                    {"system", e.item.system},
                    {"what", e.item.what},
                    {"owner", e.item.owner.empty() ? Json(nullptr) : Json(e.item.owner)},
                    {"due", e.item.due},
                    {"days_overdue", e.days_overdue},
                    {"level", e.level},
                    {"escalate_to", e.escalate_to.empty() ? Json(nullptr) : Json(e.escalate_to)},
                    {"rule", e.rule}});
  }
  doc["escalations"] = std::move(list);
  return DumpJson(doc);
}

std::string EscalationText(const usecases::EscalationStatus& st,
                           const std::vector<GateOutcome>& gates) {
  std::string out = fmt::format("{} items with due dates checked on {}: {} overdue, {} escalated\n",
                                st.items, st.today, st.report.overdue, st.report.escalated);
  for (const governance::Escalation& e : st.report.escalations) {
    out += fmt::format("  {:<9} {:<22} {} days past {}  {}  → {}\n", e.level, e.item.subject,
                       e.days_overdue, e.item.due, e.item.what,
                       e.level == "owner"      ? e.item.owner + " (within grace)"
                       : e.escalate_to.empty() ? "nobody configured (escalation.default_to)"
                                               : e.escalate_to);
  }
  return out + GateLinesText(gates);
}

}  // namespace airm::report
