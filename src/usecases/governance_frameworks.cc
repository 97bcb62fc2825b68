#include "airm/usecases/governance_frameworks.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/governance/reviews.h"
#include "airm/governance/risk_register.h"
#include "airm/governance/system_view.h"
#include "airm/store/models.h"
#include "airm/store/quality_checks.h"
#include "airm/store/timestamp.h"
#include "board_reviews.h"
#include "governance_scope.h"
#include "monitor_workspace.h"

namespace airm::usecases {
namespace {

using governance::EvidenceItem;

// The newest of two optional ISO 8601 times (they sort as text).
void KeepNewest(std::optional<std::string>* newest, const std::optional<std::string>& t) {
  if (t && (!*newest || *t > **newest)) *newest = t;
}

EvidenceItem Present(const char* kind, std::string detail,
                     std::optional<std::string> at = std::nullopt) {
  return {.kind = kind, .present = true, .detail = std::move(detail), .observed_at = std::move(at)};
}
EvidenceItem Missing(const char* kind, std::string detail) {
  return {.kind = kind, .present = false, .detail = std::move(detail)};
}

// MAX(time), COUNT(*) of one query with a single `?`.
struct Latest {
  std::optional<std::string> at;
  int64_t count = 0;
};
Result<Latest> LatestOf(store::Database& db, std::string_view sql, int64_t id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<store::Row> rows, db.Query(sql, {id}));
  Latest out;
  if (!rows.empty()) {
    out.at = rows[0].OptionalText(0);
    out.count = rows[0].Int(1);
  }
  return out;
}

struct Facts {
  governance::SystemView view;
  std::vector<store::ModelVersion> newest;  // one per linked model with versions
  std::vector<std::string> monitors;        // airm.yaml monitors on a linked model
};

// The evidence of the linked models' newest versions.
Status ModelEvidence(store::Database& db, const Facts& f, std::vector<EvidenceItem>* out) {
  const std::string none = "no model is linked to the system (`airm system link`)";
  if (f.newest.empty()) {
    for (const char* kind : {"approval", "model_card", "training_lineage", "data_quality",
                             "prediction_log", "performance_evaluation", "fairness_evaluation"}) {
      out->push_back(Missing(kind, none));
    }
    return Status::Ok();
  }
  std::vector<std::string> unapproved, no_card, no_data, no_metrics;
  std::optional<std::string> approved_at, dq_at, log_at, perf_at, fair_at;
  int64_t dq_runs = 0, batches = 0, segments = 0;
  for (const store::ModelVersion& v : f.newest) {
    bool approved = false;
    AIRM_ASSIGN_OR_RETURN(std::vector<internal::BoardReview> reviews, internal::ReviewsOf(db, v));
    for (const internal::BoardReview& r : reviews) {
      if (r.state.state != "approved") continue;
      approved = true;
      for (const governance::SignOff& s : r.state.current) KeepNewest(&approved_at, s.decided_at);
    }
    if (!approved) unapproved.push_back(v.Ref());
    if (!v.card_json || v.card_json->empty()) no_card.push_back(v.Ref());
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelData> data, store::ModelDataOf(db, v.id));
    if (data.empty() && !v.training_run_id) no_data.push_back(v.Ref());
    for (const store::ModelData& d : data) {
      AIRM_ASSIGN_OR_RETURN(std::vector<store::QualityCheckRun> runs,
                            store::QualityCheckRunsOf(db, d.dataset_version_id));
      dq_runs += static_cast<int64_t>(runs.size());
      for (const store::QualityCheckRun& r : runs) KeepNewest(&dq_at, r.executed_at);
    }
    AIRM_ASSIGN_OR_RETURN(
        Latest logs,
        LatestOf(db,
                 "SELECT MAX(logged_at), COUNT(*) FROM prediction_batches WHERE model_version_id "
                 "IN (SELECT id FROM model_versions WHERE model_id = ?)",
                 v.model_id));
    batches += logs.count;
    KeepNewest(&log_at, logs.at);
    AIRM_ASSIGN_OR_RETURN(Latest perf, LatestOf(db,
                                                "SELECT MAX(recorded_at), COUNT(*) FROM "
                                                "model_metrics WHERE model_version_id = ? AND "
                                                "segment = ''",
                                                v.id));
    if (perf.count == 0) no_metrics.push_back(v.Ref());
    KeepNewest(&perf_at, perf.at);
    AIRM_ASSIGN_OR_RETURN(Latest fair, LatestOf(db,
                                                "SELECT MAX(recorded_at), COUNT(*) FROM "
                                                "model_metrics WHERE model_version_id = ? AND "
                                                "segment <> ''",
                                                v.id));
    segments += fair.count;
    KeepNewest(&fair_at, fair.at);
  }
  auto refs = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& r : v) s += (s.empty() ? "" : ", ") + r;
    return s;
  };
  out->push_back(unapproved.empty() ? Present("approval", "approved by a review board", approved_at)
                                    : Missing("approval", "not approved by any review board: " +
                                                              refs(unapproved)));
  out->push_back(no_card.empty() ? Present("model_card", "every newest version has a card")
                                 : Missing("model_card", "no model card: " + refs(no_card)));
  out->push_back(no_data.empty()
                     ? Present("training_lineage", "training data recorded by digest")
                     : Missing("training_lineage", "no training data recorded: " + refs(no_data)));
  out->push_back(
      dq_runs > 0 ? Present("data_quality", std::to_string(dq_runs) + " quality check runs", dq_at)
                  : Missing("data_quality",
                            "no quality check ran on the training data "
                            "(`airm dataset check`)"));
  out->push_back(batches > 0 ? Present("prediction_log",
                                       std::to_string(batches) + " prediction batches", log_at)
                             : Missing("prediction_log", "no predictions logged"));
  out->push_back(
      no_metrics.empty()
          ? Present("performance_evaluation", "overall metrics recorded", perf_at)
          : Missing("performance_evaluation", "no metrics recorded: " + refs(no_metrics)));
  out->push_back(segments > 0 ? Present("fairness_evaluation",
                                        std::to_string(segments) + " per-segment metrics", fair_at)
                              : Missing("fairness_evaluation", "no per-segment metrics recorded"));
  return Status::Ok();
}

