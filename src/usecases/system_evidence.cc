#include "system_evidence.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/governance/manual_evidence.h"
#include "airm/governance/reviews.h"
#include "airm/governance/risk_register.h"
#include "airm/governance/system_view.h"
#include "airm/store/model_results.h"
#include "airm/store/models.h"
#include "airm/store/quality_checks.h"
#include "airm/store/timestamp.h"
#include "board_reviews.h"

namespace airm::usecases::internal {
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
  std::vector<store::ModelVersion> newest;   // one per linked model with versions
  std::vector<store::ModelVersion> serving;  // ServingVersions
  std::vector<std::string> monitors;         // airm.yaml monitors on a linked model
};

// A board approves the newest version of every linked model, counting only
// approvals whose bound evidence is in `met_now` (lapsed ones reopened the
// review).
Result<EvidenceItem> ApprovalEvidence(store::Database& db, const Facts& f,
                                      const std::set<std::string>& met_now) {
  if (f.newest.empty()) {
    return Missing("approval", "no model is linked to the system (`airm system link`)");
  }
  std::vector<std::string> unapproved;
  std::optional<std::string> approved_at;
  for (const store::ModelVersion& v : f.newest) {
    bool approved = false;
    AIRM_ASSIGN_OR_RETURN(std::vector<BoardReview> reviews, ReviewsOf(db, v, &met_now));
    for (const BoardReview& r : reviews) {
      if (r.state.state != "approved") continue;
      approved = true;
      for (const governance::SignOff& s : r.state.current) KeepNewest(&approved_at, s.decided_at);
    }
    if (!approved) unapproved.push_back(v.Ref());
  }
  if (unapproved.empty()) return Present("approval", "approved by a review board", approved_at);
  std::string refs;
  for (const std::string& r : unapproved) refs += (refs.empty() ? "" : ", ") + r;
  return Missing("approval", "not approved by any review board (or its approval lapsed): " + refs);
}

// The evidence of the linked models' newest versions, but their approval.
Status ModelEvidence(store::Database& db, const Facts& f, std::vector<EvidenceItem>* out) {
  const std::string none = "no model is linked to the system (`airm system link`)";
  if (f.newest.empty()) {
    for (const char* kind : {"model_card", "training_lineage", "data_quality", "prediction_log",
                             "performance_evaluation", "fairness_evaluation"}) {
      out->push_back(Missing(kind, none));
    }
    return Status::Ok();
  }
  std::vector<std::string> no_card, no_data, no_metrics;
  std::optional<std::string> dq_at, log_at, perf_at, fair_at;
  int64_t dq_runs = 0, batches = 0, segments = 0;
  for (const store::ModelVersion& v : f.newest) {
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

// A chaos verdict (`airm chaos --model NAME@VERSION` records one) on every
// version that serves. The oldest of their newest runs is the observation
// time, so the control expires when the first serving version's run does.
// A failing verdict is still evidence that failure modes were tested; the
// detail says how each run ended.
Result<EvidenceItem> ChaosEvidence(store::Database& db, const Facts& f) {
  if (f.serving.empty()) {
    return Missing("failure_mode_testing", "no model is linked to the system (`airm system link`)");
  }
  std::vector<std::string> untested, verdicts;
  std::optional<std::string> oldest;
  for (const store::ModelVersion& v : f.serving) {
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelResult> results,
                          store::LatestModelResults(db, v.id));
    const store::ModelResult* chaos = nullptr;
    for (const store::ModelResult& r : results) {
      if (r.kind == "chaos") chaos = &r;
    }
    if (!chaos) {
      untested.push_back(v.Ref());
      continue;
    }
    verdicts.push_back(v.Ref() + " " + chaos->status + " (" + chaos->recorded_at + ")");
    if (!oldest || chaos->recorded_at < *oldest) oldest = chaos->recorded_at;
  }
  auto refs = [](const std::vector<std::string>& v) {
    std::string s;
    for (const std::string& r : v) s += (s.empty() ? "" : ", ") + r;
    return s;
  };
  if (!untested.empty()) {
    return Missing("failure_mode_testing",
                   "no chaos run recorded on the version that serves (`airm chaos --model "
                   "NAME@VERSION`): " +
                       refs(untested));
  }
  return Present("failure_mode_testing", "chaos runs: " + refs(verdicts), oldest);
}

// One monitor's windows, from `memo` when it has them.
Result<EvidenceMemo::Windows> WindowsOf(store::Database& db, const std::string& monitor,
                                        EvidenceMemo* memo) {
  if (memo != nullptr) {
    if (auto it = memo->windows.find(monitor); it != memo->windows.end()) return it->second;
  }
  AIRM_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      db.Query("SELECT MAX(computed_at), COUNT(*) FROM monitor_windows WHERE monitor = ?",
               {monitor}));
  EvidenceMemo::Windows out;
  if (!rows.empty()) {
    out.newest = rows[0].OptionalText(0);
    out.count = rows[0].Int(1);
  }
  if (memo != nullptr) memo->windows[monitor] = out;
  return out;
}

