#include "airm/usecases/governance_report.h"

#include "airm/usecases/governance_escalation.h"
#include "airm/usecases/governance_frameworks.h"
#include "airm/usecases/store_access.h"
#include "governance_scope.h"
#include "governance_write.h"

namespace airm::usecases {
namespace {

int Rank(const std::string& verdict) {
  return verdict == "at_risk" ? 2 : verdict == "needs_attention" ? 1 : 0;
}

void Judge(SystemSummary* s) {
  const std::string& tier = s->coverage.tier;
  std::vector<std::string> severe, mild;
  if (tier == "prohibited") severe.push_back("its EU AI Act tier is prohibited");
  for (const governance::Escalation& e : s->overdue) {
    (e.level == "escalated" ? severe : mild)
        .push_back(e.item.what + " is " + std::to_string(e.days_overdue) + " days overdue" +
                   (e.escalate_to.empty() ? "" : " (escalated to " + e.escalate_to + ")"));
  }
  for (const governance::StaleApproval& a : s->stale_approvals) {
    mild.push_back(a.reason == "evidence_expired"
                       ? "the approval of " + a.model + " lapsed: its evidence is no longer current"
                       : "the approval of " + a.model +
                             " does not cover it: the model changed since the board approved");
  }
  for (const governance::PracticeScore& p : s->practices) {
    if (p.status == "met") continue;
    const std::string what = p.title + (p.status == "missing" ? " is missing" : " is incomplete");
    (tier == "high" && p.status == "missing" ? severe : mild).push_back(what);
  }
  if (s->open_high_risks > 0) {
    mild.push_back(s->open_high_risks == 1 ? "1 open risk is rated high or critical"
                                           : std::to_string(s->open_high_risks) +
                                                 " open risks are rated high or critical");
  }
  s->verdict = !severe.empty() ? "at_risk" : !mild.empty() ? "needs_attention" : "on_track";
  s->reasons = severe;
  s->reasons.insert(s->reasons.end(), mild.begin(), mild.end());
}

}  // namespace

Status GovernanceReportOptions::Validate() const { return internal::ValidateToday(today); }

Result<GovernanceReport> BuildGovernanceReport(const GovernanceReportOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  GovernanceReport out;
  out.today = internal::TodayOr(options.today);
  AIRM_ASSIGN_OR_RETURN(
      FrameworkCoverageResult coverage,
      GetFrameworkCoverage({.store = options.store, .system = options.system, .today = out.today}));
  AIRM_ASSIGN_OR_RETURN(
      EscalationStatus escalation,
      GetEscalationStatus({.store = options.store, .system = options.system, .today = out.today}));
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(out.matrix, internal::LoadRiskMatrix("", opened.workspace));
  std::vector<governance::SystemView> views;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    views.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          internal::SelectSystems(tx, options.system));
    for (const governance::AiSystem& s : systems) {
      AIRM_ASSIGN_OR_RETURN(governance::SystemView v, governance::LoadSystemView(tx, s));
      views.push_back(std::move(v));
    }
    return Status::Ok();
  }));
  std::vector<std::vector<governance::PracticeScore>> all_practices;
  for (governance::SystemView& v : views) {
    SystemSummary s;
    for (const governance::SystemCoverage& c : coverage.report.systems) {
      if (c.system == v.system.name) s.coverage = c;
    }
    s.practices = governance::ScorePractices(s.coverage);
    for (const governance::Escalation& e : escalation.report.escalations) {
      if (e.item.system == v.system.name) s.overdue.push_back(e);
    }
    for (const governance::StaleApproval& a : escalation.stale_approvals) {
      if (a.system == v.system.name) s.stale_approvals.push_back(a);
    }
    for (const governance::Risk& r : v.risks) {
      if (r.status != "open" && r.status != "in-progress") continue;
      ++s.open_risks;
      const bool residual = r.residual_likelihood && r.residual_impact;
      const std::string& rating =
          residual ? out.matrix.Rating(*r.residual_likelihood, *r.residual_impact)
                   : out.matrix.Rating(r.inherent_likelihood, r.inherent_impact);
      s.open_high_risks += rating == "high" || rating == "critical";
    }
    s.view = std::move(v);
    Judge(&s);
    all_practices.push_back(s.practices);
    out.systems.push_back(std::move(s));
  }
  out.practices = governance::TallyPractices(all_practices);
  out.frameworks = coverage.report.portfolio;
  out.verdict = out.systems.empty() ? "empty" : "on_track";
  for (const SystemSummary& s : out.systems) {
    if (Rank(s.verdict) > Rank(out.verdict)) out.verdict = s.verdict;
  }
  return out;
}

}  // namespace airm::usecases