Result<EvidenceItem> MonitorEvidence(store::Database& db, const Facts& f,
                                     const std::string& config_note) {
  if (f.monitors.empty()) {
    return Missing("drift_monitoring", config_note.empty()
                                           ? "no monitor in airm.yaml watches a linked model"
                                           : config_note);
  }
  std::optional<std::string> newest;
  int64_t windows = 0;
  for (const std::string& m : f.monitors) {
    AIRM_ASSIGN_OR_RETURN(
        std::vector<store::Row> rows,
        db.Query("SELECT MAX(computed_at), COUNT(*) FROM monitor_windows WHERE monitor = ?", {m}));
    if (rows.empty()) continue;
    KeepNewest(&newest, rows[0].OptionalText(0));
    windows += rows[0].Int(1);
  }
  if (windows == 0) {
    return Missing("drift_monitoring", "monitors declared but no window computed yet");
  }
  return Present("drift_monitoring", std::to_string(windows) + " monitor windows", newest);
}

// Audit entries about the system, its risks or its models ("system:NAME",
// "risk:R-001", "model:NAME@VERSION").
Result<EvidenceItem> AuditEvidence(store::Database& db, const Facts& f) {
  std::set<std::string> subjects = {"system:" + f.view.system.name};
  for (const governance::Risk& r : f.view.risks) subjects.insert("risk:" + r.Key());
  std::set<std::string> models;
  for (const governance::LinkedModel& m : f.view.models) models.insert(m.model);
  int64_t count = 0;
  std::optional<std::string> newest;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT entry FROM audit_entries ORDER BY seq", {}, [&](const store::Row& row) -> Status {
        const nlohmann::json e = nlohmann::json::parse(row.Text(0), nullptr, false);
        if (!e.is_object() || !e.contains("subject") || !e["subject"].is_string()) {
          return Status::Ok();  // `airm audit verify` reports damaged entries
        }
        const std::string subject = e["subject"].get<std::string>();
        bool ours = subjects.contains(subject);
        if (!ours && subject.rfind("model:", 0) == 0) {
          const std::string ref = subject.substr(6);
          ours = models.contains(ref.substr(0, ref.rfind('@')));
        }
        if (!ours) return Status::Ok();
        ++count;
        if (e.contains("at") && e["at"].is_string())
          KeepNewest(&newest, e["at"].get<std::string>());
        return Status::Ok();
      }));
  if (count == 0) return Missing("audit_trail", "no audit entry about the system");
  return Present("audit_trail", std::to_string(count) + " audit entries", newest);
}