// The audit trail's subjects and times, from `memo` when it has them.
Result<std::vector<EvidenceMemo::AuditSubject>> AuditSubjects(store::Database& db,
                                                              EvidenceMemo* memo) {
  if (memo != nullptr && memo->audit) return *memo->audit;
  std::vector<EvidenceMemo::AuditSubject> out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT entry FROM audit_entries ORDER BY seq", {}, [&](const store::Row& row) -> Status {
        const nlohmann::json e = nlohmann::json::parse(row.Text(0), nullptr, false);
        if (!e.is_object() || !e.contains("subject") || !e["subject"].is_string()) {
          return Status::Ok();  // `airm audit verify` reports damaged entries
        }
        EvidenceMemo::AuditSubject s{.subject = e["subject"].get<std::string>(), .at = {}};
        if (e.contains("at") && e["at"].is_string()) s.at = e["at"].get<std::string>();
        out.push_back(std::move(s));
        return Status::Ok();
      }));
  if (memo != nullptr) memo->audit = out;
  return out;
}

Result<EvidenceItem> MonitorEvidence(store::Database& db, const Facts& f,
                                     const std::string& config_note, EvidenceMemo* memo) {
  if (f.monitors.empty()) {
    return Missing("drift_monitoring", config_note.empty()
                                           ? "no monitor in airm.yaml watches a linked model"
                                           : config_note);
  }
  std::optional<std::string> newest;
  int64_t windows = 0;
  for (const std::string& m : f.monitors) {
    AIRM_ASSIGN_OR_RETURN(EvidenceMemo::Windows w, WindowsOf(db, m, memo));
    KeepNewest(&newest, w.newest);
    windows += w.count;
  }
  if (windows == 0) {
    return Missing("drift_monitoring", "monitors declared but no window computed yet");
  }
  return Present("drift_monitoring", std::to_string(windows) + " monitor windows", newest);
}

// Audit entries about the system, its risks or its models ("system:NAME",
// "risk:R-001", "model:NAME@VERSION").
Result<EvidenceItem> AuditEvidence(store::Database& db, const Facts& f, EvidenceMemo* memo) {
  std::set<std::string> subjects = {"system:" + f.view.system.name};
  for (const governance::Risk& r : f.view.risks) subjects.insert("risk:" + r.Key());
  std::set<std::string> models;
  for (const governance::LinkedModel& m : f.view.models) models.insert(m.model);
  int64_t count = 0;
  std::optional<std::string> newest;
  AIRM_ASSIGN_OR_RETURN(std::vector<EvidenceMemo::AuditSubject> entries, AuditSubjects(db, memo));
  for (const EvidenceMemo::AuditSubject& e : entries) {
    bool ours = subjects.contains(e.subject);
    if (!ours && e.subject.rfind("model:", 0) == 0) {
      const std::string ref = e.subject.substr(6);
      ours = models.contains(ref.substr(0, ref.rfind('@')));
    }
    if (!ours) continue;
    ++count;
    KeepNewest(&newest, e.at);
  }
  if (count == 0) return Missing("audit_trail", "no audit entry about the system");
  return Present("audit_trail", std::to_string(count) + " audit entries", newest);
}

}  // namespace

Result<EvidenceStore> OpenEvidenceStore(const store::LocateOptions& where) {
  EvidenceStore out;
  if (auto w = OpenMonitorWorkspace(where); w.ok()) {
    out.ws = std::move(w).value();
  } else {
    out.config_note = "monitors not read: " + w.status().message();
    AIRM_ASSIGN_OR_RETURN(out.opened, OpenStore(where));
  }
  return out;
}

Result<std::set<std::string>> MetControlsOfSystem(store::Database& db,
                                                  const governance::AiSystem& sys,
                                                  const EvidenceStore& where,
                                                  const std::string& today) {
  AIRM_ASSIGN_OR_RETURN(governance::ControlLibrary library, governance::BuiltinControlLibrary());
  AIRM_ASSIGN_OR_RETURN(governance::SystemEvidence evidence,
                        CollectSystemEvidence(db, sys, where, today));
  return governance::MetControls(library, evidence, today);
}

