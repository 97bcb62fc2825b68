// JSON and text of `airm escalation status`.
#include "airm/report/escalation_documents.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "airm/report/json_util.h"
#include "airm/report/text_summaries.h"
#include "governance/stale_approvals_json.h"

namespace airm::report {

Json StaleApprovalsJson(const std::vector<governance::StaleApproval>& stale) {
  Json out = Json::array();
  for (const governance::StaleApproval& s : stale) {
    out.push_back({{"system", s.system},
                   {"model", s.model},
                   {"board", s.board},
                   {"reason", s.reason},
                   {"signers", s.signers},
                   {"controls", s.controls},
                   {"detail", s.detail}});
  }
  return out;
}

// A recipient's entry in `people:`: whom the notification was addressed to.
Json PersonJson(const std::optional<governance::Person>& p) {
  if (!p) return nullptr;
  auto text = [](const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); };
  return {{"id", p->id}, {"email", text(p->email)}, {"webhook", text(p->webhook)}};
}

std::string RenderEscalationJson(const usecases::EscalationStatus& st, const ReportMeta& meta) {
  Json doc = DocumentHeader("escalation_status", "1.1", meta);
  Json findings = Json::array();
  for (const Finding& f : st.report.findings) findings.push_back(FindingJson(f));
  doc["findings"] = std::move(findings);
  doc["today"] = st.today;
  doc["summary"] = {{"items", st.items},
                    {"overdue", st.report.overdue},
                    {"escalated", st.report.escalated},
                    {"stale_approvals", st.stale_approvals.size()}};
  const governance::EscalationConfig& c = st.config;
  Json chain = Json::array();
  for (const governance::EscalationChainStep& step : c.chain) {
    chain.push_back({{"to", step.to}, {"after_days", step.after_days}});
  }
  Json people = nullptr;  // null: airm.yaml has no people: directory
  if (st.people.Configured()) {
    people = Json::array();
    for (const governance::Person& p : st.people.people) {
      people.push_back(PersonJson(p));
      people.back()["aliases"] = p.aliases;
      people.back()["manager"] = p.manager.empty() ? Json(nullptr) : Json(p.manager);
    }
  }
  doc["people"] = std::move(people);
  doc["rules"] = {{"source", c.source},
                  {"default_to", c.default_to.empty() ? Json(nullptr) : Json(c.default_to)},
                  {"managers", c.managers},
                  {"risk_grace_days", c.risk_grace_days},
                  {"condition_grace_days", c.condition_grace_days},
                  {"review_sla_days", c.review_sla_days},
                  {"alert_sla_days", c.alert_sla_days},
                  {"chain", chain}};
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
                    {"step", e.step},
                    {"escalate_to", e.escalate_to.empty() ? Json(nullptr) : Json(e.escalate_to)},
                    {"rule", e.rule}});
  }
  doc["escalations"] = std::move(list);
  doc["stale_approvals"] = StaleApprovalsJson(st.stale_approvals);
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
  for (const governance::StaleApproval& s : st.stale_approvals) {
    out += fmt::format("  stale     {:<22} {}\n", "model:" + s.model, s.detail);
  }
  return out + GateLinesText(gates);
}

std::string RenderEscalationsNotifiedJson(const usecases::EscalationsNotified& n,
                                          const ReportMeta& meta) {
  Json doc = DocumentHeader("escalation_notified", "1.1", meta);
  doc["today"] = n.status.today;
  const int delivered = n.delivery ? n.delivery->Delivered() : 0;
  const int pending = n.delivery ? n.delivery->Pending() : 0;
  doc["summary"] = {{"notices", n.notices.size()},
                    {"queued_now", n.queued_now},
                    {"delivered", delivered},
                    {"pending", pending}};
  Json notices = Json::array();
  for (const usecases::EscalationNotice& x : n.notices) {
    const governance::Escalation& e = x.escalation;
    notices.push_back({{"subject", e.item.subject},
                       {"system", e.item.system},
                       {"kind", e.item.kind},
                       {"recipient", x.recipient.empty() ? Json(nullptr) : Json(x.recipient)},
                       {"person", PersonJson(x.person)},
                       {"level", e.level},
                       {"step", e.step},
                       {"days_overdue", e.days_overdue},
                       {"notification", x.key},
                       {"queued_now", x.queued_now}});
  }
  doc["notices"] = std::move(notices);
  Json channels = Json::array();
  if (n.delivery) {
    for (const alerting::ChannelSummary& c : n.delivery->channels) {
      channels.push_back({{"channel", c.channel},
                          {"queued", c.queued},
                          {"duplicates", c.duplicates},
                          {"delivered", c.delivered},
                          {"pending", c.pending}});
    }
  }
  doc["channels"] = std::move(channels);
  doc["held_by_monitor_run"] =
      n.held_by_monitor_run.empty() ? Json(nullptr) : Json(n.held_by_monitor_run);
  doc["actor"] = {{"name", n.actor.name}, {"source", n.actor.source}};
  doc["audit"] = {{"tree_size", n.audit_head.tree_size}, {"root_hash", n.audit_head.root_hex}};
  return DumpJson(doc);
}

std::string EscalationsNotifiedText(const usecases::EscalationsNotified& n) {
  std::string out = fmt::format("{} overdue items on {}: {} notified now, {} notified before\n",
                                n.notices.size(), n.status.today, n.queued_now,
                                n.notices.size() - static_cast<size_t>(n.queued_now));
  for (const usecases::EscalationNotice& x : n.notices) {
    std::string address;
    if (x.person && !x.person->email.empty()) address = " <" + x.person->email + ">";
    out += fmt::format("  {:<9} {:<22} → {}{}{}\n", x.escalation.level, x.escalation.item.subject,
                       x.recipient.empty() ? "nobody configured" : x.recipient, address,
                       x.queued_now ? "" : " (already notified)");
  }
  if (n.delivery) {
    out += fmt::format("delivered {}, pending {} (kept in the outbox for the next run)\n",
                       n.delivery->Delivered(), n.delivery->Pending());
  } else {
    out += "queued; not sent now: " + n.held_by_monitor_run + " (that run sends them)\n";
  }
  return out;
}

}  // namespace airm::report
