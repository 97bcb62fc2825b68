#include "airm/usecases/governance_report.h"

#include <algorithm>
#include <map>

#include "airm/usecases/governance_escalation.h"
#include "airm/usecases/governance_frameworks.h"
#include "airm/usecases/quarterly_pack.h"
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

std::string ModelName(const std::string& model) { return model.substr(0, model.find('@')); }

// The pack's numbers for the monitors of the system's models.
void AddMonitoring(const QuarterlyPack& pack, const governance::SystemView& view,
                   QuarterSeen* seen) {
  std::map<std::string, int64_t> drifted;  // column -> windows it drifted in
  const PackPerformance* newest = nullptr;
  for (const QuarterlyPackMonitor& m : pack.monitors) {
    const bool ours =
        std::any_of(view.models.begin(), view.models.end(), [&](const governance::LinkedModel& l) {
          return !m.model.empty() && l.model == ModelName(m.model);
        });
    if (!ours) continue;
    seen->monitors.push_back(m.monitor);
    seen->windows += static_cast<int64_t>(m.windows.size());
    for (const PackWindow& w : m.windows) {
      if (!w.input_drift) continue;
      ++seen->drift_windows;
      seen->drifted_windows += *w.input_drift ? 1 : 0;
    }
    for (const PackDriftColumn& c : m.drift) {
      if (c.drifted > 0) drifted[c.column] += c.drifted;
    }
    for (const store::AlertEpisode& e : m.fired) {
      ++seen->alerts_fired;
      seen->critical_alerts_fired += e.severity == "critical" ? 1 : 0;
    }
    // Windows come oldest first, each window's metrics in the pack's order
    // (roc_auc first): keep the newest window's first metric with a number.
    for (const PackPerformance& p : m.performance) {
      if (!p.realized && !p.estimated) continue;
      if (newest == nullptr || p.label != newest->label) newest = &p;
    }
  }
  std::vector<std::pair<std::string, int64_t>> columns(drifted.begin(), drifted.end());
  std::stable_sort(columns.begin(), columns.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [column, windows] : columns) seen->drifted_columns.push_back(column);
  if (newest != nullptr) {
    seen->performance_window = newest->label;
    seen->performance_metric = newest->metric;
    seen->performance_estimated = !newest->realized.has_value();
    seen->performance = newest->realized ? newest->realized : newest->estimated;
  }
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
  out.quarter = QuarterOfDate(out.today);
  const auto bounds = QuarterBoundsUtc(out.quarter);
  if (!bounds) return Status::Internal("system report: no quarter for " + out.today);
  std::vector<governance::SystemView> views;
  std::vector<std::vector<governance::Incident>> incidents;
  AIRM_RETURN_IF_ERROR(opened.db->ReadTransaction([&](store::Database& tx) -> Status {
    views.clear();
    incidents.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          internal::SelectSystems(tx, options.system));
    for (const governance::AiSystem& s : systems) {
      AIRM_ASSIGN_OR_RETURN(governance::SystemView v, governance::LoadSystemView(tx, s));
      views.push_back(std::move(v));
      AIRM_ASSIGN_OR_RETURN(
          std::vector<governance::Incident> of_system,
          governance::ListIncidents(
              tx, {.system_id = s.id, .from = bounds->first, .to = bounds->second}));
      incidents.push_back(std::move(of_system));
    }
    return Status::Ok();
  }));
  // As the framework evidence does, a workspace whose monitors cannot be
  // read (no airm.yaml beside a bare store file, or a broken monitors
  // section) still gets its report, saying so.
  std::optional<QuarterlyPack> pack;
  if (auto built = BuildQuarterlyPack({.store = options.store, .quarter = out.quarter});
      built.ok()) {
    pack = std::move(built).value();
  } else {
    out.monitors_note = "monitors not read: " + built.status().message();
  }
  std::vector<std::vector<governance::PracticeScore>> all_practices;
  for (size_t i = 0; i < views.size(); ++i) {
    governance::SystemView& v = views[i];
    SystemSummary s;
    if (pack) AddMonitoring(*pack, v, &s.quarter);
    for (const governance::Incident& incident : incidents[i]) {
      s.quarter.incidents.push_back(incident.Key());
      s.quarter.incidents_open += incident.IsOpen() ? 1 : 0;
    }
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