Result<governance::SystemEvidence> Collect(store::Database& db, const governance::AiSystem& sys,
                                           const monitor::MonitorsConfig* monitors,
                                           const std::string& config_note,
                                           const std::string& today) {
  Facts f;
  AIRM_ASSIGN_OR_RETURN(f.view, governance::LoadSystemView(db, sys));
  std::set<std::string> names;
  for (const governance::LinkedModel& m : f.view.models) names.insert(m.model);
  AIRM_ASSIGN_OR_RETURN(f.newest, internal::NewestVersions(db, f.view.models));
  if (monitors) {
    for (const monitor::MonitorSpec& m : monitors->monitors) {
      if (!m.model.empty() && names.contains(m.model.substr(0, m.model.rfind('@')))) {
        f.monitors.push_back(m.name);
      }
    }
  }
  governance::SystemEvidence out{.system = sys.name};
  if (f.view.classification) out.tier = f.view.classification->result.tier;
  std::vector<EvidenceItem>& ev = out.evidence;
  ev.push_back(
      Present("inventory", "owner " + sys.owner + ", " + sys.lifecycle_state, sys.created_at));
  if (f.view.classification) {
    ev.push_back(Present("classification", "EU AI Act tier " + out.tier,
                         f.view.classification->classified_at));
  } else {
    ev.push_back(Missing("classification", "no EU AI Act tier (`airm system classify`)"));
  }
  const std::vector<governance::Risk>& risks = f.view.risks;
  if (risks.empty()) {
    ev.push_back(Missing("risk_register", "no risk registered (`airm risk add`)"));
    ev.push_back(Missing("risk_treatment", "no risk registered"));
  } else {
    std::optional<std::string> newest;
    for (const governance::Risk& r : risks) KeepNewest(&newest, r.updated_at);
    ev.push_back(Present("risk_register", std::to_string(risks.size()) + " risks", newest));
    int overdue = 0, unassessed = 0;
    for (const Finding& finding :
         governance::RiskFindings(risks, governance::RiskMatrix::Default(), today)) {
      overdue += finding.code == "risk.overdue";
      unassessed += finding.code == "risk.residual_unassessed";
    }
    if (overdue + unassessed == 0) {
      ev.push_back(Present("risk_treatment", "every risk assessed, none overdue", newest));
    } else {
      ev.push_back(Missing("risk_treatment", std::to_string(overdue) + " overdue, " +
                                                 std::to_string(unassessed) +
                                                 " without a residual rating"));
    }
  }
  AIRM_RETURN_IF_ERROR(ModelEvidence(db, f, &ev));
  AIRM_ASSIGN_OR_RETURN(EvidenceItem monitor, MonitorEvidence(db, f, config_note));
  ev.push_back(std::move(monitor));
  ev.push_back(Missing("failure_mode_testing",
                       "airm chaos results are not recorded in the store yet; run `airm chaos` "
                       "and keep its report"));
  AIRM_ASSIGN_OR_RETURN(EvidenceItem audit, AuditEvidence(db, f));
  ev.push_back(std::move(audit));
  if (sys.decision_type == "human-in-the-loop") {
    ev.push_back(Present("human_oversight", "decisions are human-in-the-loop"));
  } else {
    ev.push_back(Missing("human_oversight", "decisions are " + sys.decision_type));
  }
  return out;
}

}  // namespace

Status FrameworkCoverageOptions::Validate() const { return internal::ValidateToday(today); }

Result<FrameworkCoverageResult> GetFrameworkCoverage(const FrameworkCoverageOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  FrameworkCoverageResult out;
  AIRM_ASSIGN_OR_RETURN(out.library, governance::BuiltinControlLibrary());
  const std::string today = internal::TodayOr(options.today);
  // Monitors live in airm.yaml; a bare store file (or a config that does not
  // parse) still gets a coverage report, with the reason in the evidence.
  std::optional<internal::MonitorWorkspace> ws;
  std::string config_note;
  OpenedStore opened;
  if (auto w = internal::OpenMonitorWorkspace(options.store); w.ok()) {
    ws = std::move(w).value();
  } else {
    config_note = "monitors not read: " + w.status().message();
    AIRM_ASSIGN_OR_RETURN(opened, OpenStore(options.store));
  }
  store::Database& db = ws ? *ws->opened.db : *opened.db;
  std::vector<governance::SystemEvidence> evidence;
  AIRM_RETURN_IF_ERROR(db.ReadTransaction([&](store::Database& tx) -> Status {
    evidence.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::AiSystem> systems,
                          internal::SelectSystems(tx, options.system));
    for (const governance::AiSystem& s : systems) {
      AIRM_ASSIGN_OR_RETURN(governance::SystemEvidence e,
                            Collect(tx, s, ws ? &ws->config : nullptr, config_note, today));
      evidence.push_back(std::move(e));
    }
    return Status::Ok();
  }));
  AIRM_ASSIGN_OR_RETURN(
      out.report, governance::ComputeCoverage(out.library, evidence, options.frameworks, today));
  return out;
}

}  // namespace airm::usecases