Result<ApprovalBinding> EvidenceOfModel(store::Database& db, const std::string& model_name,
                                        const EvidenceStore& where, const std::string& today) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<store::Row> rows,
      db.Query("SELECT s.name FROM ai_systems s JOIN ai_system_models l ON l.system_id = s.id "
               "JOIN models m ON m.id = l.model_id WHERE m.name = ? ORDER BY s.name",
               {model_name}));
  AIRM_ASSIGN_OR_RETURN(governance::ControlLibrary library, governance::BuiltinControlLibrary());
  std::optional<std::set<std::string>> met;
  std::vector<governance::BoundControl> bound;
  for (const store::Row& row : rows) {
    AIRM_ASSIGN_OR_RETURN(governance::AiSystem sys, governance::GetSystemByName(db, row.Text(0)));
    AIRM_ASSIGN_OR_RETURN(governance::SystemEvidence evidence,
                          CollectSystemEvidence(db, sys, where, today));
    std::set<std::string> here;
    for (governance::BoundControl& b : governance::BindableControls(library, evidence, today)) {
      here.insert(b.control);
      bound.push_back(std::move(b));
    }
    if (!met) {
      met = std::move(here);
      continue;
    }
    std::set<std::string> both;
    for (const std::string& c : *met) {
      if (here.contains(c)) both.insert(c);
    }
    met = std::move(both);
  }
  ApprovalBinding out{.met = met.value_or(std::set<std::string>{}), .bound = {}};
  // Only what the approval is bound to: a control met for every system.
  for (governance::BoundControl& b : bound) {
    if (out.met.contains(b.control)) out.bound.push_back(std::move(b));
  }
  return out;
}

Result<std::set<std::string>> MetControlsOfModel(store::Database& db, const std::string& model_name,
                                                 const EvidenceStore& where,
                                                 const std::string& today) {
  AIRM_ASSIGN_OR_RETURN(ApprovalBinding evidence, EvidenceOfModel(db, model_name, where, today));
  return std::move(evidence.met);
}

std::vector<std::string> MonitorsOfSystem(const governance::SystemView& view,
                                          const EvidenceStore& where) {
  std::vector<std::string> out;
  if (!where.monitors()) return out;
  std::set<std::string> names;
  for (const governance::LinkedModel& m : view.models) names.insert(m.model);
  for (const monitor::MonitorSpec& m : where.monitors()->monitors) {
    if (!m.model.empty() && names.contains(m.model.substr(0, m.model.rfind('@')))) {
      out.push_back(m.name);
    }
  }
  return out;
}

Result<governance::SystemEvidence> CollectSystemEvidence(store::Database& db,
                                                         const governance::AiSystem& sys,
                                                         const EvidenceStore& where,
                                                         const std::string& today) {
  const std::string& config_note = where.config_note;
  Facts f;
  AIRM_ASSIGN_OR_RETURN(f.view, governance::LoadSystemView(db, sys));
  AIRM_ASSIGN_OR_RETURN(f.newest, NewestVersions(db, f.view.models));
  AIRM_ASSIGN_OR_RETURN(f.serving, ServingVersions(db, f.view.models));
  f.monitors = MonitorsOfSystem(f.view, where);
  governance::SystemEvidence out{.system = sys.name};
  AIRM_ASSIGN_OR_RETURN(out.manual, governance::ManualEvidenceOf(db, sys.id));
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
  const size_t approval_at = ev.size();
  AIRM_RETURN_IF_ERROR(ModelEvidence(db, f, &ev));
  AIRM_ASSIGN_OR_RETURN(EvidenceItem monitor, MonitorEvidence(db, f, config_note, where.memo));
  ev.push_back(std::move(monitor));
  AIRM_ASSIGN_OR_RETURN(EvidenceItem chaos, ChaosEvidence(db, f));
  ev.push_back(std::move(chaos));
  AIRM_ASSIGN_OR_RETURN(EvidenceItem audit, AuditEvidence(db, f, where.memo));
  ev.push_back(std::move(audit));
  if (sys.decision_type == "human-in-the-loop") {
    ev.push_back(Present("human_oversight", "decisions are human-in-the-loop"));
  } else {
    ev.push_back(Missing("human_oversight", "decisions are " + sys.decision_type));
  }
  // The approval last: it counts only while the controls it was bound to are
  // met, judged on everything else.
  AIRM_ASSIGN_OR_RETURN(governance::ControlLibrary library, governance::BuiltinControlLibrary());
  AIRM_ASSIGN_OR_RETURN(EvidenceItem approval,
                        ApprovalEvidence(db, f, governance::MetControls(library, out, today)));
  ev.insert(ev.begin() + static_cast<std::ptrdiff_t>(approval_at), std::move(approval));
  return out;
}

}  // namespace airm::usecases::internal
