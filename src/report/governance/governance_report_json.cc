// JSON and text of `airm system report`.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "airm/report/governance_report.h"
#include "airm/report/json_util.h"
#include "airm/report/text_summaries.h"
#include "governance/stale_approvals_json.h"

namespace airm::report {

std::string RenderGovernanceReportJson(const usecases::GovernanceReport& r,
                                       const ReportMeta& meta) {
  Json doc = DocumentHeader("governance_report", "1.1", meta);
  int counts[3] = {0, 0, 0};
  for (const usecases::SystemSummary& s : r.systems) {
    ++counts[s.verdict == "at_risk" ? 2 : s.verdict == "needs_attention" ? 1 : 0];
  }
  doc["today"] = r.today;
  doc["quarter"] = r.quarter;
  doc["monitors_note"] = r.monitors_note.empty() ? Json(nullptr) : Json(r.monitors_note);
  doc["summary"] = {{"systems", r.systems.size()},
                    {"verdict", r.verdict},
                    {"on_track", counts[0]},
                    {"needs_attention", counts[1]},
                    {"at_risk", counts[2]}};
  Json practices = Json::array();
  for (const governance::PracticeTally& t : r.practices) {
    practices.push_back({{"name", t.practice},
                         {"title", t.title},
                         {"met", t.met},
                         {"partial", t.partial},
                         {"missing", t.missing}});
  }
  doc["practices"] = std::move(practices);
  Json frameworks = Json::array();
  for (const governance::FrameworkCoverage& f : r.frameworks) {
    frameworks.push_back({{"name", f.framework},
                          {"title", f.title},
                          {"applicable", f.applicable},
                          {"items", f.items},
                          {"covered", f.covered},
                          {"coverage", JsonNumber(f.coverage)}});
  }
  doc["frameworks"] = std::move(frameworks);
  Json systems = Json::array();
  for (const usecases::SystemSummary& s : r.systems) {
    Json scores = Json::array();
    for (const governance::PracticeScore& p : s.practices) {
      scores.push_back({{"name", p.practice},
                        {"title", p.title},
                        {"status", p.status},
                        {"controls_met", p.controls_met},
                        {"controls_not_met", p.controls_not_met},
                        {"advice", p.advice}});
    }
    Json overdue = Json::array();
    for (const governance::Escalation& e : s.overdue) {
      overdue.push_back(
          {{"subject", e.item.subject},
           {"what", e.item.what},
           {"days_overdue", e.days_overdue},
           {"level", e.level},
           {"escalate_to", e.escalate_to.empty() ? Json(nullptr) : Json(e.escalate_to)}});
    }
    const usecases::QuarterSeen& q = s.quarter;
    Json performance = nullptr;
    if (q.performance) {
      performance = {{"window", q.performance_window},
                     {"metric", q.performance_metric},
                     {"value", JsonNumber(*q.performance)},
                     {"estimated", q.performance_estimated}};
    }
    const Json quarter = {{"monitors", q.monitors},
                          {"windows", q.windows},
                          {"drift_windows", q.drift_windows},
                          {"drifted_windows", q.drifted_windows},
                          {"drifted_columns", q.drifted_columns},
                          {"alerts_fired", q.alerts_fired},
                          {"critical_alerts_fired", q.critical_alerts_fired},
                          {"incidents", q.incidents},
                          {"incidents_open", q.incidents_open},
                          {"performance", performance},
                          {"summary", QuarterWords(q)}};
    const governance::AiSystem& sys = s.view.system;
    systems.push_back({{"name", sys.name},
                       {"verdict", s.verdict},
                       {"reasons", s.reasons},
                       {"purpose", sys.purpose},
                       {"owner", sys.owner},
                       {"tier", s.coverage.tier.empty() ? Json(nullptr) : Json(s.coverage.tier)},
                       {"open_risks", s.open_risks},
                       {"open_high_risks", s.open_high_risks},
                       {"practices", scores},
                       {"overdue", overdue},
                       {"stale_approvals", StaleApprovalsJson(s.stale_approvals)},
                       {"quarter", quarter}});
  }
  doc["systems"] = std::move(systems);
  return DumpJson(doc);
}

std::string GovernanceReportText(const usecases::GovernanceReport& r,
                                 const std::vector<GateOutcome>& gates) {
  std::string out = fmt::format("Portfolio: {} ({} systems, {})\n", VerdictWords(r.verdict),
                                r.systems.size(), r.today);
  for (const governance::PracticeTally& t : r.practices) {
    out += fmt::format("  {:<26} met by {} of {}\n", t.title, t.met, r.systems.size());
  }
  for (const usecases::SystemSummary& s : r.systems) {
    out += fmt::format("{}: {}\n", s.view.system.name, VerdictWords(s.verdict));
    for (const std::string& why : s.reasons) out += "  - " + why + "\n";
    out += "  " + r.quarter + ": " + QuarterWords(s.quarter) + "\n";
  }
  if (!r.monitors_note.empty()) out += "(" + r.monitors_note + ")\n";
  return out + GateLinesText(gates);
}

}  // namespace airm::report
